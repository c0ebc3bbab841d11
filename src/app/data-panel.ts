/**
 * "Your data": everything this browser stores for the app, each with Export and Delete, plus the
 * records this version cannot read (exportable as raw JSON) and "Delete all stored data", which
 * always deletes.
 */
import type { NeutralBaseline } from '../shared/contract/index.ts';
import type { DataStore } from './storage/data-store.ts';
import type { RecordedSession } from './storage/db.ts';
import type { PracticeCounts } from './storage/practice-store.ts';
import pkg from '../../package.json';
import { clipsArchive, sessionExport, type SessionExportKind } from '../shared/export/index.ts';
import type { StoredClip } from './storage/db.ts';
import { download, downloadBlob, h } from './ui/dom.ts';

/** A kept session's exports, as its buttons name them. */
const SESSION_EXPORTS: readonly [SessionExportKind, string][] = [
  ['json', 'JSON'],
  ['frames', 'Frames CSV'],
  ['events', 'Events CSV'],
  ['markers', 'Markers CSV'],
  ['vtt', 'WebVTT'],
  ['report', 'Report (printable)'],
];

export interface DataPanelHooks {
  say(kind: 'error' | 'warn' | 'info', text: string): void;
  /** Use this saved neutral for the person now. */
  useBaseline(baseline: NeutralBaseline): void;
  /** Show a kept session on the timeline (its packed frames, frame-rows.ts, and its clips). */
  review(session: RecordedSession, frames: Float32Array, clips: StoredClip[]): void;
  /** What practice keeps (null when it cannot be read), and its export and deletion. */
  practice: { counts(): Promise<PracticeCounts | null>; exportAll(): Promise<void>; deleteAll(): Promise<void> };
}

export class DataPanel {
  constructor(
    private readonly list: HTMLElement,
    private readonly store: DataStore,
    private readonly hooks: DataPanelHooks,
  ) {}

