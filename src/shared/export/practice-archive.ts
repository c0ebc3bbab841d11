/**
 * Everything practice keeps, as one zip: `practice.json` (every try, the progress per kind and
 * day, the personal model with its weights in base64), `progress.csv`, `tries.csv`, and the clips
 * of caught flashes the learner allowed to keep (`clips/try-<n>-<kind>.webm`).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { FlashKind, PersonalModel } from '../contract/index.ts';
import { progressByDay, type PracticeTry, type ProgressRow, type ShownTry } from '../practice/index.ts';
import { csvRow } from './csv-escape.ts';
import { formatNumber } from './format-number.ts';

export const PRACTICE_FORMAT = 'microflash-practice';
export const PRACTICE_FORMAT_VERSION = 1;

export interface PracticeClipFile {
  tryId: string;
  kind: FlashKind;
  mimeType: string;
  bytes: Uint8Array;
}

export const PROGRESS_CSV_COLUMNS = ['day', 'kind', 'tries', 'caught', 'right', 'median_duration_ms'];
export const TRIES_CSV_COLUMNS = [
  'at',
  'mode',
  'lesson',
  'target',
  'max_ms',
  'caught',
  'read',
  'right',
  'brief',
  'duration_ms',
  'onset_after_go_ms',
  'present',
  'missing',
  'against',
  'personal',
  'answer',
];

function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const num = (x: number | null) => (x === null ? '' : formatNumber(x, 0));

function triesCsv(tries: readonly PracticeTry[]): string {
  let csv = csvRow(TRIES_CSV_COLUMNS);
  for (const t of tries) {
    const at = new Date(t.at).toISOString();
    if (t.mode === 'recognise') {
      csv += csvRow([at, t.mode, t.lesson, t.shown, '', '', '', t.right ? '1' : '0', '', '', '', '', '', '', '', t.answer]);
      continue;
    }
    const s: ShownTry = t;
    csv += csvRow([
      at,
      s.mode,
      s.lesson,
      s.target.kind,
      String(s.target.maxMs),
      s.caught ? '1' : '0',
      s.read ?? '',
      s.right ? '1' : '0',
      s.brief ? '1' : '0',
      num(s.durationMs),
      num(s.onsetAfterGoMs),
      s.present.join(' '),
      s.missing.map((alts) => alts.join('|')).join(' '),
      s.against.map((a) => `${a.au}${a.kind ? `>${a.kind}` : ''}`).join(' '),
      s.personal ? s.personal.kind : '',
      '',
    ]);
  }
  return csv;
}

function progressCsv(rows: readonly ProgressRow[]): string {
  let csv = csvRow(PROGRESS_CSV_COLUMNS);
  for (const r of rows) csv += csvRow([r.day, r.kind, String(r.tries), String(r.caught), String(r.right), num(r.medianDurationMs)]);
  return csv;
}

export function practiceArchive(
  tries: readonly PracticeTry[],
  model: PersonalModel | null,
  clips: readonly PracticeClipFile[],
  exportedAt: Date,
  appVersion: string,
): { name: string; bytes: Uint8Array } {
  const shown = tries.filter((t): t is ShownTry => t.mode === 'show');
  const progress = progressByDay(
    shown.map((t) => ({ at: t.at, kind: t.target.kind, caught: t.caught, right: t.right, durationMs: t.durationMs })),
  );
  const doc = {
    format: PRACTICE_FORMAT,
    formatVersion: PRACTICE_FORMAT_VERSION,
    app: { name: 'microflash', version: appVersion },
    exportedAt: exportedAt.toISOString(),
    tries,
    progress,
    personalModel: model ? { ...model, weightData: base64(model.weightData) } : null,
    clips: clips.map((c, i) => ({ tryId: c.tryId, kind: c.kind, file: clipName(c, i) })),
  };
  const files: Zippable = {
    'practice.json': strToU8(JSON.stringify(doc, null, 2)),
    'progress.csv': strToU8(progressCsv(progress)),
    'tries.csv': strToU8(triesCsv(tries)),
  };
  clips.forEach((c, i) => {
    files[clipName(c, i)] = [c.bytes, { level: 0 }];
  });
  const stamp = exportedAt.toISOString().slice(0, 19).replaceAll(':', '-');
  return { name: `microflash-practice-${stamp}.zip`, bytes: zipSync(files) };
}

function clipName(c: PracticeClipFile, i: number): string {
  return `clips/try-${String(i + 1).padStart(3, '0')}-${c.kind}.${c.mimeType.includes('mp4') ? 'mp4' : 'webm'}`;
}
