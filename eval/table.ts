/** Plain-text tables for the evaluation reports (Markdown pipe tables, numbers right-aligned). */

/** A number with `d` decimals, or '-' when not finite. */
export const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '-');

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + w.map((n, i) => (i === 0 ? pad(cells[i] ?? '', n) : lpad(cells[i] ?? '', n))).join(' | ') + ' |';
  return [
    line(head),
    '|' + w.map((n, i) => (i === 0 ? ':' : '') + '-'.repeat(n + 1) + (i === 0 ? '' : ':')).join('|') + '|',
    ...rows.map(line),
  ].join('\n');
}

export { pad, lpad };
