/**
 * The personal model in the page: train it from the caught tries (in the trainer worker), keep it,
 * load the kept one when the page opens, label flashes with it, and let it name the live kind in
 * the flash list. Nothing of tfjs runs on the page's thread.
 */
import type { FlashEvent, FlashKind, PersonalModel, Prediction } from '../../shared/contract/index.ts';
import { kindLabel } from '../../shared/flash/index.ts';
import { featuresOf } from '../../shared/personal-model/features.ts';
import { auPeaks, type ShownTry, type TraceFrame } from '../../shared/practice/index.ts';
import type { TrainerBridge } from '../../pipeline/trainer-bridge.ts';
import type { PracticeStore } from '../storage/practice-store.ts';
import { formatMs } from '../ui/dom.ts';
import type { FlashFeed } from '../ui/flash-feed.ts';
import type { PracticeLayout } from './practice-layout.ts';

export class PersonalModelPanel {
  private loaded = false;

  constructor(
    private readonly ui: PracticeLayout,
    private readonly store: PracticeStore,
    private readonly trainer: TrainerBridge,
    private readonly feed: FlashFeed,
    private readonly hooks: { tries(): readonly ShownTry[]; changed(): void },
  ) {
    ui.train.addEventListener('click', () => void this.train());
    ui.useModel.addEventListener('change', () => {
      this.feed.useModelKind = ui.useModel.checked;
      this.feed.refreshLabels();
    });
  }

  /** A model is loaded and labels flashes. */
  get ready(): boolean {
    return this.loaded;
  }

  /** Loads the kept model, if any, into the worker. */
  async loadKept(): Promise<void> {
    try {
      const model = await this.store.model();
      if (model) {
        await this.trainer.load(model);
        this.show(model);
      }
    } catch (e) {
      this.ui.modelStatus.textContent = `Your stored model could not be loaded: ${(e as Error).message}`;
    }
  }

  private show(model: PersonalModel): void {
    this.loaded = true;
    this.ui.useModel.disabled = false;
    this.ui.modelStatus.textContent = modelLine(model);
  }

  private async train(): Promise<void> {
    const samples = this.hooks
      .tries()
      .filter((t) => t.caught)
      .map((t) => ({ kind: t.target.kind, features: featuresOf(t.peaks) }));
    this.ui.train.disabled = true;
    this.ui.modelStatus.textContent = `Training on ${samples.length} caught tries…`;
    try {
      const model = await this.trainer.train(samples);
      await this.store.saveModel(model);
      this.show(model);
      this.ui.modelStatus.dataset.state = 'trained';
      this.hooks.changed();
    } catch (e) {
      this.ui.modelStatus.dataset.state = 'failed';
      this.ui.modelStatus.textContent = (e as Error).message;
    } finally {
      this.ui.train.disabled = false;
    }
  }

  /** The model's label for a flash's AU peaks (AU_LIST order), or null without a model. */
  async predict(peaks: readonly number[]): Promise<Prediction | null> {
    if (!this.loaded) return null;
    try {
      return (await this.trainer.predict([featuresOf(peaks)]))[0] ?? null;
    } catch {
      return null;
    }
  }

  /** Labels the completed flashes in the flash list (their peaks read from the trace). */
  label(events: readonly FlashEvent[], trace: readonly TraceFrame[]): void {
    if (!this.loaded) return;
    for (const e of events) {
      if (e.status !== 'complete') continue;
      void this.predict(auPeaks(trace, e.onsetMs, e.offsetMs)).then((p) => p && this.feed.annotate(e.id, p));
    }
  }

  /** The model was deleted: the worker forgets it and the list shows the rules' kinds alone. */
  forget(): void {
    this.loaded = false;
    this.ui.useModel.checked = false;
    this.ui.useModel.disabled = true;
    this.feed.useModelKind = false;
    this.feed.refreshLabels();
    this.ui.modelStatus.textContent = '';
    delete this.ui.modelStatus.dataset.state;
    void this.trainer.unload().catch(() => {});
  }
}

function modelLine(m: PersonalModel): string {
  const per = m.kinds.map((k: FlashKind) => `${kindLabel(k)} ${m.tries[k] ?? 0}`).join(', ');
  return `Your model knows ${m.kinds.length} kinds (${per} tries), trained in ${formatMs(m.trainMs)} on ${m.backend}; it labels ${Math.round(m.trainAccuracy * 100)}% of its own tries right.`;
}
