/**
 * The app's stored data, behind one small interface: saved neutral faces and (when the user asks)
 * recorded sessions. A session's events are kept in memory first and written through; when the
 * disk is full the write fails with a message, and the events stay in memory to be exported
 * (`unsavedSession`). What is read back is checked (records.ts): a record this version cannot use
 * is listed as unreadable, never thrown. A database this version cannot open (made by a newer one)
 * is reported; deleting everything works regardless.
 */
import { deleteDB, type IDBPDatabase } from 'idb';
import type { FlashClip, FlashEvent, NeutralBaseline } from '../../shared/contract/index.ts';
import {
  DB_NAME,
  newId,
  openMicroflashDb,
  writeOrExplain,
  type MicroflashDb,
  type RecordedSession,
  type SavedBaseline,
  type StoredClip,
} from './db.ts';
import type { FramesCsvFrame, SessionMarker } from '../../shared/export/index.ts';
import { FRAME_ROW_WIDTH, packFrame } from '../../shared/timeline/frame-rows.ts';
import type { ConsentRecord } from '../consent.ts';
import { isUnreadable, readBaselineRecord, readClipRecord, readSessionRecord, type UnreadableRecord } from './records.ts';

export interface StoredData {
  baselines: SavedBaseline[];
  sessions: RecordedSession[];
  unreadable: UnreadableRecord[];
  /** Clips of flashes kept, by session id (sessions without any are absent). */
  clipCounts: Map<string, number>;
  /** Set when the database could not be opened at all (what to do included). */
  error: string | null;
}

export const DATA_STORE_DEFAULTS = {
  /** Frames written to IndexedDB in one piece: 10 s at 30 fps, so a kept session costs one small write every few seconds. */
  framesPerChunk: 300,
} as const;

export class DataStore {
  private db: Promise<IDBPDatabase<MicroflashDb>> | null = null;
  private session: RecordedSession | null = null;
  /** The kept session's frames not yet written, and the number of the next chunk. */
  private pending = new Float32Array(DATA_STORE_DEFAULTS.framesPerChunk * FRAME_ROW_WIDTH);
  private pendingFrames = 0;
  private nextSeq = 0;
  /** Wall-clock time (ms) of the kept session's time 0, the earliest its frames allow. */
  private originWallMs = Number.POSITIVE_INFINITY;
  /** The last stored-session update queued (updateSession). */
  private updates: Promise<void> = Promise.resolve();

  private open(): Promise<IDBPDatabase<MicroflashDb>> {
    this.db ??= openMicroflashDb(() => (this.db = null)).catch((err: unknown) => {
      this.db = null;
      throw err;
    });
    return this.db;
  }

  /** Starts keeping a session of `source`, with the analysed person's consent where it is someone else. */
  async startSession(source: string, consent: ConsentRecord | null = null): Promise<void> {
    if (this.session) return;
    this.pendingFrames = 0;
    this.nextSeq = 0;
    this.originWallMs = Number.POSITIVE_INFINITY;
    this.session = {
      id: newId(),
      startedAt: new Date().toISOString(),
      endedAt: null,
      source,
      clockOriginMs: null,
      events: [],
      markers: [],
      baseline: null,
      consent,
    };
    await this.persist();
  }

  /**
   * A frame was analysed, `ageMs` after it reached the analyser: kept with the session (written in
   * chunks). The first one of a kept session becomes its time 0, so that exports give times from
   * the start of the session. Its wall-clock time (`startedAt`) is the earliest that every frame so
   * far allows: a frame can wait in the source's queue before it reaches the analyser (the first
   * ones while a new worker warms up, for a second or more), so one frame alone dates time 0 late.
   */
  async addFrame(frame: Omit<FramesCsvFrame, 'frameIndex'>, ageMs = 0): Promise<void> {
    const s = this.session;
    if (!s) return;
    const first = s.clockOriginMs === null;
    if (first) s.clockOriginMs = frame.timestampMs;
    const originWallMs = Date.now() - Math.max(0, ageMs) - (frame.timestampMs - s.clockOriginMs!);
    if (originWallMs < this.originWallMs) {
      this.originWallMs = originWallMs;
      s.startedAt = new Date(originWallMs).toISOString();
    }
    packFrame(frame, s.clockOriginMs!, this.pending, this.pendingFrames++);
    if (this.pendingFrames === DATA_STORE_DEFAULTS.framesPerChunk) await this.writeFrames();
    else if (first) await this.persist();
  }

