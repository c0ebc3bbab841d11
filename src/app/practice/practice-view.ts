/**
 * Practice mode: the three lessons, drills that name a flash to make and judge each try, recognition
 * drills on the learner's own caught flashes, progress over days, and the personal model. Frames and
 * flashes come from the live source (App forwards them); tries, clips and the model are kept in
 * IndexedDB (PracticeStore), exported and deleted from here.
 */
import type { FlashClip, FlashEvent, FlashKind, FrameResult, Rules } from '../../shared/contract/index.ts';
import { practiceArchive } from '../../shared/export/index.ts';
import { FLASH_KIND_LABELS, kindLabel } from '../../shared/flash/index.ts';
import {
  chooseTarget,
  describeTarget,
  isShownTry,
  judgeTry,
  kindNeeds,
  LESSONS,
  lessonOf,
  maxMsFor,
  PRACTICE_DEFAULTS,
  progressByDay,
  scoreByKind,
  type DrillTarget,
  type Lesson,
  type PracticeTry,
  type RecognitionTry,
  type ShownTry,
  type TryWindow,
} from '../../shared/practice/index.ts';
import type { TrainerBridge } from '../../pipeline/trainer-bridge.ts';
import pkg from '../../../package.json';
import type { PracticeClip } from '../storage/db.ts';
import type { PracticeStore } from '../storage/practice-store.ts';
import { downloadBlob, formatMs, h, isTypingTarget } from '../ui/dom.ts';
import type { FlashFeed } from '../ui/flash-feed.ts';
import { DrillRunner } from './drill-runner.ts';
import { clearFeedback, renderFeedback } from './feedback.ts';
import { buildPracticeLayout, type PracticeLayout } from './practice-layout.ts';
import { ProgressPlot } from './progress-plot.ts';
import { nextClip, RecognitionDrill } from './recognition-drill.ts';
import { PersonalModelPanel } from './personal-model-panel.ts';
import { TraceRing } from './trace-ring.ts';
import { TryClips } from './try-clips.ts';

export interface PracticeHooks {
  live(): boolean;
  /** Starts the camera (practice is done in front of one's own). */
  startCamera(): Promise<void>;
  /** Calibrates the learner's neutral face; false when it did not complete (no face in view). */
  calibrate(): Promise<boolean>;
  /** Routes the worker's clips of flashes here too (null: no longer). */
  wantClips(consumer: ((clip: FlashClip) => void) | null): Promise<void>;
  say(kind: 'info' | 'warn' | 'error', text: string): void;
  /** Stored data changed (the data list shows practice's line). */
  changed(): void;
}

export class PracticeView {
  readonly ui: PracticeLayout = buildPracticeLayout();
  private readonly ring = new TraceRing();
  private readonly runner: DrillRunner;
  private readonly plot: ProgressPlot;
  private readonly recognition: RecognitionDrill;
  private lesson: Lesson = LESSONS[0]!;
  private tries: PracticeTry[] = [];
  private drilling = false;
  private sessionCount = 0;
  /** The neutral was calibrated since the live source started. */
  private calibrated = false;
  private readonly model: PersonalModelPanel;
  private readonly tryClips = new TryClips((t, clip) => this.keepClip(t, clip));

  constructor(
    private readonly store: PracticeStore,
    trainer: TrainerBridge,
    feed: FlashFeed,
    private readonly rules: Rules,
    private readonly hooks: PracticeHooks,
  ) {
    this.runner = new DrillRunner(this.ring, PRACTICE_DEFAULTS, { count: (t) => (this.ui.count.textContent = t) });
    this.plot = new ProgressPlot(this.ui.progressPlot, this.ui.progressTable);
    this.recognition = new RecognitionDrill(this.ui, { answered: (clip, answer) => void this.recognised(clip, answer) });
    this.model = new PersonalModelPanel(this.ui, store, trainer, feed, {
      tries: () => this.shownTries(),
      changed: () => {
        this.hooks.changed();
        void this.refreshDataLine();
      },
    });
    this.wire();
    this.showLesson(this.lesson);
    void this.init();
  }

