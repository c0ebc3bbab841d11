/**
 * The review timeline (uPlot, made for dense time series): AU curves over time (click a legend
 * entry to show or hide one; code and name in the legend), flash bands coloured by kind beneath
 * them, markers as dashed lines with their notes, and talking shaded along the bottom. Drag to zoom
 * into a stretch, the wheel zooms around the pointer, Shift+wheel pans, double-click shows it all.
 * A click (not a drag) asks to seek there. uPlot is loaded when a timeline is first drawn, so the
 * live page never waits for it.
 */
import type uPlot from 'uplot';
import { AU_CHANNEL_INDEX, AU_INTENSITY_MAX, AU_LIST, type AuId } from '../../shared/contract/index.ts';
import { KIND_COLOURS, type FlashKind } from '../../shared/flash/index.ts';
import { traceChannel, type AuTrace } from '../../shared/timeline/au-trace.ts';

export const TIMELINE_DEFAULTS = {
  /** Curves shown at first (the others one click away in the legend). */
  shown: ['AU01', 'AU04', 'AU06', 'AU09', 'AU12', 'AU15'] as readonly AuId[],
  heightPx: 260,
  /** Share of the visible span one wheel step zooms by. */
  wheelZoom: 0.2,
  /** Opacity of the flash bands under the curves. */
  bandAlpha: 0.28,
  /** Height of the talking strip along the bottom, CSS pixels. */
  speechStripPx: 5,
} as const;

/** Distinct curve colours, cycled over the AUs. */
const CURVE_COLOURS = ['#e6ebf2', '#ffd166', '#ef476f', '#50e6b4', '#4d96ff', '#ff924c', '#b388eb', '#8ac926', '#f15bb5', '#00bbf9'];

export interface TimelineBand {
  kind: FlashKind;
  startS: number;
  /** Infinity or NaN for one that had not ended: drawn to the end. */
  endS: number;
}

export interface TimelineMarker {
  atS: number;
  note: string;
}

export interface TimelineInput {
  trace: AuTrace;
  bands: readonly TimelineBand[];
  markers: readonly TimelineMarker[];
}

