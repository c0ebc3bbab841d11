/**
 * Progress per kind over days: the share of right tries per day for each kind practised (uPlot,
 * loaded on first draw), and the same as a table (tries, caught, right, median duration).
 */
import type uPlot from 'uplot';
import { KIND_COLOURS, kindLabel, type FlashKind } from '../../shared/flash/index.ts';
import type { ProgressRow } from '../../shared/practice/index.ts';
import { formatMs, h } from '../ui/dom.ts';

export const PROGRESS_PLOT_DEFAULTS = { heightPx: 160, widthPx: 320 } as const;

const DAY_S = 86_400;

export class ProgressPlot {
  private plot: uPlot | null = null;

  constructor(
    private readonly plotEl: HTMLElement,
    private readonly tableEl: HTMLTableElement,
  ) {}

  async draw(rows: readonly ProgressRow[]): Promise<void> {
    this.table(rows);
    this.plot?.destroy();
    this.plot = null;
    this.plotEl.replaceChildren();
    if (!rows.length) return;
    const { default: UPlot } = await import('uplot');
    await import('uplot/dist/uPlot.min.css');
    const days = [...new Set(rows.map((r) => r.day))].sort();
    const kinds = [...new Set(rows.map((r) => r.kind))] as FlashKind[];
    const x = days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    const series = kinds.map((k) =>
      days.map((d) => {
        const r = rows.find((q) => q.day === d && q.kind === k);
        return r ? r.right / r.tries : null;
      }),
    );
    this.plot = new UPlot(
      {
        width: Math.max(PROGRESS_PLOT_DEFAULTS.widthPx, this.plotEl.clientWidth),
        height: PROGRESS_PLOT_DEFAULTS.heightPx,
        scales: { x: { time: true, range: (_u, lo, hi) => [lo - DAY_S / 2, hi + DAY_S / 2] }, y: { range: [0, 1] } },
        axes: [
          { stroke: '#9aa4b2' },
          { stroke: '#9aa4b2', label: 'right kind', values: (_u, v) => v.map((n) => `${Math.round(n * 100)}%`) },
        ],
        series: [
          {},
          ...kinds.map((k) => ({
            label: kindLabel(k),
            stroke: KIND_COLOURS[k],
            width: 2,
            points: { show: true, size: 6 },
            spanGaps: true,
          })),
        ],
      },
      [x, ...series] as uPlot.AlignedData,
      this.plotEl,
    );
  }

  private table(rows: readonly ProgressRow[]): void {
    this.tableEl.replaceChildren(
      h('tr', {}, ...['day', 'kind', 'tries', 'caught', 'right', 'median length'].map((c) => h('th', {}, c))),
      ...rows.map((r) =>
        h(
          'tr',
          { dataset: { kind: r.kind, day: r.day } },
          h('td', {}, r.day),
          h('td', {}, kindLabel(r.kind)),
          h('td', {}, String(r.tries)),
          h('td', {}, String(r.caught)),
          h('td', {}, String(r.right)),
          h('td', {}, r.medianDurationMs === null ? '–' : formatMs(r.medianDurationMs)),
        ),
      ),
    );
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = null;
  }
}