  async refresh(): Promise<void> {
    const [{ baselines, sessions, unreadable, clipCounts, error }, practice] = await Promise.all([
      this.store.list(),
      this.hooks.practice.counts().catch(() => null),
    ]);
    if (error) this.hooks.say('warn', error);
    const json = (name: string, value: unknown) => () => download(name, JSON.stringify(value, null, 2), 'application/json');
    const remove = (run: () => Promise<void>) => () =>
      void run()
        .then(() => this.refresh())
        .catch((e: Error) => this.hooks.say('error', `Could not delete it: ${e.message}. "Delete all stored data" removes everything.`));
    const rows = [
      ...sessions.map((s) => {
        const clips = clipCounts.get(s.id) ?? 0;
        return h(
          'div',
          { class: 'item', dataset: { type: 'session', id: s.id } },
          h(
            'span',
            {},
            `Session ${new Date(s.startedAt).toLocaleString()} · ${s.source} · ${s.events.length} expressions` +
              (s.consent ? ` · consent given ${new Date(s.consent.givenAt).toLocaleTimeString()}` : '') +
              (s.markers.length ? ` · ${s.markers.length} marker${s.markers.length > 1 ? 's' : ''}` : '') +
              (clips ? ` · ${clips} clip${clips > 1 ? 's' : ''}` : ''),
          ),
          ...SESSION_EXPORTS.map(([kind, label]) =>
            h(
              'button',
              {
                dataset: { export: kind },
                title: 'Times in seconds from the start of the session',
                onclick: () =>
                  void (kind === 'frames' ? this.store.frames(s.id) : Promise.resolve(undefined))
                    .then((frames) => {
                      const file = sessionExport(s, kind, { toolVersion: pkg.version, frames });
                      download(file.name, file.text, file.type);
                    })
                    .catch((e: Error) => this.hooks.say('error', `Could not read the session's frames: ${e.message}`)),
              },
              label,
            ),
          ),
          ...(clips
            ? [
                h(
                  'button',
                  {
                    dataset: { export: 'clips' },
                    title: 'The clips of flashes as videos in one zip file, with clips.csv',
                    onclick: () => void this.exportClips(s),
                  },
                  'Clips (zip)',
                ),
                h('button', { dataset: { deleteClips: s.id }, onclick: remove(() => this.store.deleteClips(s.id)) }, 'Delete clips'),
              ]
            : []),
          h(
            'button',
            {
              dataset: { review: s.id },
              title: 'The AU curves, flashes and markers of this session on the timeline',
              onclick: () =>
                void Promise.all([this.store.frames(s.id), this.store.clips(s.id)])
                  .then(([frames, clips]) => this.hooks.review(s, frames, clips))
                  .catch((e: Error) => this.hooks.say('error', `Could not read the session's frames: ${e.message}`)),
            },
            'Review',
          ),
          h('button', { onclick: remove(() => this.store.deleteSession(s.id)) }, 'Delete'),
        );
      }),
      ...baselines.map((b) =>
        h(
          'div',
          { class: 'item', dataset: { type: 'baseline', id: b.id } },
          h('span', {}, `Neutral face ${b.name}`),
          h('button', { onclick: () => this.hooks.useBaseline(b.baseline) }, 'Use'),
          h('button', { onclick: json(`microflash-neutral-${b.createdAt}.json`, b) }, 'Export'),
          h('button', { onclick: remove(() => this.store.deleteBaseline(b.id)) }, 'Delete'),
        ),
      ),
      ...(practice && (practice.tries || practice.clips || practice.model)
        ? [
            h(
              'div',
              { class: 'item', dataset: { type: 'practice' } },
              h(
                'span',
                {},
                `Practice · ${practice.tries} tries` +
                  (practice.clips ? ` · ${practice.clips} clips` : '') +
                  (practice.model ? ' · a personal model' : ''),
              ),
              h('button', { dataset: { export: 'practice' }, onclick: () => void this.hooks.practice.exportAll() }, 'Export (zip)'),
              h('button', { onclick: () => void this.hooks.practice.deleteAll().then(() => this.refresh()) }, 'Delete'),
            ),
          ]
        : []),
      ...unreadable.map((u, i) =>
        h(
          'div',
          { class: 'item unreadable', dataset: { type: 'unreadable', store: u.store } },
          h('span', {}, `Unreadable ${u.store === 'baselines' ? 'neutral face' : 'session'}: ${u.why}`),
          h('button', { onclick: json(`microflash-unreadable-${u.store}-${u.key ?? i}.json`, u.raw) }, 'Export'),
          ...(u.key !== null ? [h('button', { onclick: remove(() => this.store.deleteRecord(u.store, u.key!)) }, 'Delete')] : []),
        ),
      ),
    ];
    if (unreadable.length) {
      this.hooks.say(
        'warn',
        `${unreadable.length} stored item${unreadable.length > 1 ? 's' : ''} could not be read (made by another version, or damaged). They are listed under "Your data", where you can export or delete them.`,
      );
    }
    this.list.replaceChildren(
      ...(rows.length ? rows : [h('p', {}, 'Nothing is stored. Sessions are kept only when you tick "Keep this session".')]),
    );
  }

  private async exportClips(session: RecordedSession): Promise<void> {
    try {
      const clips = await this.store.clips(session.id);
      const files = await Promise.all(clips.map(async (c) => ({ ...c, bytes: new Uint8Array(await c.video.arrayBuffer()) })));
      const archive = clipsArchive(session, files);
      downloadBlob(archive.name, new Blob([archive.bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    } catch (e) {
      this.hooks.say('error', `Could not read the session's clips: ${(e as Error).message}`);
    }
  }

  async deleteAll(): Promise<void> {
    try {
      await this.store.deleteAll();
      this.hooks.say('info', 'All stored data was deleted from this browser.');
    } catch (e) {
      this.hooks.say('error', `Deleting the stored data failed: ${(e as Error).message}. Close other tabs of this page and try again.`);
    }
    await this.refresh();
  }
}
