/** Bars of the current AU intensities (bilateral channels), FACS 0-5. */
import { AU_CHANNEL_INDEX, AU_INTENSITY_MAX, AU_LIST } from '../../shared/contract/index.ts';
import { h } from './dom.ts';

export class AuBars {
  private readonly bars: { fill: HTMLElement; value: HTMLElement; index: number }[] = [];

  constructor(root: HTMLElement) {
    for (const au of AU_LIST) {
      const fill = h('span', { class: 'fill' });
      const value = h('span', { class: 'value' }, '–');
      root.append(h('div', { class: 'au', title: au.name }, h('span', { class: 'name' }, au.id), h('span', { class: 'bar' }, fill), value));
      this.bars.push({ fill, value, index: AU_CHANNEL_INDEX[au.id] });
    }
  }

  show(aus: Float32Array): void {
    for (const b of this.bars) {
      const v = aus[b.index]!;
      const ok = Number.isFinite(v);
      b.fill.style.width = ok ? `${(Math.min(v, AU_INTENSITY_MAX) / AU_INTENSITY_MAX) * 100}%` : '0';
      b.value.textContent = ok ? v.toFixed(1) : '–';
    }
  }
}
