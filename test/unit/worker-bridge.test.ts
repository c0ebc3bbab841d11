/**
 * The worker bridge against a fake worker (Comlink over a MessageChannel, no model): wiring only.
 * A busy worker is not a dead one; a file analysis on a worker that dies fails at once; the
 * neutral the worker reports is what a restarted worker starts from; live sources go to whichever
 * worker is current.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerBridge, type WorkerLike } from '../../src/pipeline/worker-bridge.ts';
import type {
  DelegateReport,
  FileAnalysisOptions,
  FileInfo,
  FileInput,
  FileSummary,
  FrameResult,
  NeutralBaseline,
  WorkerInit,
} from '../../src/shared/contract/index.ts';

const REPORT: DelegateReport = { delegate: 'CPU', reason: 'fake', cpuMs: 1, gpuMs: null } as unknown as DelegateReport;
const TIMING = { pingIntervalMs: 20, pingTimeoutMs: 120, fileBusyTimeoutMs: 600 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FakeBehaviour {
  /** ms between delivered batches of a file, and how many; Infinity: stops after the first. */
  batchEveryMs?: number;
  batches?: number;
  /** The worker answers pings (false: it is dead or blocked). */
  answersPings?: boolean;
}

function summary(frames: number): FileSummary {
  return {
    width: 2,
    height: 2,
    codec: 'avc1',
    container: 'mp4',
    rotation: 0,
    durationS: 1,
    frameCount: frames,
    framesAnalysed: frames,
    delegate: REPORT,
    elapsedMs: 1,
    stageMs: { decode: 0, convert: 0, inference: 0, post: 0, deliver: 0 },
    pool: { size: 0, replaced: 0 },
    baseline: null,
  };
}

