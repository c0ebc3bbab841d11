/**
 * `<stem>.vtt`: the events as WebVTT cues, so any video player (VLC, mpv, a browser's <track>)
 * shows them over the video. Cue text, e.g. `Anger (micro, 133 ms) AU04 AU07`.
 * Cues are in onset order (WebVTT requires non-decreasing start times); each cue is numbered.
 */
import type { FlashEvent } from '../contract/index.ts';
import { kindLabel } from '../flash/index.ts';
import { sortEventsByOnset } from './events-csv.ts';
import { EXPORT_DEFAULTS } from './export-defaults.ts';

/** The whole file. */
export function eventsVtt(events: readonly FlashEvent[]): string {
  const cues = sortEventsByOnset(events).map((event, i) => vttCue(event, i + 1));
  return ['WEBVTT', '', ...cues].join('\n');
}

/** One cue block: identifier, timings, text, blank line. */
export function vttCue(event: FlashEvent, identifier: number): string {
  const start = Math.max(0, event.onsetMs);
  const shownUntil = Number.isFinite(event.offsetMs) ? event.offsetMs : start;
  const end = Math.max(shownUntil, start + EXPORT_DEFAULTS.minCueMs);
  return `${identifier}\n${vttTimestamp(start)} --> ${vttTimestamp(end)}\n${vttCueText(event)}\n`;
}

/** `Anger (micro, 133 ms) AU04 AU07`; one-sided events also name the person's side. */
export function vttCueText(event: FlashEvent): string {
  const facts: string[] = [];
  if (event.side === 'left' || event.side === 'right') facts.push(event.side);
  if (event.micro) facts.push('micro');
  facts.push(Number.isFinite(event.durationMs) ? `${Math.round(event.durationMs)} ms` : 'ongoing at end');
  const aus = event.aus.map((a) => a.au).join(' ');
  return escapeVttText(`${kindLabel(event.kind)} (${facts.join(', ')})${aus ? ` ${aus}` : ''}`);
}

/** `hh:mm:ss.ttt` (hours always written: players accept it and long recordings need it). */
export function vttTimestamp(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const millis = total % 1000;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Cue text may not hold `&`, `<`, the `-->` arrow or a blank line (which ends the cue) as plain text. */
export function escapeVttText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll(/\s*[\r\n]+\s*/g, ' ');
}