  /** Writes the frames not yet written as the next chunk. */
  private async writeFrames(): Promise<void> {
    const s = this.session;
    if (!s || this.pendingFrames === 0) return;
    const rows = this.pending.slice(0, this.pendingFrames * FRAME_ROW_WIDTH);
    const chunk = { sessionId: s.id, seq: this.nextSeq++, rows };
    this.pendingFrames = 0;
    const db = await this.open();
    await writeOrExplain(() => db.put('frames', chunk));
  }

  /** Every kept frame of a session, in order (FRAME_ROW_WIDTH numbers each). */
  async frames(sessionId: string): Promise<Float32Array> {
    const db = await this.open();
    const chunks = (await db.getAllFromIndex('frames', 'bySession', sessionId)).sort((a, b) => a.seq - b.seq);
    const out = new Float32Array(chunks.reduce((n, c) => n + c.rows.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c.rows, at);
      at += c.rows.length;
    }
    return out;
  }

  /** Keeps a clip of a flash with a kept session (also one that has just ended: the last clips come after Stop). */
  async addClip(sessionId: string, clip: FlashClip): Promise<void> {
    const db = await this.open();
    await writeOrExplain(() => db.put('clips', { ...clip, sessionId, id: newId() }));
  }

  /** A kept session's clips this version can play, in time order. */
  async clips(sessionId: string): Promise<StoredClip[]> {
    const db = await this.open();
    const raw: unknown[] = await db.getAllFromIndex('clips', 'bySession', sessionId);
    return raw
      .map(readClipRecord)
      .filter((c): c is StoredClip => c !== null)
      .sort((a, b) => a.startMs - b.startMs);
  }

  /** Deletes a kept session's clips, keeping the rest of it. */
  async deleteClips(sessionId: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('clips', 'readwrite');
    const index = tx.store.index('bySession');
    for (let c = await index.openKeyCursor(sessionId); c; c = await c.continue()) await tx.store.delete(c.primaryKey);
    await tx.done;
  }

  /** Keeps a marker with the session being kept (false when no session is kept). */
  async addMarker(marker: SessionMarker): Promise<boolean> {
    if (!this.session) return false;
    this.session.markers.push(marker);
    await this.persist();
    return true;
  }

  /** Sets the note of the kept session's marker at `atMs` (added before). */
  async noteMarker(atMs: number, note: string): Promise<void> {
    const marker = this.session?.markers.find((m) => m.atMs === atMs);
    if (!marker) return;
    marker.note = note;
    await this.persist();
  }

  /** Adds a marker to a kept session that has ended (marked while reviewing it). */
  async addSessionMarker(id: string, marker: SessionMarker): Promise<void> {
    await this.updateSession(id, (s) => s.markers.push(marker));
  }

  /** Sets the note of a kept session's marker at `atMs`. */
  async noteSessionMarker(id: string, atMs: number, note: string): Promise<void> {
    await this.updateSession(id, (s) => {
      const m = s.markers.find((x) => x.atMs === atMs);
      if (m) m.note = note;
    });
  }

  /** Read-modify-write of a stored session, one at a time (a marker's note must not overwrite the marker being added). */
  private updateSession(id: string, change: (s: RecordedSession) => void): Promise<void> {
    const run = this.updates.then(() => this.applyUpdate(id, change));
    this.updates = run.catch(() => {});
    return run;
  }

  private async applyUpdate(id: string, change: (s: RecordedSession) => void): Promise<void> {
    const db = await this.open();
    const raw = await db.get('sessions', id);
    const s = raw && readSessionRecord(raw);
    if (!s || isUnreadable(s)) throw new Error('That session is no longer stored.');
    change(s);
    await writeOrExplain(() => db.put('sessions', s));
  }

  /** The id of the session being kept, or null. */
  get keptSessionId(): string | null {
    return this.session?.id ?? null;
  }

  get keeping(): boolean {
    return this.session !== null;
  }

  async addEvents(events: readonly FlashEvent[]): Promise<void> {
    if (!this.session) return;
    this.session.events.push(...events);
    await this.persist();
  }

