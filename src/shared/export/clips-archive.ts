/**
 * A kept session's clips of flashes as one zip file: each clip a small video named by its flash
 * (`clip-001-anger-12.345s.webm`, the time from the start of the session), and `clips.csv`
 * indexing them (the flash's times and the clip's, in seconds from the start of the session).
 * The videos are stored as they are (they are compressed already).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { FlashClip } from '../contract/index.ts';
import { csvRow } from './csv-escape.ts';
import { EXPORT_DEFAULTS } from './export-defaults.ts';
import { formatNumber } from './format-number.ts';
import { type KeptSession, sessionStem } from './session-times.ts';

/** A clip as the archive reads it: the stored clip's facts (times in ms on the source's clock, like the session's events) and its video's bytes. */
export type ClipFile = Omit<FlashClip, 'video'> & { bytes: Uint8Array };

export const CLIPS_CSV_COLUMNS: readonly string[] = [
  'file',
  'kind',
  'onset_s',
  'offset_s',
  'duration_ms',
  'micro',
  'clip_start_s',
  'clip_end_s',
  'frames',
  'width',
  'height',
];

export const CLIPS_ARCHIVE_SUFFIX = '.clips.zip';

/** Seconds in a clip's file name to the millisecond (the CSV has them in full). */
const FILE_NAME_DECIMALS = 3;

const extension = (mimeType: string) => (mimeType.includes('mp4') ? 'mp4' : 'webm');

/** `clip-001-anger-12.345s.webm`: the clip's place in the session (from 0), its flash's kind and onset (s since time 0). */
export function clipFileName(clip: Pick<ClipFile, 'event' | 'mimeType'>, index: number, originMs: number | null): string {
  const onsetS = formatNumber((clip.event.onsetMs - (originMs ?? 0)) / 1000, FILE_NAME_DECIMALS);
  return `clip-${String(index + 1).padStart(3, '0')}-${clip.event.kind}-${onsetS}s.${extension(clip.mimeType)}`;
}

export function clipsArchive(
  session: Pick<KeptSession, 'startedAt' | 'clockOriginMs'>,
  clips: readonly ClipFile[],
): { name: string; bytes: Uint8Array } {
  const origin = session.clockOriginMs ?? 0;
  const s = (ms: number) => formatNumber((ms - origin) / 1000, EXPORT_DEFAULTS.secondsDecimals);
  const files: Zippable = {};
  let csv = csvRow(CLIPS_CSV_COLUMNS);
  [...clips]
    .sort((a, b) => a.startMs - b.startMs)
    .forEach((c, i) => {
      const e = c.event;
      const file = clipFileName(c, i, session.clockOriginMs);
      files[file] = [c.bytes, { level: 0 }];
      csv += csvRow([
        file,
        e.kind,
        s(e.onsetMs),
        s(e.offsetMs),
        formatNumber(e.durationMs, 0),
        e.micro ? '1' : '0',
        s(c.startMs),
        s(c.endMs),
        String(c.frameCount),
        String(c.width),
        String(c.height),
      ]);
    });
  files['clips.csv'] = strToU8(csv);
  return { name: sessionStem(session) + CLIPS_ARCHIVE_SUFFIX, bytes: zipSync(files) };
}
