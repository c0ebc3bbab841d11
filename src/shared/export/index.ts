/** What the app and the command line write for the user: events CSV and WebVTT, frames CSV, the analysis JSON. */
export {
  ANALYSIS_FORMAT,
  ANALYSIS_FORMAT_VERSION,
  analysisDocument,
  analysisJson,
  analysisVideo,
  truncationWarning,
  type AnalysisDocument,
  type AnalysisDocumentInput,
  type AnalysisEvent,
  type AnalysisVideo,
} from './analysis-json.ts';
export { default as ANALYSIS_SCHEMA } from './analysis.schema.json' with { type: 'json' };
export { EVENTS_CSV_COLUMNS, eventsCsv, eventsCsvHeader, eventsCsvRow, formatEventAus, sortEventsByOnset } from './events-csv.ts';
export { escapeVttText, eventsVtt, vttCue, vttCueText, vttTimestamp } from './events-vtt.ts';
export {
  MARKERS_CSV_COLUMNS,
  markersCsv,
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  SESSION_SUFFIXES,
  sessionDocument,
  sessionExport,
  sessionFramesCsv,
  sessionVtt,
  type SessionExportInput,
  type SessionExportKind,
} from './session-export.ts';
export { REPORT_DEFAULTS, sessionReportHtml } from './session-report.ts';
export { type KeptSession, type SessionMarker, sessionRelativeEvents, sessionRelativeMarkers, sessionStem } from './session-times.ts';
export { EXPORT_DEFAULTS, EXPORT_SUFFIXES, type ExportKind } from './export-defaults.ts';
export { FRAMES_CSV_COLUMNS, framesCsvHeader, framesCsvRow, type FramesCsvFrame } from './frames-csv.ts';
export { CLIPS_ARCHIVE_SUFFIX, CLIPS_CSV_COLUMNS, clipFileName, clipsArchive, type ClipFile } from './clips-archive.ts';
export {
  PRACTICE_FORMAT,
  PRACTICE_FORMAT_VERSION,
  PROGRESS_CSV_COLUMNS,
  practiceArchive,
  TRIES_CSV_COLUMNS,
  type PracticeClipFile,
} from './practice-archive.ts';
