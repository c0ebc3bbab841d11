/**
 * The live list of flashes: an entry appears at onset (kind, time) and is completed at offset
 * (duration, micro or not, the AUs that carried it). Newest first. Where the learner has a
 * personal model, its label is shown beside the rules' (or, when asked, as the kind, the rules'
 * beside it).
 */
import type { FlashEvent, Prediction } from '../../shared/contract/index.ts';
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
  private readonly personal = new Map<number, Prediction>();
  /** Show the personal model's label as the kind (the rules' beside it). */
  useModelKind = false;

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
      this.render(e.id);
      if (e.status === 'complete') this.completed.push(e);
    }
  }

  /** The personal model's label of a completed flash. */
  annotate(id: number, p: Prediction): void {
    this.personal.set(id, p);
    this.render(id);
  }

  /** Draws every entry again (after `useModelKind` changed). */
  refreshLabels(): void {
    for (const id of this.entries.keys()) this.render(id);
  }

  private render(id: number): void {
    const item = this.entries.get(id);
    const e = this.shown.get(id);
    if (!item || !e) return;
    item.dataset.status = e.status;
    item.dataset.kind = e.kind;
    item.className = `flash flash-${e.kind} ${e.status}`;
    const at = Number.isFinite(this.originMs) ? formatMs(e.onsetMs - this.originMs) : '';
    const p = this.personal.get(id);
    const asKind = p && this.useModelKind;
    if (p) item.dataset.personal = p.kind;
    const label = kindLabel(asKind ? p.kind : e.kind);
    const detail =
      e.status === 'onset'
        ? 'now'
        : `${formatMs(e.durationMs)}${e.micro ? ' · micro' : e.macro ? ' · longer' : ''}${e.side && e.side !== 'both' ? ` · ${e.side} side` : ''}`;
    item.replaceChildren(
      h('span', { class: 'kind', title: EXPERIMENTAL_KINDS[e.kind] ?? '' }, label),
      h('span', { class: 'when' }, at),
      h('span', { class: 'detail' }, detail),
      h('span', { class: 'aus' }, e.aus.map((a) => a.au).join(' ')),
      p
        ? h(
            'span',
            { class: 'personal', title: asKind ? 'The detector’s rules called it this' : 'Your personal model calls it this' },
            asKind ? `rules: ${kindLabel(e.kind)}` : `your model: ${kindLabel(p.kind)} ${Math.round(p.p * 100)}%`,
          )
        : '',
    );
  }

  reset(): void {
    this.entries.clear();
    this.shown.clear();
    this.personal.clear();
    this.completed.length = 0;
    this.list.replaceChildren();
    this.originMs = NaN;
  }
}