/** Spawns fake workers; each records what it was asked. */
function fakeWorkers(behaviours: FakeBehaviour[]) {
  const spawned: {
    init: WorkerInit | null;
    onBaseline: ((b: NeutralBaseline | null) => void) | null;
    calls: string[];
    terminated: boolean;
  }[] = [];
  const spawn = (): WorkerLike => {
    const b = behaviours[Math.min(spawned.length, behaviours.length - 1)]!;
    const record = {
      init: null as WorkerInit | null,
      onBaseline: null as ((b: NeutralBaseline | null) => void) | null,
      calls: [] as string[],
      terminated: false,
    };
    spawned.push(record);
    const { port1, port2 } = new MessageChannel();
    let cancelled = false;
    const api = {
      async init(init: WorkerInit, onBaseline: (b: NeutralBaseline | null) => void) {
        record.init = init;
        record.onBaseline = onBaseline;
        return { loadMs: 0 };
      },
      selectFace() {},
      ping() {
        if (b.answersPings === false) return new Promise(() => undefined);
        return 1;
      },
      async analyzeFile(
        _input: FileInput,
        onBatch: (r: FrameResult[]) => Promise<void>,
        _onInfo: (i: FileInfo) => void,
        options: FileAnalysisOptions,
      ) {
        record.calls.push(`analyzeFile ${JSON.stringify(options ?? {})}`);
        const batches = b.batches ?? 3;
        let frames = 0;
        for (let i = 0; i < batches && !cancelled; i++) {
          await onBatch([{ frameIndex: frames } as FrameResult]);
          frames++;
          if (b.batchEveryMs === Infinity) return new Promise(() => undefined);
          await sleep(b.batchEveryMs ?? 0);
        }
        return summary(frames);
      },
      cancelFile() {
        cancelled = true;
        record.calls.push('cancelFile');
      },
      async startStream() {
        record.calls.push('startStream');
      },
      keepClips(onClip: unknown) {
        record.calls.push(`keepClips ${onClip ? 'on' : 'off'}`);
      },
      setBaseline(baseline: NeutralBaseline | null) {
        record.calls.push(`setBaseline ${baseline === null ? 'null' : baseline.source}`);
      },
      calibrate() {
        record.calls.push('calibrate');
        // The worker reports the calibrated neutral when it is done.
        void record.onBaseline?.(neutral('calibrated'));
      },
    };
    Comlink.expose(api, port2);
    return Object.assign(port1, {
      terminate() {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    }) as unknown as WorkerLike;
  };
  return { spawn, spawned };
}

function neutral(source: 'auto' | 'calibrated'): NeutralBaseline {
  return { version: 2, source, measureIds: [], measures: [], blendshapes: null, frames: 30 } as NeutralBaseline;
}

let bridge: WorkerBridge | null = null;
afterEach(() => {
  bridge?.close();
  bridge = null;
});

async function start(behaviours: FakeBehaviour[], events: Parameters<typeof WorkerBridge.start>[1] = {}) {
  const fakes = fakeWorkers(behaviours);
  bridge = await WorkerBridge.start({ delegate: 'CPU' }, events, {
    spawnWorker: fakes.spawn,
    chooseDelegate: async () => REPORT,
    timing: TIMING,
  });
  return fakes;
}

const input: FileInput = { kind: 'url', url: 'x', name: 'clip.mp4' };

describe('worker bridge', () => {
  it('a busy worker is not a dead one: slow frames that keep coming do not restart it', async () => {
    // Pings go unanswered (the worker is inside a frame), but a batch arrives every 200 ms: well
    // past the ping limit, within the file limit.
    const fakes = await start([{ answersPings: false, batchEveryMs: 200, batches: 4 }]);
    const done = await bridge!.analyzeFile(input, { onBatch() {} });
    expect(done.framesAnalysed).toBe(4);
    expect(fakes.spawned).toHaveLength(1);
    expect(bridge!.restarts).toBe(0);
  });

  it('a file analysis on a worker that dies fails at once, saying where, and the next one runs on the new worker', async () => {
    const crashes: string[] = [];
    const fakes = await start([{ answersPings: false, batchEveryMs: Infinity }, { batches: 2 }], { onCrash: (r) => crashes.push(r) });
    const t0 = performance.now();
    const failed = bridge!.analyzeFile(input, { onBatch() {} });
    await expect(failed).rejects.toMatchObject({ code: 'worker-crashed' });
    await expect(failed).rejects.toThrow(/after frame 1/);
    expect(performance.now() - t0).toBeLessThan(TIMING.fileBusyTimeoutMs + 500);
    expect(crashes).toHaveLength(1);
    expect(fakes.spawned[0]!.terminated).toBe(true);
    await sleep(50);
    expect((await bridge!.analyzeFile(input, { onBatch() {} })).framesAnalysed).toBe(2);
  });

  it('an aborted file analysis is cancelled in the worker and ends with what it did', async () => {
    const fakes = await start([{ batchEveryMs: 50, batches: 100 }]);
    const run = new AbortController();
    const result = bridge!.analyzeFile(input, { onBatch() {} }, { signal: run.signal, calibrate: true });
    await sleep(120);
    run.abort();
    const done = await result;
    expect(done.framesAnalysed).toBeLessThan(100);
    expect(fakes.spawned[0]!.calls).toContain('cancelFile');
    expect(fakes.spawned[0]!.calls[0]).toBe('analyzeFile {"calibrate":true}');
  });

  it('keeps the neutral the worker reports, and a restarted worker starts from it', async () => {
    const reported: (NeutralBaseline | null)[] = [];
    const fakes = await start([{ answersPings: false }, {}], { onBaseline: (b) => reported.push(b) });
    await bridge!.calibrate(3000);
    await sleep(20);
    expect(reported.map((b) => b?.source)).toEqual(['calibrated']);
    expect(bridge!.currentBaseline()?.source).toBe('calibrated');
    // The first worker stops answering: the second is started with the calibrated neutral.
    await sleep(TIMING.pingTimeoutMs + 200);
    expect(fakes.spawned).toHaveLength(2);
    expect(fakes.spawned[1]!.init?.baseline?.source).toBe('calibrated');
  });

  it('live frames go to whichever worker is current after a restart', async () => {
    const fakes = await start([{ answersPings: false }, {}], {
      onRestart: async () => {
        await bridge!.startStream(new ReadableStream(), () => undefined, {});
      },
    });
    await sleep(TIMING.pingTimeoutMs + 200);
    expect(fakes.spawned[1]!.calls).toContain('startStream');
  });

  it('a restarted worker keeps clips of flashes when the last one was asked to', async () => {
    const fakes = await start([{ answersPings: false }, {}]);
    await bridge!.keepClips(() => undefined);
    expect(fakes.spawned[0]!.calls).toEqual(['keepClips on']);
    await sleep(TIMING.pingTimeoutMs + 200);
    expect(fakes.spawned[1]!.calls).toEqual(['keepClips on']);
  });

  it('a restarted worker keeps no clips once they were turned off', async () => {
    const fakes = await start([{ answersPings: false }, {}]);
    await bridge!.keepClips(() => undefined);
    await bridge!.keepClips(null);
    await sleep(TIMING.pingTimeoutMs + 200);
    expect(fakes.spawned[1]!.calls).toEqual([]);
  });
});
