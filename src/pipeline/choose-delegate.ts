/**
 * Picks the delegate by measurement at start-up: each candidate is timed in a throw-away worker
 * with a time limit, and GPU is kept only when it beats CPU. Where WebGL is software (no real
 * GPU), the GPU path is several times slower or never finishes: it then loses by timeout.
 */
import * as Comlink from 'comlink';
import type { DelegateProbeApi } from '../shared/delegate-probe-api.ts';
import { decideDelegate } from '../shared/delegate-decision.ts';
import type { Delegate, DelegateChoice, DelegateReport } from '../shared/contract/index.ts';
import { PIPELINE_DEFAULTS } from './defaults.ts';
import { isSoftwareRenderer, webglRenderer } from '../shared/webgl-renderer.ts';

/** Median ms per frame, or an Error saying why the delegate could not be timed. */
export async function timeDelegate(delegate: Delegate, timeoutMs: number): Promise<number | Error> {
  const worker = new Worker(new URL('../../workers/delegate-probe.worker.ts', import.meta.url), {
    type: 'module',
    name: `probe-${delegate}`,
  });
  const api = Comlink.wrap<DelegateProbeApi>(worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      api.probe(delegate),
      new Promise<Error>((resolve) => {
        timer = setTimeout(() => resolve(new Error(`no result within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    return err as Error;
  } finally {
    clearTimeout(timer);
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

export async function chooseDelegate(choice: DelegateChoice): Promise<DelegateReport> {
  if (choice !== 'auto') return { delegate: choice, measuredMs: {}, reason: `${choice} chosen in settings.` };
  const cpu = await timeDelegate('CPU', PIPELINE_DEFAULTS.cpuProbeTimeoutMs);
  const renderer = webglRenderer();
  // On a software renderer the GPU path is the CPU again, several times slower; timing it would
  // also keep the browser's one graphics thread busy for seconds, stalling the CPU path's image
  // conversion. It is not tried there.
  const gpu =
    renderer && isSoftwareRenderer(renderer)
      ? new Error(`WebGL is software here (${renderer})`)
      : await timeDelegate('GPU', PIPELINE_DEFAULTS.gpuProbeTimeoutMs);
  return decideDelegate(cpu, gpu);
}
