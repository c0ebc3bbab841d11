/**
 * The files of one kept live session (camera or shared window), times in seconds from the start of
 * the session, the wall-clock start in the JSON:
 *   `<stem>.frames.csv` (every analysed frame, the columns of a file analysis's frames CSV),
 *   `<stem>.events.csv` (the columns of a file analysis's events CSV),
 *   `<stem>.markers.csv` (time_s, note, added_at),
 *   `<stem>.vtt` (events and markers as cues), and
 *   `<stem>.json` (format `microflash-session`: source, start and end, consent, neutral, events, markers),
 *   `<stem>.report.html` (one printable page, session-report.ts).
 * A live source has no frame index or presentation time: its events are kept on the capture clock
 * and shifted here by the capture time of the session's first analysed frame (time 0 = `startedAt`).
 */
import { EXPERIMENTAL_KINDS, type FlashKind } from '../flash/index.ts';
import { csvRow } from './csv-escape.ts';
import { eventsCsv } from './events-csv.ts';
import { escapeVttText, vttCue, vttTimestamp } from './events-vtt.ts';
import { EXPORT_DEFAULTS } from './export-defaults.ts';
import { formatNumber } from './format-number.ts';
import { framesCsvHeader, framesCsvRow } from './frames-csv.ts';
import { frameRowCount, unpackFrame } from '../timeline/frame-rows.ts';
import { sessionReportHtml } from './session-report.ts';
import { type KeptSession, type SessionMarker, sessionRelativeEvents, sessionRelativeMarkers, sessionStem } from './session-times.ts';

export const SESSION_FORMAT = 'microflash-session';
export const SESSION_FORMAT_VERSION = 1;

/** Suffixes of a kept session's files, appended to `sessionStem`. */
export const SESSION_SUFFIXES = {
  frames: '.frames.csv',
  events: '.events.csv',
  markers: '.markers.csv',
  vtt: '.vtt',
  json: '.json',
  report: '.report.html',
} as const;

export type SessionExportKind = keyof typeof SESSION_SUFFIXES;

export const MARKERS_CSV_COLUMNS: readonly string[] = ['time_s', 'note', 'added_at'];

/** One export of a kept session: its file name and text. */
export function sessionExport(
  session: KeptSession,
  kind: SessionExportKind,
  from: SessionExportInput,
): { name: string; text: string; type: string } {
  const name = sessionStem(session) + SESSION_SUFFIXES[kind];
  const { toolVersion, createdAt = new Date() } = from;
  switch (kind) {
    case 'frames':
      return { name, text: sessionFramesCsv(from.frames ?? new Float32Array(0)), type: 'text/csv' };
    case 'events':
      return { name, text: eventsCsv(sessionRelativeEvents(session)), type: 'text/csv' };
    case 'markers':
      return { name, text: markersCsv(sessionRelativeMarkers(session)), type: 'text/csv' };
    case 'vtt':
      return { name, text: sessionVtt(session), type: 'text/vtt' };
    case 'report':
      return { name, text: sessionReportHtml(session, toolVersion, createdAt), type: 'text/html' };
    case 'json':
      return { name, text: JSON.stringify(sessionDocument(session, toolVersion), null, 2) + '\n', type: 'application/json' };
  }
}

/** What an export is made with besides the session. */
export interface SessionExportInput {
  toolVersion: string;
  /** When the export is made (the report says it); default now. */
  createdAt?: Date;
  /** The session's kept frames (frame-rows.ts), for the frames CSV. */
  frames?: Float32Array;
}

/** The kept frames as the frames CSV of a file analysis (timestamp_s from the session's start). */
export function sessionFramesCsv(frames: Float32Array): string {
  const n = frameRowCount(frames);
  let text = framesCsvHeader();
  for (let i = 0; i < n; i++) text += framesCsvRow(unpackFrame(frames, i, i));
  return text;
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
    files: {
      frames: stem + SESSION_SUFFIXES.frames,
      events: stem + SESSION_SUFFIXES.events,
      markers: stem + SESSION_SUFFIXES.markers,
      vtt: stem + SESSION_SUFFIXES.vtt,
      report: stem + SESSION_SUFFIXES.report,
    },
    experimentalKinds: { ...EXPERIMENTAL_KINDS } as Partial<Record<FlashKind, string>>,
    events: sessionRelativeEvents(session).map((e) => ({
      ...e,
      offsetMs: Number.isFinite(e.offsetMs) ? e.offsetMs : null,
      durationMs: Number.isFinite(e.durationMs) ? e.durationMs : null,
    })),
    markers: sessionRelativeMarkers(session),
  };
}
