/**
 * The live list of flashes: an entry appears at onset (kind, time) and is completed at offset
 * (duration, micro or not, the AUs that carried it). Newest first.
 */
import type { FlashEvent } from '../../shared/contract/index.ts';
import { EXPERIMENTAL_KINDS, kindLabel } from '../../shared/flash/index.ts';
import { formatMs, h } from './dom.ts';

/** Entries kept on screen; older ones stay in the session (export) but leave the list. */
export const FEED_MAX_ENTRIES = 200;

export class FlashFeed {
  private readonly entries = new Map<number, HTMLElement>();
  readonly completed: FlashEvent[] = [];
  /** Time origin for display (the first frame's timestamp). */
  originMs = NaN;
  /** A click on an entry (a reviewed file replays it); returns whether it did something. */
  onPick: ((event: FlashEvent) => boolean) | null = null;
  private readonly shown = new Map<number, FlashEvent>();

  constructor(private readonly list: HTMLElement) {}

  add(events: readonly FlashEvent[]): void {
    for (const e of events) {
      let item = this.entries.get(e.id);
      if (!item) {
        const id = e.id;
        item = h('li', {
          class: `flash flash-${e.kind}`,
          dataset: { kind: e.kind, status: e.status, id: String(id) },
          onclick: () => {
            const event = this.shown.get(id);
            if (event) this.onPick?.(event);
          },
        });
        this.entries.set(e.id, item);
        this.list.prepend(item);
        while (this.list.children.length > FEED_MAX_ENTRIES) {
          const last = this.list.lastElementChild as HTMLElement;
          last.remove();
        }
      }
      this.shown.set(e.id, e);
      item.dataset.status = e.status;
      item.dataset.kind = e.kind;
      item.className = `flash flash-${e.kind} ${e.status}`;
      const at = Number.isFinite(this.originMs) ? formatMs(e.onsetMs - this.originMs) : '';
      const label = kindLabel(e.kind);
      const detail =
        e.status === 'onset'
          ? 'now'
          : `${formatMs(e.durationMs)}${e.micro ? ' · micro' : e.macro ? ' · longer' : ''}${e.side && e.side !== 'both' ? ` · ${e.side} side` : ''}`;
      item.replaceChildren(
        h('span', { class: 'kind', title: EXPERIMENTAL_KINDS[e.kind] ?? '' }, label),
        h('span', { class: 'when' }, at),
        h('span', { class: 'detail' }, detail),
        h('span', { class: 'aus' }, e.aus.map((a) => a.au).join(' ')),
      );
      if (e.status === 'complete') this.completed.push(e);
    }
  }

  reset(): void {
    this.entries.clear();
    this.shown.clear();
    this.completed.length = 0;
    this.list.replaceChildren();
    this.originMs = NaN;
  }
}
