/**
 * The discreet view, for use during a call: no video, no diagnostics, no controls but Stop and Mark;
 * a compact ticker of the flashes (kind, time, micro or not), entered and left with one key (D) or
 * the Discreet box. Where the browser has Document Picture-in-Picture, "Float" moves the panel into
 * a small window that stays over the call, and closing that window brings it back. Nothing in it
 * blinks, moves or sounds: an entry appears once, when its flash has ended.
 */
import type { FlashEvent } from '../shared/contract/index.ts';
import { kindLabel } from '../shared/flash/index.ts';
import { MARKER_DEFAULTS } from './markers.ts';
import { h, isTypingTarget } from './ui/dom.ts';
import type { Layout } from './ui/layout.ts';

export const DISCREET_DEFAULTS = {
  /** Key that enters and leaves the discreet view (outside text fields, without modifiers). */
  key: 'd',
  /** Entries the ticker keeps (newest first). */
  tickerEntries: 30,
  /** Size of the floating window, CSS pixels. */
  floatWidth: 300,
  floatHeight: 260,
} as const;

/** Chromium's Document Picture-in-Picture (not in TypeScript's DOM types yet). */
interface DocumentPictureInPicture {
  requestWindow(options: { width: number; height: number }): Promise<Window>;
}

/** What the discreet view needs from the rest of the page. */
export interface DiscreetHost {
  /** Time 0 of the source (the first frame's capture time, ms), for the times shown. */
  originMs(): number;
  stop(): void;
  mark(): void;
}

export class DiscreetView {
  private floating: Window | null = null;

  constructor(
    private readonly ui: Layout,
    private readonly host: DiscreetHost,
  ) {
    ui.discreet.addEventListener('change', () => this.show(ui.discreet.checked));
    ui.leaveDiscreet.addEventListener('click', () => this.show(false));
    ui.tickerStop.addEventListener('click', () => host.stop());
    ui.tickerMark.addEventListener('click', () => host.mark());
    ui.floatTicker.hidden = !pictureInPicture();
    ui.floatTicker.addEventListener('click', () => void this.float());
    document.addEventListener('keydown', (e) => this.onKey(e));
    // Stop and Mark here are usable exactly when the page's own are.
    const mirror = () => {
      ui.tickerStop.disabled = ui.stop.disabled;
      ui.tickerMark.disabled = ui.mark.disabled;
    };
    const watch = new MutationObserver(mirror);
    for (const b of [ui.stop, ui.mark]) watch.observe(b, { attributes: true, attributeFilter: ['disabled'] });
    mirror();
  }

  get active(): boolean {
    return document.body.classList.contains('discreet');
  }

  show(on: boolean): void {
    document.body.classList.toggle('discreet', on);
    this.ui.discreet.checked = on;
    if (!on) this.floating?.close();
  }

  /** Completed flashes join the ticker. */
  add(events: readonly FlashEvent[]): void {
    for (const e of events) {
      if (e.status !== 'complete') continue;
      const origin = this.host.originMs();
      const at = Number.isFinite(origin) ? clock(e.onsetMs - origin) : '';
      this.ui.ticker.prepend(
        h(
          'li',
          { class: `tick tick-${e.kind}`, dataset: { kind: e.kind, micro: e.micro ? '1' : '0' } },
          h('span', { class: 'kind' }, kindLabel(e.kind)),
          h('span', { class: 'when' }, at),
          h('span', { class: 'micro' }, e.micro ? 'micro' : ''),
        ),
      );
      while (this.ui.ticker.children.length > DISCREET_DEFAULTS.tickerEntries) this.ui.ticker.lastElementChild?.remove();
    }
  }

  reset(): void {
    this.ui.ticker.replaceChildren();
  }

  /** Moves the panel into a floating window over other windows; it comes back when that window closes. */
  async float(): Promise<void> {
    const pip = pictureInPicture();
    if (!pip || this.floating) return;
    const win = await pip.requestWindow({ width: DISCREET_DEFAULTS.floatWidth, height: DISCREET_DEFAULTS.floatHeight });
    for (const style of document.querySelectorAll('link[rel="stylesheet"], style')) win.document.head.append(style.cloneNode(true));
    win.document.body.classList.add('floating');
    const panel = this.ui.discreetPanel;
    const home = panel.parentElement;
    win.document.body.append(panel);
    win.document.addEventListener('keydown', (e) => this.onKey(e));
    this.floating = win;
    this.ui.floatTicker.hidden = true;
    win.addEventListener('pagehide', () => {
      home?.append(panel);
      this.floating = null;
      this.ui.floatTicker.hidden = false;
    });
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    const key = e.key.toLowerCase();
    if (key === DISCREET_DEFAULTS.key) {
      e.preventDefault();
      this.show(!this.active);
    } else if (key === MARKER_DEFAULTS.key && this.floating && e.currentTarget !== document) {
      // In the floating window the page's own M key does not hear it.
      e.preventDefault();
      this.host.mark();
    }
  }
}

function pictureInPicture(): DocumentPictureInPicture | null {
  return (globalThis as unknown as { documentPictureInPicture?: DocumentPictureInPicture }).documentPictureInPicture ?? null;
}

/** `m:ss` of a session time. */
function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
