/**
 * A kept live session as the exports read it, and its clock: live events are kept on the capture
 * clock and shifted by the capture time of the session's first analysed frame (time 0 = startedAt).
 */
import type { FlashEvent, NeutralBaseline } from '../contract/index.ts';
import { sortEventsByOnset } from './events-csv.ts';

/** A moment the user marked during a session, with an optional note. */
export interface SessionMarker {
  /** Capture-clock time of the frame on screen when it was marked (ms), like the events' times. */
  atMs: number;
  /** The user's short note ('' for none). */
  note: string;
  /** ISO 8601 wall-clock time it was added. */
  addedAt: string;
}

/** A kept session as stored (the app's RecordedSession fits). */
export interface KeptSession {
  /** ISO 8601 wall-clock time of time 0 (the first analysed frame once keeping began). */
  startedAt: string;
  endedAt: string | null;
  source: string;
  /** Capture-clock time (ms) of time 0; null for a session kept before this was recorded (times then stay on the capture clock). */
  clockOriginMs: number | null;
  events: readonly FlashEvent[];
  markers: readonly SessionMarker[];
  consent: { givenAt: string; disclosure: string } | null;
  baseline: NeutralBaseline | null;
}

/** `microflash-session-2026-12-02T20-40-04Z`: the start, safe in a file name on every system. */
export function sessionStem(session: Pick<KeptSession, 'startedAt'>): string {
  return `microflash-session-${session.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}`;
}

/** The session's events with every time in ms since time 0 (copies; durations unchanged). */
export function sessionRelativeEvents(session: Pick<KeptSession, 'events' | 'clockOriginMs'>): FlashEvent[] {
  const origin = session.clockOriginMs ?? 0;
  return sortEventsByOnset(session.events).map((e) => ({
    ...e,
    onsetMs: e.onsetMs - origin,
    apexMs: e.apexMs - origin,
    offsetMs: e.offsetMs - origin,
  }));
}

/** The markers in time order, each at ms since time 0. */
export function sessionRelativeMarkers(session: Pick<KeptSession, 'markers' | 'clockOriginMs'>): SessionMarker[] {
  const origin = session.clockOriginMs ?? 0;
  return [...session.markers].sort((a, b) => a.atMs - b.atMs).map((m) => ({ ...m, atMs: m.atMs - origin }));
}
