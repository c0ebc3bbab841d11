/**
 * The page's side of the trainer worker: started on first use, one worker for the page's life. A
 * worker that crashed is replaced on the next call, and the model it held is loaded into the new
 * one before that call runs.
 */
import * as Comlink from 'comlink';
import type { LabelledSample, PersonalModel, Prediction, TrainerApi } from '../shared/contract/index.ts';
import { installErrorTransfer } from '../shared/comlink-errors.ts';

export class TrainerBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainerApi> | null = null;
  /** The model the worker holds (trained or loaded), to load again into a replacement. */
  private held: PersonalModel | null = null;

  private async start(): Promise<Comlink.Remote<TrainerApi>> {
    if (this.api) return this.api;
    installErrorTransfer();
    this.worker = new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.worker.addEventListener('error', () => this.close());
    const api = Comlink.wrap<TrainerApi>(this.worker);
    this.api = api;
    if (this.held) await api.load(this.held);
    return api;
  }

  async train(samples: readonly LabelledSample[]): Promise<PersonalModel> {
    const model = await (await this.start()).train(samples);
    this.held = model;
    return model;
  }

  async load(model: PersonalModel): Promise<void> {
    this.held = null;
    await (await this.start()).load(model);
    this.held = model;
  }

  async predict(features: readonly (readonly number[])[]): Promise<Prediction[]> {
    return (await this.start()).predict(features);
  }

  async unload(): Promise<void> {
    this.held = null;
    await this.api?.unload();
  }

  close(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.api = null;
    this.worker = null;
  }
}
