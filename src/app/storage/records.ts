/**
 * What is read back from IndexedDB is checked before it is used: a record written by another
 * version, or damaged, is set aside as unreadable (the page lists it, exportable as raw JSON and
 * deletable) instead of breaking the data list or the start of the camera.
 */
import { validateNeutralBaseline, type NeutralBaseline } from '../../shared/au/index.ts';
import { FLASH_KINDS } from '../../shared/contract/index.ts';
import type { RecordedSession, SavedBaseline, StoredClip } from './db.ts';

export interface UnreadableRecord {
  store: 'baselines' | 'sessions';
  /** The record's key when it has one. */
  key: string | null;
  /** Why it cannot be used. */
  why: string;
  raw: unknown;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const kinds: ReadonlySet<string> = new Set(FLASH_KINDS);

/** A saved neutral this version can use, or why not. */
export function readBaselineRecord(raw: unknown): SavedBaseline | UnreadableRecord {
  const key = isObject(raw) && typeof raw.id === 'string' ? raw.id : null;
  const unreadable = (why: string): UnreadableRecord => ({ store: 'baselines', key, why, raw });
  if (!isObject(raw) || key === null || typeof raw.createdAt !== 'string' || typeof raw.name !== 'string')
    return unreadable('not a saved neutral face');
  let baseline: NeutralBaseline;
  try {
    baseline = validateNeutralBaseline(raw.baseline);
  } catch {
    return unreadable('a neutral face saved by another version (calibrate again and save it)');
  }
  return { id: key, name: raw.name, createdAt: raw.createdAt, baseline };
}

/** A kept session this version can show, or why not. Its neutral, if unreadable, is dropped (the raw record keeps it). */
export function readSessionRecord(raw: unknown): RecordedSession | UnreadableRecord {
  const key = isObject(raw) && typeof raw.id === 'string' ? raw.id : null;
  const unreadable = (why: string): UnreadableRecord => ({ store: 'sessions', key, why, raw });
  if (!isObject(raw) || key === null || typeof raw.startedAt !== 'string' || !Array.isArray(raw.events))
    return unreadable('not a kept session');
  const events = raw.events.filter(
    (e: unknown) => isObject(e) && typeof e.kind === 'string' && kinds.has(e.kind) && typeof e.onsetMs === 'number',
  );
  if (events.length !== raw.events.length) return unreadable('a session with events this version does not know');
  let baseline: NeutralBaseline | null = null;
  try {
    baseline = raw.baseline == null ? null : validateNeutralBaseline(raw.baseline);
  } catch {
    baseline = null;
  }
  const markers = Array.isArray(raw.markers) ? raw.markers : [];
  if (
    !markers.every((m: unknown) => isObject(m) && typeof m.atMs === 'number' && typeof m.note === 'string' && typeof m.addedAt === 'string')
  )
    return unreadable('a session with markers this version does not know');
  return {
    id: key,
    startedAt: raw.startedAt,
    endedAt: typeof raw.endedAt === 'string' ? raw.endedAt : null,
    source: typeof raw.source === 'string' ? raw.source : 'unknown source',
    clockOriginMs: typeof raw.clockOriginMs === 'number' && Number.isFinite(raw.clockOriginMs) ? raw.clockOriginMs : null,
    events: events as unknown as RecordedSession['events'],
    markers: markers as RecordedSession['markers'],
    baseline,
    consent:
      isObject(raw.consent) && typeof raw.consent.givenAt === 'string' && typeof raw.consent.disclosure === 'string'
        ? { givenAt: raw.consent.givenAt, disclosure: raw.consent.disclosure }
        : null,
  };
}

export const isUnreadable = (r: object): r is UnreadableRecord => 'why' in r && 'raw' in r;

/** A kept clip this version can play, or null (it is still deleted with its session). */
export function readClipRecord(raw: unknown): StoredClip | null {
  if (!isObject(raw) || typeof raw.sessionId !== 'string' || typeof raw.id !== 'string' || !(raw.video instanceof Blob)) return null;
  const e = raw.event;
  if (!isObject(e) || typeof e.kind !== 'string' || !kinds.has(e.kind) || typeof e.onsetMs !== 'number') return null;
  if (typeof raw.startMs !== 'number' || typeof raw.endMs !== 'number' || typeof raw.mimeType !== 'string') return null;
  return raw as unknown as StoredClip;
}
