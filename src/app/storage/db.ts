/**
 * What the app stores, only when the user asks: saved neutral faces and recorded sessions (events,
 * markers and each analysed frame's action units; never landmarks, and video only as short clips of
 * flashes when the user asks for them too); practice tries, the personal model, and clips of caught
 * practice flashes when the learner allows them. One IndexedDB database; the schema is this one interface.
 * Invariants: nothing is written without a user action; everything here can be exported and
 * deleted from the page ("Your data").
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ErrorCodeOf, FlashClip, FlashEvent, NeutralBaseline, PersonalModel } from '../../shared/contract/index.ts';
import type { PracticeTry } from '../../shared/practice/index.ts';
import type { KeptSession, SessionMarker } from '../../shared/export/index.ts';
import type { ConsentRecord } from '../consent.ts';

export interface SavedBaseline {
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  /** The AU estimator's neutral (plain data, versioned by the estimator). */
  baseline: NeutralBaseline;
}

export interface RecordedSession extends KeptSession {
  id: string;
  /** ISO 8601: when keeping began, then the wall-clock time of its first analysed frame (time 0 of the exports). */
  startedAt: string;
  endedAt: string | null;
  /** 'camera' | 'shared window' | file name. */
  source: string;
  /** Capture-clock time (ms) of the first analysed frame; null until one arrives (and in sessions kept by older versions). */
  clockOriginMs: number | null;
  /** Completed events, times in ms on the source's clock. */
  events: FlashEvent[];
  /** Moments the user marked, times in ms on the source's clock. */
  markers: SessionMarker[];
  /** The neutral face the events were measured against (AU estimator data), when one existed. */
  baseline: NeutralBaseline | null;
  /** The analysed person's consent, for a shared window (another person); null for one's own camera. */
  consent: ConsentRecord | null;
}

/** A run of a kept session's frames (FRAME_ROW_WIDTH numbers each, src/shared/timeline/frame-rows.ts), in order of `seq`. */
export interface FrameChunk {
  sessionId: string;
  seq: number;
  rows: Float32Array;
}

/** A short clip of a kept session's flash (the followed face, small): only when the user asked for clips. */
export interface StoredClip extends Omit<FlashClip, 'event'> {
  sessionId: string;
  id: string;
  /** The flash it shows, as kept with the session (times in ms on the source's clock). */
  event: FlashEvent;
}

/** The clip of a practice try's caught flash, kept only when the learner allowed it: replayed in recognition drills. */
export interface PracticeClip extends Omit<FlashClip, 'event'> {
  /** The try it belongs to. */
  tryId: string;
  /** The kind the learner meant to show (the try's target). */
  kind: FlashClip['event']['kind'];
  event: FlashEvent;
}

/** The learner's personal model (one: the latest trained). */
export interface StoredModel {
  id: 'current';
  model: PersonalModel;
}

export interface MicroflashDb extends DBSchema {
  baselines: { key: string; value: SavedBaseline };
  sessions: { key: string; value: RecordedSession; indexes: { byStart: string } };
  frames: { key: [string, number]; value: FrameChunk; indexes: { bySession: string } };
  clips: { key: [string, string]; value: StoredClip; indexes: { bySession: string } };
  tries: { key: string; value: PracticeTry; indexes: { byAt: number } };
  practiceClips: { key: string; value: PracticeClip };
  personalModel: { key: string; value: StoredModel };
}

export const DB_NAME = 'microflash';
/**
 * 2: the frames store (kept sessions' per-frame action units). 3: the clips store (short clips of
 * flashes). 4: practice (tries, the clips of caught practice flashes, the personal model).
 */
export const DB_VERSION = 4;

export class StorageFullError extends Error {
  readonly code = 'storage-full' satisfies ErrorCodeOf<'storage'>;

  constructor() {
    super(
      'The browser storage for this page is full: the newest flashes of the kept session are not stored. They are still in this page: export the session now, then make room under "Your data" (export and delete older sessions).',
    );
    this.name = 'StorageFullError';
  }
}

/**
 * Opens the database. `onGone` is called when this connection is closed so that another can
 * proceed (a newer version of the app upgrading it in another tab, or deleting it) or when the
 * browser closed it: the next use then opens it afresh.
 */
export function openMicroflashDb(onGone: () => void): Promise<IDBPDatabase<MicroflashDb>> {
  return openDB<MicroflashDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('baselines', { keyPath: 'id' });
        db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('byStart', 'startedAt');
      }
      if (oldVersion < 2) db.createObjectStore('frames', { keyPath: ['sessionId', 'seq'] }).createIndex('bySession', 'sessionId');
      if (oldVersion < 3) db.createObjectStore('clips', { keyPath: ['sessionId', 'id'] }).createIndex('bySession', 'sessionId');
      if (oldVersion < 4) {
        db.createObjectStore('tries', { keyPath: 'id' }).createIndex('byAt', 'at');
        db.createObjectStore('practiceClips', { keyPath: 'tryId' });
        db.createObjectStore('personalModel', { keyPath: 'id' });
      }
    },
    blocking(_current, _wanted, event) {
      // Holding on would block the other connection for as long as this page stays open.
      (event.target as IDBDatabase).close();
      onGone();
    },
    terminated: onGone,
  });
}

/** Runs a write, turning a full disk into a StorageFullError that says what to do. */
export async function writeOrExplain<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as DOMException)?.name === 'QuotaExceededError') throw new StorageFullError();
    throw err;
  }
}

export function newId(): string {
  return crypto.randomUUID();
}