export class Timeline {
  private plot: uPlot | null = null;
  private input: TimelineInput | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly onSeek: (s: number) => void,
  ) {}

  /** Draws a whole analysis; resolves with the ms the drawing took (for the benchmark). */
  async show(input: TimelineInput): Promise<number> {
    const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
    const t0 = performance.now();
    this.destroy();
    this.input = input;
    const { trace } = input;
    const data: uPlot.AlignedData = [trace.timesS, ...AU_LIST.map((au) => traceChannel(trace, AU_CHANNEL_INDEX[au.id]))];
    const opts: uPlot.Options = {
      width: Math.max(320, this.root.clientWidth || 640),
      height: TIMELINE_DEFAULTS.heightPx,
      scales: { x: { time: false }, y: { range: [0, AU_INTENSITY_MAX] } },
      axes: [
        { stroke: '#8b98ab', grid: { stroke: '#223049' }, label: 's' },
        { stroke: '#8b98ab', grid: { stroke: '#223049' }, label: 'FACS 0-5', size: 50 },
      ],
      series: [
        { label: 'time (s)', value: (_u, v) => (v === null ? '–' : v.toFixed(3)) },
        ...AU_LIST.map((au, i) => ({
          label: `${au.id} ${au.name}`,
          stroke: CURVE_COLOURS[i % CURVE_COLOURS.length]!,
          width: 1,
          show: TIMELINE_DEFAULTS.shown.includes(au.id),
          value: (_u: uPlot, v: number | null) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(1)),
        })),
      ],
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      hooks: { drawClear: [(u) => this.drawUnder(u)], draw: [(u) => this.drawMarkers(u)] },
    };
    this.plot = new UPlot(opts, data, this.root);
    this.wire(this.plot);
    return performance.now() - t0;
  }

  /** The stretch shown (s), or null before a draw. */
  range(): { min: number; max: number } | null {
    const x = this.plot?.scales.x;
    return x?.min !== undefined && x.max !== undefined ? { min: x.min, max: x.max } : null;
  }

  /** Shows the stretch from `minS` to `maxS` (s). */
  setRange(minS: number, maxS: number): void {
    this.plot?.setScale('x', { min: minS, max: maxS });
  }

  /** Moves the cursor line to a time (the video playing). */
  follow(s: number): void {
    const u = this.plot;
    if (!u) return;
    const left = u.valToPos(s, 'x');
    if (left >= 0 && left <= u.bbox.width / devicePixelRatio) u.setCursor({ left, top: 10 });
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = null;
    this.root.replaceChildren();
  }

  private wire(u: uPlot): void {
    const over = u.over;
    over.addEventListener('click', (e) => {
      if (u.select.width > 1) return; // a drag zooms; only a click seeks
      const rect = over.getBoundingClientRect();
      this.onSeek(u.posToVal(e.clientX - rect.left, 'x'));
    });
    over.addEventListener('dblclick', () => {
      const t = this.input?.trace.timesS;
      if (t?.length) u.setScale('x', { min: t[0]!, max: t[t.length - 1]! });
    });
    over.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const { min, max } = u.scales.x ?? {};
        if (min === undefined || max === undefined) return;
        const span = max - min;
        const rect = over.getBoundingClientRect();
        if (e.shiftKey) {
          const shift = Math.sign(e.deltaY || e.deltaX) * span * TIMELINE_DEFAULTS.wheelZoom;
          u.setScale('x', { min: min + shift, max: max + shift });
          return;
        }
        const at = u.posToVal(e.clientX - rect.left, 'x');
        const k = e.deltaY < 0 ? 1 - TIMELINE_DEFAULTS.wheelZoom : 1 + TIMELINE_DEFAULTS.wheelZoom;
        u.setScale('x', { min: at - (at - min) * k, max: at + (max - at) * k });
      },
      { passive: false },
    );
  }

  /** Flash bands and the talking strip, under the curves. */
  private drawUnder(u: uPlot): void {
    const input = this.input;
    if (!input) return;
    const { ctx, bbox } = u;
    const right = bbox.left + bbox.width;
    ctx.save();
    ctx.globalAlpha = TIMELINE_DEFAULTS.bandAlpha;
    for (const b of input.bands) {
      const x0 = Math.max(bbox.left, u.valToPos(b.startS, 'x', true));
      const x1 = Number.isFinite(b.endS) ? Math.min(right, u.valToPos(b.endS, 'x', true)) : right;
      if (x1 < bbox.left || x0 > right) continue;
      ctx.fillStyle = KIND_COLOURS[b.kind];
      ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
    }
    const { trace } = input;
    const strip = TIMELINE_DEFAULTS.speechStripPx * devicePixelRatio;
    ctx.globalAlpha = 0.6;
    ctx.fillStyle = '#8b98ab';
    let from = -1;
    for (let i = 0; i <= trace.length; i++) {
      const talking = i < trace.length && trace.speech[i] === 2;
      if (talking && from < 0) from = i;
      if (!talking && from >= 0) {
        const x0 = u.valToPos(trace.timesS[from]!, 'x', true);
        const x1 = u.valToPos(trace.timesS[i - 1]!, 'x', true);
        if (x1 >= bbox.left && x0 <= right)
          ctx.fillRect(
            Math.max(bbox.left, x0),
            bbox.top + bbox.height - strip,
            Math.max(1, Math.min(right, x1) - Math.max(bbox.left, x0)),
            strip,
          );
        from = -1;
      }
    }
    ctx.restore();
  }

  private drawMarkers(u: uPlot): void {
    const input = this.input;
    if (!input?.markers.length) return;
    const { ctx, bbox } = u;
    ctx.save();
    ctx.strokeStyle = '#e6ebf2';
    ctx.fillStyle = '#e6ebf2';
    ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    for (const m of input.markers) {
      const x = u.valToPos(m.atS, 'x', true);
      if (x < bbox.left || x > bbox.left + bbox.width) continue;
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
      ctx.fillText(m.note || 'marker', x + 3 * devicePixelRatio, bbox.top + 12 * devicePixelRatio);
    }
    ctx.restore();
  }
}
