/**
 * A pool of landmarkers for a file or a live source: IMAGE mode makes every frame independent, so
 * frames are handed to the members in turn (each its own worker with its own model, on its own
 * core) while the landmarking worker decodes or reads the stream, and the detections come back to
 * be finished (face selection, AUs, flashes) in presentation order. A member that dies is
 * replaced and its frames are handed out again: every frame is still analysed exactly once, in order. The pool size comes from the cores
 * and the delegate (pool-size.ts), or is given.
 */
import * as Comlink from 'comlink';
import type { Delegate } from '../../src/shared/contract/index.ts';
import type { DetectHelperApi } from '../detect-helper.worker.ts';
import { WORKER_DEFAULTS } from './defaults.ts';
import type { Detection } from './detection.ts';

interface Member {
  worker: Worker;
  api: Comlink.Remote<DetectHelperApi>;
  ready: Promise<void>;
  /** Frames handed to it and not answered yet (kept, so that they can be handed out again). */
  pending: Set<Job>;
  dead: boolean;
}

interface Job {
  frame: VideoFrame;
  resolve(d: Detection): void;
  reject(e: Error): void;
  tries: number;
}

const spawnHelper = () => new Worker(new URL('../detect-helper.worker.ts', import.meta.url), { type: 'module', name: 'landmarker-pool' });

export class DetectPool {
  private members: Member[] = [];
  private next = 0;
  replaced = 0;

  constructor(
    readonly size: number,
    private readonly delegate: Delegate,
    /** A member that has not answered a frame for this long is taken for dead and replaced. */
    readonly answerMs: number = WORKER_DEFAULTS.poolAnswerMs,
  ) {
    for (let i = 0; i < size; i++) this.members.push(this.spawn());
  }

  private spawn(): Member {
    const worker = spawnHelper();
    const api = Comlink.wrap<DetectHelperApi>(worker);
    const member: Member = { worker, api, ready: api.init(this.delegate), pending: new Set(), dead: false };
    member.ready.catch(() => this.replace(member));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.replace(member);
    });
    return member;
  }

  /** A member died: a fresh one takes its place and its frames. */
  private replace(member: Member): void {
    if (member.dead) return;
    member.dead = true;
    member.worker.terminate();
    const i = this.members.indexOf(member);
    const fresh = this.spawn();
    if (i >= 0) this.members[i] = fresh;
    this.replaced++;
    for (const job of member.pending) {
      if (++job.tries > WORKER_DEFAULTS.poolRetries) {
        job.frame.close();
        job.reject(new Error('a landmarker of the pool failed on this frame again and again'));
      } else this.send(fresh, job);
    }
    member.pending.clear();
  }

  /** The model on one frame, in some member; the frame is the pool's to close. */
  detect(frame: VideoFrame): Promise<Detection> {
    return new Promise<Detection>((resolve, reject) => {
      const member = this.members[this.next++ % this.members.length]!;
      this.send(member, { frame, resolve, reject, tries: 0 });
    });
  }

  private send(member: Member, job: Job): void {
    member.pending.add(job);
    void (async () => {
      try {
        await member.ready;
        const t0 = performance.now();
        // WORKER_DEFAULTS.bitmapInput: the CPU delegate is faster from an ImageBitmap.
        const image = await createImageBitmap(job.frame);
        // A member that stops answering (killed for memory, hung) is taken for dead.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const silent = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer')), this.answerMs);
        });
        const detection = await Promise.race([member.api.detect(Comlink.transfer(image, [image]), performance.now() - t0), silent]).finally(
          () => clearTimeout(timer),
        );
        if (!member.pending.delete(job)) return; // handed to another member meanwhile
        job.frame.close();
        job.resolve(detection);
      } catch {
        // The member died (or its model failed): replace() hands the job on.
        if (member.pending.has(job)) this.replace(member);
      }
    })();
  }

  /** For the tests: the first member crashes as a model failure would make it. */
  crashOne(): void {
    void this.members[0]?.api.crash();
  }

  close(): void {
    for (const m of this.members) {
      m.dead = true;
      m.worker.terminate();
      for (const job of m.pending) job.frame.close();
    }
    this.members = [];
  }
}