  get open(): boolean {
    return !this.ui.panel.hidden;
  }

  toggle(show = !this.open): void {
    this.ui.panel.hidden = !show;
    if (show) void this.refresh();
    else this.endDrills();
  }

  // ---- the live stream --------------------------------------------------------------------

  /** The trace is kept only while something reads it: the practice panel, or a personal model labelling flashes. */
  private get tracing(): boolean {
    return this.open || this.model.ready;
  }

  onFrame(r: FrameResult): void {
    if (r.facePresent && this.tracing) this.ring.addFrame(r.timestampMs, r.aus);
  }

  onEvents(events: readonly FlashEvent[]): void {
    if (!events.length || !this.tracing) return;
    this.ring.addEvents(events);
    this.model.label(events, this.ring.frames);
  }

  /** The live source stopped: a try under way ends, the trace is dropped. */
  sourceStopped(): void {
    this.endDrills();
    this.ring.reset();
    this.calibrated = false;
  }

  // ---- lessons and drills -----------------------------------------------------------------

  private wire(): void {
    const ui = this.ui;
    for (const b of ui.lessonButtons)
      b.addEventListener('click', () => {
        this.endDrills();
        this.showLesson(LESSONS.find((l) => l.id === b.dataset.lesson)!);
      });
    ui.start.addEventListener('click', () => void this.startDrills());
    ui.next.addEventListener('click', () => void this.nextTry());
    ui.end.addEventListener('click', () => this.endDrills());
    ui.keepClips.addEventListener('change', () => void this.applyClips());
    ui.recogniseStart.addEventListener('click', () => void this.recognise());
    ui.exportAll.addEventListener('click', () => void this.exportAll());
    ui.deleteAll.addEventListener('click', () => void this.deleteAll());
    document.addEventListener('keydown', (e) => {
      if (!this.open || isTypingTarget(e.target) || e.key.toLowerCase() !== 'n' || ui.next.hidden) return;
      ui.next.click();
    });
  }

  private showLesson(lesson: Lesson): void {
    this.lesson = lesson;
    for (const b of this.ui.lessonButtons) b.setAttribute('aria-pressed', String(b.dataset.lesson === lesson.id));
    this.ui.lessonText.replaceChildren(
      h('h3', {}, lesson.title),
      h('p', {}, lesson.summary),
      h(
        'dl',
        {},
        ...lesson.kinds.flatMap((k) => {
          const needs = kindNeeds(this.rules, k);
          const detector = needs
            ? `The detector needs ${needs.needs.map((n) => n.map((t) => `${t.au} ≥ ${t.min}`).join(' or ')).join(', ')}.`
            : 'The detector watches the gaze, not AUs.';
          return [
            h('dt', { dataset: { kind: k } }, kindLabel(k)),
            h('dd', {}, lesson.looks[k] ?? '', ' ', h('span', { class: 'hint' }, detector)),
          ];
        }),
      ),
    );
    this.ui.target.textContent = '';
    clearFeedback(this.ui.feedback);
    this.renderScores();
  }

  private async startDrills(): Promise<void> {
    if (!this.hooks.live()) await this.hooks.startCamera();
    if (!this.hooks.live()) return;
    if (!(await this.warmedUp())) {
      this.hooks.say('warn', 'No face in view: face the camera, with light on your face, and press "Start drills" again.');
      return;
    }
    if (!this.calibrated) {
      // Flashes are measured against the learner's own neutral: a calibrated one, not the first second.
      this.ui.target.textContent = 'Relax your face and look at the camera: learning your neutral face…';
      this.calibrated = await this.hooks.calibrate();
      if (!this.calibrated) return;
    }
    this.drilling = true;
    this.sessionCount = 0;
    this.ui.start.hidden = true;
    this.ui.end.hidden = false;
    await this.nextTry();
  }

