/**
 * `<stem>.events.csv`: one row per detected expression (flash), in onset order.
 *
 * Columns: kind (one of FLASH_KINDS), onset_s / apex_s / offset_s (presentation time of the video,
 * seconds), onset_ms (duration of the onset phase, onset to apex, ms), duration_ms (onset to
 * offset), peak (FACS 0-5), side (left/right/both, the person's side; empty where sides are not
 * scored), micro and fast_onset (0/1), aus (the AUs that carried it with their peaks,
 * `AU04:2.31;AU09:1.20`); then confidence (0-1), side_lag_ms (positive = left side first), macro
 * (0/1), ended_by (offset, face-lost, max-duration, or flush = the video ended) and experimental
 * (1 for the kinds without validation data: pain, dissociation). Offsets and durations are empty
 * for an event that had not ended when the video did.
 */
import type { FlashEvent } from '../contract/index.ts';
import { EXPERIMENTAL_KINDS } from '../flash/index.ts';
import { csvRow } from './csv-escape.ts';
import { EXPORT_DEFAULTS } from './export-defaults.ts';
import { formatNumber } from './format-number.ts';

/** Every column of the events CSV, in order. */
export const EVENTS_CSV_COLUMNS: readonly string[] = [
  'kind',
  'onset_s',
  'apex_s',
  'offset_s',
  'onset_ms',
  'duration_ms',
  'peak',
  'side',
  'micro',
  'fast_onset',
  'aus',
  'confidence',
  'side_lag_ms',
  'macro',
  'ended_by',
  'experimental',
];

/** The header line. */
export function eventsCsvHeader(): string {
  return csvRow(EVENTS_CSV_COLUMNS);
}

/** One event's line. */
export function eventsCsvRow(event: FlashEvent): string {
  const { secondsDecimals, msDecimals, auDecimals, confidenceDecimals } = EXPORT_DEFAULTS;
  return csvRow([
    event.kind,
    formatNumber(event.onsetMs / 1000, secondsDecimals),
    formatNumber(event.apexMs / 1000, secondsDecimals),
    formatNumber(event.offsetMs / 1000, secondsDecimals),
    formatNumber(event.onsetPhaseMs, msDecimals),
    formatNumber(event.durationMs, msDecimals),
    formatNumber(event.peak, auDecimals),
    event.side ?? '',
    event.micro ? '1' : '0',
    event.fastOnset ? '1' : '0',
    formatEventAus(event.aus),
    formatNumber(event.confidence, confidenceDecimals),
    formatNumber(event.sideLagMs, msDecimals),
    event.macro ? '1' : '0',
    event.endedBy ?? '',
    EXPERIMENTAL_KINDS[event.kind] ? '1' : '0',
  ]);
}

/** The whole file: header and every event, sorted by onset (ties keep their order). */
export function eventsCsv(events: readonly FlashEvent[]): string {
  return eventsCsvHeader() + sortEventsByOnset(events).map(eventsCsvRow).join('');
}

/** `AU04:2.31;AU09:1.20`: AU id, colon, peak intensity; semicolon between AUs. */
export function formatEventAus(aus: FlashEvent['aus']): string {
  return aus.map(({ au, peak }) => `${au}:${formatNumber(peak, EXPORT_DEFAULTS.eventAuDecimals)}`).join(';');
}

/** A copy of the events in onset order (stable). */
export function sortEventsByOnset(events: readonly FlashEvent[]): FlashEvent[] {
  return [...events].sort((a, b) => a.onsetMs - b.onsetMs);
}
