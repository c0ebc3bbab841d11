/**
 * The files of one kept live session (camera or shared window), times in seconds from the start of
 * the session, the wall-clock start in the JSON:
 *   `<stem>.events.csv` (the columns of a file analysis's events CSV),
 *   `<stem>.markers.csv` (time_s, note, added_at),
 *   `<stem>.vtt` (events and markers as cues), and
 *   `<stem>.json` (format `microflash-session`: source, start and end, consent, neutral, events, markers).
 * A live source has no frame index or presentation time: its events are kept on the capture clock
 * and shifted here by the capture time of the session's first analysed frame (time 0 = `startedAt`).
 */
import type { FlashEvent, NeutralBaseline } from '../contract/index.ts';
import { EXPERIMENTAL_KINDS, type FlashKind } from '../flash/index.ts';
import { csvRow } from './csv-escape.ts';
import { eventsCsv, sortEventsByOnset } from './events-csv.ts';
import { escapeVttText, vttCue, vttTimestamp } from './events-vtt.ts';
import { EXPORT_DEFAULTS } from './export-defaults.ts';
import { formatNumber } from './format-number.ts';

export const SESSION_FORMAT = 'microflash-session';
export const SESSION_FORMAT_VERSION = 1;

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

/** Suffixes of a kept session's files, appended to `sessionStem`. */
export const SESSION_SUFFIXES = {
  events: '.events.csv',
  markers: '.markers.csv',
  vtt: '.vtt',
  json: '.json',
} as const;

export type SessionExportKind = keyof typeof SESSION_SUFFIXES;

export const MARKERS_CSV_COLUMNS: readonly string[] = ['time_s', 'note', 'added_at'];

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

/** One export of a kept session: its file name and text. */
export function sessionExport(
  session: KeptSession,
  kind: SessionExportKind,
  toolVersion: string,
): { name: string; text: string; type: string } {
  const name = sessionStem(session) + SESSION_SUFFIXES[kind];
  switch (kind) {
    case 'events':
      return { name, text: eventsCsv(sessionRelativeEvents(session)), type: 'text/csv' };
    case 'markers':
      return { name, text: markersCsv(sessionRelativeMarkers(session)), type: 'text/csv' };
    case 'vtt':
      return { name, text: sessionVtt(session), type: 'text/vtt' };
    case 'json':
      return { name, text: JSON.stringify(sessionDocument(session, toolVersion), null, 2) + '\n', type: 'application/json' };
  }
}

/** Markers (already session-relative) as CSV. */
export function markersCsv(markers: readonly SessionMarker[]): string {
  return (
    csvRow(MARKERS_CSV_COLUMNS) +
    markers.map((m) => csvRow([formatNumber(m.atMs / 1000, EXPORT_DEFAULTS.secondsDecimals), m.note, m.addedAt])).join('')
  );
}

/** Events and markers as WebVTT cues in time order (a marker is shown for the shortest cue). */
export function sessionVtt(session: KeptSession): string {
  type Cue = { startMs: number; block: (id: number) => string };
  const cues: Cue[] = [
    ...sessionRelativeEvents(session).map((e): Cue => ({ startMs: e.onsetMs, block: (id) => vttCue(e, id) })),
    ...sessionRelativeMarkers(session).map(
      (m): Cue => ({
        startMs: m.atMs,
        block: (id) =>
          `${id}\n${vttTimestamp(m.atMs)} --> ${vttTimestamp(m.atMs + EXPORT_DEFAULTS.minCueMs)}\n${escapeVttText(m.note ? `Marker: ${m.note}` : 'Marker')}\n`,
      }),
    ),
  ].sort((a, b) => a.startMs - b.startMs);
  return ['WEBVTT', '', ...cues.map((c, i) => c.block(i + 1))].join('\n');
}

/** The `<stem>.json` document. Times are ms since time 0; unknown ones (an offset never seen) are null. */
export function sessionDocument(session: KeptSession, toolVersion: string) {
  const stem = sessionStem(session);
  return {
    format: SESSION_FORMAT,
    formatVersion: SESSION_FORMAT_VERSION,
    tool: { name: 'microflash', version: toolVersion },
    source: session.source,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    /** How the times below relate to the clock. */
    timeBase:
      session.clockOriginMs === null
        ? 'ms on the capture clock (this session was kept before session-relative times were recorded)'
        : 'ms since startedAt (the first analysed frame)',
    consent: session.consent,
    baseline: session.baseline,
    files: { events: stem + SESSION_SUFFIXES.events, markers: stem + SESSION_SUFFIXES.markers, vtt: stem + SESSION_SUFFIXES.vtt },
    experimentalKinds: { ...EXPERIMENTAL_KINDS } as Partial<Record<FlashKind, string>>,
    events: sessionRelativeEvents(session).map((e) => ({
      ...e,
      offsetMs: Number.isFinite(e.offsetMs) ? e.offsetMs : null,
      durationMs: Number.isFinite(e.durationMs) ? e.durationMs : null,
    })),
    markers: sessionRelativeMarkers(session),
  };
}