  /** Waits for enough of the face in view before the first count-in (PRACTICE_DEFAULTS.warmUpMs). */
  private async warmedUp(): Promise<boolean> {
    const until = performance.now() + PRACTICE_DEFAULTS.warmUpTimeoutMs;
    this.ui.target.textContent = 'Face the camera and relax…';
    while (this.ring.spanMs < PRACTICE_DEFAULTS.warmUpMs) {
      if (performance.now() > until || !this.hooks.live()) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return true;
  }

  private endDrills(): void {
    this.drilling = false;
    this.runner.cancel();
    this.ui.start.hidden = false;
    this.ui.next.hidden = true;
    this.ui.end.hidden = true;
  }

  private shownTries(): ShownTry[] {
    return this.tries.filter(isShownTry);
  }

  private async nextTry(): Promise<void> {
    if (!this.drilling) return;
    if (this.sessionCount >= PRACTICE_DEFAULTS.sessionTries) {
      this.ui.target.textContent = `That was ${PRACTICE_DEFAULTS.sessionTries} tries: a short session is best. Start again when you like.`;
      this.endDrills();
      return;
    }
    this.ui.next.hidden = true;
    const history = this.shownTries().filter((t) => t.lesson === this.lesson.id);
    const target = chooseTarget(this.lesson, history);
    this.ui.target.textContent = describeTarget(target, FLASH_KIND_LABELS[target.kind]);
    this.ui.target.dataset.kind = target.kind;
    clearFeedback(this.ui.feedback);
    let window: TryWindow;
    try {
      window = await this.runner.run(
        target.kind === 'dissociation'
          ? { windowMs: PRACTICE_DEFAULTS.dissociationWindowMs, settleMs: PRACTICE_DEFAULTS.dissociationSettleMs }
          : {},
      );
    } catch (e) {
      if ((e as Error).message === 'cancelled') return;
      this.hooks.say('warn', (e as Error).message);
      this.endDrills();
      return;
    }
    await this.judge(target, window);
  }

  private async judge(target: DrillTarget, window: TryWindow): Promise<void> {
    const verdict = judgeTry(target, window, this.ring.events, this.ring.frames, this.rules);
    const personal = verdict.caught ? await this.model.predict(verdict.peaks) : null;
    const t: ShownTry = { ...verdict, id: crypto.randomUUID(), mode: 'show', at: Date.now(), lesson: this.lesson.id, personal };
    this.sessionCount++;
    await this.keep(t);
    renderFeedback(this.ui.feedback, verdict, personal);
    if (t.caught && this.ui.keepClips.checked) await this.tryClips.want(t);
    if (this.drilling) this.ui.next.hidden = false;
  }

  private async keep(t: PracticeTry): Promise<void> {
    this.tries.push(t);
    try {
      await this.store.addTry(t);
    } catch (e) {
      this.hooks.say('error', `This try could not be kept: ${(e as Error).message}`);
    }
    this.renderScores();
    await this.drawProgress();
    this.hooks.changed();
  }

  private renderScores(): void {
    const history = this.shownTries().filter((t) => t.lesson === this.lesson.id);
    const scores = scoreByKind(this.lesson.kinds, history);
    this.ui.scores.replaceChildren(
      h('tr', {}, ...['kind', 'tries', 'right', 'brief', 'asked'].map((c) => h('th', {}, c))),
      ...scores.map((s) =>
        h(
          'tr',
          { dataset: { kind: s.kind } },
          h('td', {}, kindLabel(s.kind)),
          h('td', {}, String(s.tries)),
          h('td', {}, String(s.right)),
          h('td', {}, String(s.brief)),
          h('td', {}, s.kind === 'dissociation' ? 'seconds' : `under ${formatMs(maxMsFor(s.kind, history))}`),
        ),
      ),
    );
  }

  // ---- clips and recognition ----------------------------------------------------------------

  private async applyClips(): Promise<void> {
    await this.hooks.wantClips(this.ui.keepClips.checked ? (clip) => void this.tryClips.received(clip) : null);
  }

  private async keepClip(t: ShownTry, clip: FlashClip): Promise<void> {
    try {
      await this.store.addClip({ ...clip, tryId: t.id, kind: t.target.kind });
      this.ui.recogniseStart.disabled = false;
      this.hooks.changed();
      await this.refreshDataLine();
    } catch (e) {
      this.hooks.say('error', `The clip of this flash could not be kept: ${(e as Error).message}`);
    }
  }

  private async recognise(): Promise<void> {
    const clips = await this.store.clips();
    const clip = nextClip(
      clips,
      this.tries.filter((t): t is RecognitionTry => t.mode === 'recognise'),
    );
    if (!clip) return this.hooks.say('info', 'No clips of your flashes yet: tick "Keep my caught flashes" and make a few tries.');
    await this.recognition.show(clip);
  }

  private async recognised(clip: PracticeClip, answer: FlashKind): Promise<void> {
    const t: RecognitionTry = {
      id: crypto.randomUUID(),
      mode: 'recognise',
      at: Date.now(),
      lesson: lessonOf(clip.kind).id,
      clipTryId: clip.tryId,
      shown: clip.kind,
      answer,
      right: answer === clip.kind,
    };
    await this.keep(t);
  }

  // ---- stored data --------------------------------------------------------------------------

  private async init(): Promise<void> {
    try {
      this.tries = await this.store.tries();
    } catch (e) {
      this.hooks.say('warn', `Your practice tries could not be read: ${(e as Error).message}`);
    }
    await this.model.loadKept();
    await this.refresh();
  }

  /** What practice keeps, for the data list. */
  counts() {
    return this.store.counts();
  }

  async refresh(): Promise<void> {
    this.renderScores();
    this.ui.train.disabled = false;
    await this.refreshDataLine();
    if (this.open) await this.drawProgress();
  }

  private async refreshDataLine(): Promise<void> {
    const c = await this.store.counts().catch(() => null);
    this.ui.recogniseStart.disabled = !c?.clips;
    this.ui.dataLine.textContent = c
      ? `Kept: ${c.tries} tries, ${c.clips} clips, ${c.model ? 'a personal model' : 'no personal model'}.`
      : '';
  }

  private async drawProgress(): Promise<void> {
    const rows = progressByDay(
      this.shownTries().map((t) => ({ at: t.at, kind: t.target.kind, caught: t.caught, right: t.right, durationMs: t.durationMs })),
    );
    await this.plot.draw(rows).catch(() => {});
  }

  async exportAll(): Promise<void> {
    try {
      const [tries, model, clips] = await Promise.all([this.store.tries(), this.store.model(), this.store.clips()]);
      const files = await Promise.all(
        clips.map(async (c) => ({
          tryId: c.tryId,
          kind: c.kind,
          mimeType: c.mimeType,
          bytes: new Uint8Array(await c.video.arrayBuffer()),
        })),
      );
      const archive = practiceArchive(tries, model, files, new Date(), pkg.version);
      downloadBlob(archive.name, new Blob([archive.bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    } catch (e) {
      this.hooks.say('error', `Could not read the practice data: ${(e as Error).message}`);
    }
  }

  async deleteAll(): Promise<void> {
    try {
      this.endDrills();
      this.recognition.stop();
      await this.store.deleteAll();
      this.tries = [];
      this.model.forget();
      clearFeedback(this.ui.feedback);
      await this.refresh();
      this.hooks.say('info', 'Practice data (tries, clips, your model) was deleted from this browser.');
      this.hooks.changed();
    } catch (e) {
      this.hooks.say('error', `Deleting the practice data failed: ${(e as Error).message}`);
    }
  }

  /** Everything was deleted elsewhere ("Delete all stored data"): forget what is in memory. */
  forget(): void {
    this.tries = [];
    this.model.forget();
    void this.refresh();
  }
}
