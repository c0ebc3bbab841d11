/** The table printed at the end of a run: one line per file, with analysed frames per second. */
import type { FileReport } from './run-batch.ts';

const HEADER = ['file', 'status', 'frames', 'seconds', 'fps', 'events'] as const;

export function summaryTable(reports: readonly FileReport[]): string {
  const rows: string[][] = reports.map((r) =>
    r.status === 'done'
      ? [
          r.input.stem,
          r.summary.warning ? `incomplete (${r.summary.frameCount} of ${r.summary.declaredFrameCount} frames)` : 'done',
          String(r.summary.frameCount),
          r.summary.elapsedS.toFixed(1),
          r.summary.fps.toFixed(1),
          String(r.summary.eventCount),
        ]
      : [r.input.stem, r.status, '', '', '', ''],
  );
  const table = [[...HEADER], ...rows];
  const widths = HEADER.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const browsers = [...new Set(reports.flatMap((r) => (r.status === 'done' ? [r.summary.browser] : [])))];
  const browserLines = browsers.map((b) => `browser: ${b}\n`).join('');
  return table.map(line).join('\n') + '\n' + totalsLine(reports) + '\n' + browserLines;
}

/** `3 analysed (4210 frames, 41.2 fps), 1 skipped, 1 failed`. */
export function totalsLine(reports: readonly FileReport[]): string {
  const done = reports.filter((r) => r.status === 'done');
  const frames = done.reduce((n, r) => n + r.summary.frameCount, 0);
  const seconds = done.reduce((n, r) => n + r.summary.elapsedS, 0);
  const count = (s: FileReport['status']) => reports.filter((r) => r.status === s).length;
  const parts = [
    `${done.length} analysed` +
      (done.length ? ` (${frames} frames, ${seconds > 0 ? (frames / seconds).toFixed(1) : '0'} fps per page)` : ''),
  ];
  if (count('skipped')) parts.push(`${count('skipped')} skipped as complete`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('not-run')) parts.push(`${count('not-run')} not run`);
  return parts.join(', ');
}
