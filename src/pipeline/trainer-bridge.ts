/**
 * The page's side of the trainer worker: started on first use, one worker for the page's life,
 * restarted if it crashes (the model is loaded again on the next use by the caller).
 */
import * as Comlink from 'comlink';
import type { LabelledSample, PersonalModel, Prediction, TrainerApi } from '../shared/contract/index.ts';
import { installErrorTransfer } from '../shared/comlink-errors.ts';

export class TrainerBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainerApi> | null = null;

  private start(): Comlink.Remote<TrainerApi> {
    if (this.api) return this.api;
    installErrorTransfer();
    this.worker = new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.worker.addEventListener('error', () => this.close());
    this.api = Comlink.wrap<TrainerApi>(this.worker);
    return this.api;
  }

  train(samples: readonly LabelledSample[]): Promise<PersonalModel> {
    return this.start().train(samples);
  }

  load(model: PersonalModel): Promise<void> {
    return this.start().load(model);
  }

  predict(features: readonly (readonly number[])[]): Promise<Prediction[]> {
    return this.start().predict(features);
  }

  async unload(): Promise<void> {
    await this.api?.unload();
  }

  close(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.api = null;
    this.worker = null;
  }
}
