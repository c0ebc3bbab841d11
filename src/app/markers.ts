/**
 * Markers: one key (M) or the Mark button notes the moment on screen, during a live source or while
 * a file or a kept session is reviewed, then offers a short note (Enter keeps it, Escape leaves it
 * empty). A marker is listed with the flashes; a live one is stored with the kept session, one made
 * in review goes on the timeline (and into the reviewed session, or the file's markers CSV).
 */
import type { SessionMarker } from '../shared/export/index.ts';
import { formatMs, h, isTypingTarget } from './ui/dom.ts';
import type { Layout } from './ui/layout.ts';

export const MARKER_DEFAULTS = {
  /** Key that adds a marker (outside text fields, without modifiers). */
  key: 'm',
  /** Longest note, characters: a word or two during a call, not minutes of minutes. */
  noteMaxChars: 200,
} as const;

/** Where a marker goes: the live source (and its kept session) or what is under review. */
export interface MarkTarget {
  /** The time to mark (ms, on the target's clock), or null when there is none yet. */
  nowMs(): number | null;
  /** Time 0 of that clock, for showing a marker's time. */
  originMs(): number;
  /** Keeps the marker; false when it is only shown (a live source with no kept session). */
  keep(marker: SessionMarker): Promise<boolean>;
  /** Sets the note of a kept marker. */
  note(atMs: number, note: string): Promise<void>;
}

/** What markers need from the rest of the page. */
export interface MarkerHost {
  /** What a marker would go to now; null when nothing runs or is reviewed. */
  target(): MarkTarget | null;
  say(kind: 'info' | 'error', text: string): void;
}

export class Markers {
  /** The marker whose note is being typed, and where it went. */
  private editing: { marker: SessionMarker; item: HTMLElement; target: MarkTarget } | null = null;

  constructor(
    private readonly ui: Layout,
    private readonly host: MarkerHost,
  ) {
    ui.mark.addEventListener('click', () => void this.mark());
    ui.markerNote.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.flushNote();
    });
    ui.markerNoteText.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.closeNote();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key.toLowerCase() !== MARKER_DEFAULTS.key || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (ui.mark.disabled) return;
      e.preventDefault();
      void this.mark();
    });
  }

  async mark(): Promise<void> {
    const target = this.host.target();
    if (!target) {
      this.host.say('info', 'Markers are added while a source runs, or while a file or a kept session is reviewed.');
      return;
    }
    const atMs = target.nowMs();
    if (atMs === null) {
      this.host.say('info', 'Nothing to mark yet: wait for the first frame.');
      return;
    }
    void this.flushNote();
    const marker: SessionMarker = { atMs, note: '', addedAt: new Date().toISOString() };
    const item = h('li', { class: 'marker', dataset: { marker: String(atMs) } });
    this.ui.feed.prepend(item);
    this.show(item, marker, target);
    this.editing = { marker, item, target };
    this.ui.markerNoteAt.textContent = `Marker at ${this.time(marker, target)}`;
    this.ui.markerNote.hidden = false;
    this.ui.markerNoteText.value = '';
    this.ui.markerNoteText.focus();
    try {
      if (!(await target.keep(marker))) {
        this.host.say('info', 'Marked. Markers are stored and exported with the session when "Keep this session" is on.');
      }
    } catch (e) {
      this.host.say('error', (e as Error).message);
    }
  }

  /** Keeps the note being typed (the source is stopping, or another marker comes). */
  async flushNote(): Promise<void> {
    const editing = this.editing;
    if (!editing) return;
    const note = this.ui.markerNoteText.value.trim().slice(0, MARKER_DEFAULTS.noteMaxChars);
    this.closeNote();
    if (!note) return;
    editing.marker.note = note;
    this.show(editing.item, editing.marker, editing.target);
    await editing.target.note(editing.marker.atMs, note).catch((e: Error) => this.host.say('error', e.message));
  }

  private closeNote(): void {
    this.editing = null;
    this.ui.markerNoteText.blur(); // the keys are the page's shortcuts again at once
    this.ui.markerNote.hidden = true;
  }

  private show(item: HTMLElement, marker: SessionMarker, target: MarkTarget): void {
    item.replaceChildren(
      h('span', { class: 'kind' }, 'Marker'),
      h('span', { class: 'when' }, this.time(marker, target)),
      h('span', { class: 'detail' }, marker.note),
    );
  }

  private time(marker: SessionMarker, target: MarkTarget): string {
    const origin = target.originMs();
    return Number.isFinite(origin) ? formatMs(marker.atMs - origin) : '';
  }
}
