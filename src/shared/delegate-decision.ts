/**
 * The delegate decision from the two start-up timings, and the one sentence that explains it to the
 * user. Pure: the timing itself lives in src/pipeline/choose-delegate.ts.
 */
import type { Delegate, DelegateReport } from './contract/index.ts';

/** Median ms per frame, or why the delegate could not be timed. */
export type ProbeOutcome = number | Error;

export function decideDelegate(cpu: ProbeOutcome, gpu: ProbeOutcome): DelegateReport {
  const measuredMs: Partial<Record<Delegate, number>> = {};
  if (typeof cpu === 'number') measuredMs.CPU = cpu;
  if (typeof gpu === 'number') measuredMs.GPU = gpu;
  const ms = (x: number) => `${x.toFixed(1)} ms/frame`;
  if (typeof gpu === 'number' && (typeof cpu !== 'number' || gpu < cpu)) {
    return {
      delegate: 'GPU',
      measuredMs,
      reason:
        typeof cpu === 'number'
          ? `GPU ${ms(gpu)} vs CPU ${ms(cpu)}: GPU is faster here.`
          : `CPU could not be timed (${cpu.message}); GPU runs at ${ms(gpu)}.`,
    };
  }
  let reason: string;
  if (typeof gpu === 'number') {
    reason = `CPU ${ms(cpu as number)} vs GPU ${ms(gpu)}: the GPU path is slower here (software WebGL?), so CPU runs.`;
  } else if (typeof cpu === 'number') {
    reason = `GPU delegate not used: ${gpu.message}. CPU runs at ${ms(cpu)}.`;
  } else if (cpu.message === gpu.message) {
    reason = `Neither delegate could be started: ${cpu.message}`;
  } else {
    reason = `Neither delegate could be timed (CPU: ${cpu.message}; GPU: ${gpu.message}); trying CPU.`;
  }
  return { delegate: 'CPU', measuredMs, reason };
}
