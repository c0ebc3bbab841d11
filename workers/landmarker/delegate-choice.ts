/**
 * Chooses the delegate by measurement on the first real frame: GPU is kept only when it is faster
 * than CPU here (on a machine whose WebGL is software, the "GPU" is several times slower).
 */
import type { Delegate, DelegateChoice, DelegateReport } from '../../src/shared/protocol.ts';
import { createLandmarker, type LandmarkerHandle } from './create-landmarker.ts';
import { WORKER_DEFAULTS } from './defaults.ts';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function timeOn(handle: LandmarkerHandle, frame: TexImageSource): number {
  handle.landmarker.detect(frame); // warm-up (shader compilation, first allocation)
  const ms: number[] = [];
  for (let i = 0; i < WORKER_DEFAULTS.delegateProbeFrames; i++) {
    const t0 = performance.now();
    handle.landmarker.detect(frame);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function chooseDelegate(
  choice: DelegateChoice,
  frame: TexImageSource,
): Promise<{ handle: LandmarkerHandle; report: DelegateReport }> {
  if (choice !== 'auto') {
    const handle = await createLandmarker(choice);
    return {
      handle,
      report: { delegate: choice, measuredMs: { [choice]: timeOn(handle, frame) }, reason: `${choice} chosen in settings.` },
    };
  }
  const cpu = await createLandmarker('CPU');
  const measuredMs: Partial<Record<Delegate, number>> = { CPU: timeOn(cpu, frame) };
  let gpu: LandmarkerHandle | null = null;
  let gpuError = '';
  try {
    gpu = await createLandmarker('GPU');
    measuredMs.GPU = timeOn(gpu, frame);
  } catch (err) {
    gpuError = (err as Error).message;
  }
  const cpuMs = measuredMs.CPU as number;
  if (gpu && measuredMs.GPU !== undefined && measuredMs.GPU < cpuMs) {
    cpu.landmarker.close();
    return {
      handle: gpu,
      report: {
        delegate: 'GPU',
        measuredMs,
        reason: `GPU ${measuredMs.GPU.toFixed(1)} ms/frame vs CPU ${cpuMs.toFixed(1)} ms/frame: GPU is faster here.`,
      },
    };
  }
  gpu?.landmarker.close();
  const reason = gpu
    ? `CPU ${cpuMs.toFixed(1)} ms/frame vs GPU ${measuredMs.GPU?.toFixed(1)} ms/frame: the GPU path is slower here (software WebGL?), so CPU runs.`
    : `GPU delegate unavailable (${gpuError}); CPU runs at ${cpuMs.toFixed(1)} ms/frame.`;
  return { handle: cpu, report: { delegate: 'CPU', measuredMs, reason } };
}