  /** Closes the kept session, storing the neutral it was measured against with it. */
  async endSession(baseline: NeutralBaseline | null = null): Promise<void> {
    if (!this.session) return;
    this.session.endedAt = new Date().toISOString();
    this.session.baseline = baseline;
    try {
      await this.writeFrames();
      await this.persist();
    } finally {
      this.session = null;
    }
  }

  /** The session being kept, as it is in memory (also what a full disk did not store), or null. */
  unsavedSession(): RecordedSession | null {
    return this.session ? { ...this.session, events: [...this.session.events], markers: [...this.session.markers] } : null;
  }

  private async persist(): Promise<void> {
    const s = this.session;
    if (!s) return;
    const db = await this.open();
    await writeOrExplain(() => db.put('sessions', { ...s, events: [...s.events], markers: s.markers.map((m) => ({ ...m })) }));
  }

  async saveBaseline(baseline: NeutralBaseline): Promise<void> {
    const db = await this.open();
    const now = new Date();
    const record: SavedBaseline = { id: newId(), name: now.toLocaleString(), createdAt: now.toISOString(), baseline };
    await writeOrExplain(() => db.put('baselines', record));
  }

  /** The newest saved neutral this version can use, or undefined. */
  async lastBaseline(): Promise<SavedBaseline | undefined> {
    const { baselines } = await this.list();
    return baselines.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  }

  async list(): Promise<StoredData> {
    let db: IDBPDatabase<MicroflashDb>;
    try {
      db = await this.open();
    } catch (err) {
      const newer = (err as DOMException)?.name === 'VersionError';
      return {
        baselines: [],
        sessions: [],
        unreadable: [],
        clipCounts: new Map(),
        error: newer
          ? 'The data stored in this browser was made by a newer version of Microflash and cannot be read here. "Delete all stored data" removes it.'
          : `The data stored in this browser cannot be opened (${(err as Error).message}). "Delete all stored data" removes it.`,
      };
    }
    const unreadable: UnreadableRecord[] = [];
    const baselines: SavedBaseline[] = [];
    const sessions: RecordedSession[] = [];
    for (const raw of await db.getAll('baselines').catch(() => [] as unknown[])) {
      const r = readBaselineRecord(raw);
      if (isUnreadable(r)) unreadable.push(r);
      else baselines.push(r);
    }
    for (const raw of await db.getAll('sessions').catch(() => [] as unknown[])) {
      const r = readSessionRecord(raw);
      if (isUnreadable(r)) unreadable.push(r);
      else sessions.push(r);
    }
    sessions.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const clipCounts = new Map<string, number>();
    for (const [sessionId] of await db.getAllKeys('clips').catch(() => [] as [string, string][]))
      clipCounts.set(sessionId, (clipCounts.get(sessionId) ?? 0) + 1);
    return { baselines, sessions, unreadable, clipCounts, error: null };
  }

  /** Deletes a kept session with its frames and clips. */
  async deleteSession(id: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['sessions', 'frames', 'clips'], 'readwrite');
    await tx.objectStore('sessions').delete(id);
    const frames = tx.objectStore('frames').index('bySession');
    for (let c = await frames.openKeyCursor(id); c; c = await c.continue()) await tx.objectStore('frames').delete(c.primaryKey);
    const clips = tx.objectStore('clips').index('bySession');
    for (let c = await clips.openKeyCursor(id); c; c = await c.continue()) await tx.objectStore('clips').delete(c.primaryKey);
    await tx.done;
  }

  async deleteBaseline(id: string): Promise<void> {
    await (await this.open()).delete('baselines', id);
  }

  /** Deletes one record by store and key (an unreadable one included). */
  async deleteRecord(store: 'baselines' | 'sessions', key: string): Promise<void> {
    if (store === 'sessions') await this.deleteSession(key);
    else await (await this.open()).delete(store, key);
  }

  /**
   * Removes the whole database, whatever is in it (also one this version cannot open). A session
   * being kept goes on in memory only if re-enabled.
   */
  async deleteAll(): Promise<void> {
    const open = this.db;
    this.db = null;
    this.session = null;
    const db = await open?.catch(() => null);
    db?.close();
    await deleteDB(DB_NAME);
  }
}
