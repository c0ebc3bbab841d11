/**
 * One frame in, one FrameResult out: Face Landmarker (detect, here, or a pool member's detection),
 * then, in capture order, face selection and the post stage (finish). Owns this worker's one
 * landmarker instance; recreates it after WebGL context loss.
 */
import type { FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import {
  BLENDSHAPE_COUNT,
  LANDMARK_COUNT,
  type DelegateReport,
  type FaceSelection,
  type FlashEvent,
  type FrameResult,
  PipelineError,
} from '../../src/shared/contract/index.ts';
import { initialRoster, selectInRoster } from '../../src/shared/face-roster.ts';
import { followFace, initialFollowState, landmarkBox, type Box } from '../../src/shared/face-select.ts';
import { createLandmarker, type LandmarkerHandle } from './create-landmarker.ts';
import { type Detection, facesOf } from './detection.ts';
import { WORKER_DEFAULTS } from './defaults.ts';
import type { PostStage } from './post-stage.ts';

export interface FrameMeta {
  frameIndex: number;
  /** Capture (live) or presentation (file) time, ms. */
  timestampMs: number;
  width: number;
  height: number;
  grabMs: number;
  transferMs: number;
}

/** Smallest step between two timestamps when a source repeats one (ms). */
const MIN_TIMESTAMP_STEP_MS = 0.001;

export class FrameAnalyzer {
  private handle: LandmarkerHandle | null = null;
  private contextLost = false;
  private follow = initialFollowState();
  /** The faces followed in this session, so each keeps its own neutral. */
  private roster = initialRoster();
  /** Events completed by a face switch, handed over with the next frame's result. */
  private pendingEvents: FlashEvent[] = [];
  private lastTimestampMs = -Infinity;

  constructor(
    private readonly report: DelegateReport,
    readonly post: PostStage,
    private readonly onContextLost: () => void,
  ) {}

  delegate(): DelegateReport {
    return this.report;
  }

  selectFace(selection: FaceSelection): void {
    if (this.lastTimestampMs === -Infinity) {
      // Before any frame (a restarted worker given back its face and neutral): the neutral it was
      // started with is the followed face's.
      this.follow = initialFollowState(selection);
      return;
    }
    this.roster = selectInRoster(this.roster, selection, this.follow.last);
    this.follow = initialFollowState(selection);
    this.pendingEvents.push(...this.post.followFace(this.roster.current, this.lastTimestampMs));
  }

  /** Forgets the followed face, timestamps and post-stage state (a new source). */
  resetSession(): void {
    this.follow = initialFollowState(this.follow.selection.mode === 'largest' ? this.follow.selection : undefined);
    this.roster = initialRoster();
    this.pendingEvents = [];
    this.lastTimestampMs = -Infinity;
    this.post.reset();
  }

  /**
   * The source stopped: every expression still open is completed at the last frame's time (and
   * one completed by a face switch is handed over). The session's state stays until resetSession.
   */
  endSession(): FlashEvent[] {
    const pending = this.pendingEvents.splice(0);
    return Number.isFinite(this.lastTimestampMs) ? [...pending, ...this.post.flush(this.lastTimestampMs)] : pending;
  }

  private async landmarker(): Promise<LandmarkerHandle> {
    if (this.contextLost) {
      // MediaPipe cannot recover a lost WebGL context in place, and its wasm runtime cannot be
      // instantiated twice in one worker: end this worker; the page's bridge starts a fresh one.
      throw new PipelineError('webgl-context-lost', 'The graphics context was lost; the worker restarts.');
    }
    if (this.handle) return this.handle;
    this.handle = await createLandmarker(this.report.delegate);
    this.handle.canvas.addEventListener('webglcontextlost', () => {
      this.contextLost = true;
      this.onContextLost();
    });
    return this.handle;
  }

  /** The model on one frame, in this worker. */
  async detect(frame: TexImageSource): Promise<Detection> {
    const handle = await this.landmarker();
    const t0 = performance.now();
    const bitmap =
      WORKER_DEFAULTS.bitmapInput[handle.delegate] && typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame
        ? await createImageBitmap(frame)
        : null;
    const tc = performance.now();
    let mp: FaceLandmarkerResult;
    try {
      mp = handle.landmarker.detect(bitmap ?? frame);
    } finally {
      bitmap?.close();
    }
    const faces = facesOf(mp);
    return { faces, convertMs: tc - t0, inferenceMs: performance.now() - tc };
  }

  async analyze(frame: TexImageSource, meta: FrameMeta): Promise<FrameResult> {
    return this.finish(await this.detect(frame), meta);
  }

  /** What the model found in a frame (here or in a pool member), in capture order: the followed face, its AUs and flashes. */
  finish(detection: Detection, meta: FrameMeta): FrameResult {
    const timestampMs = Math.max(meta.timestampMs, this.lastTimestampMs + MIN_TIMESTAMP_STEP_MS);
    this.lastTimestampMs = timestampMs;
    const t1 = performance.now();

    const faces = detection.faces;
    const boxes: Box[] = faces.map((f) => landmarkBox(f.landmarks));
    const faceBoxes = new Float32Array(faces.length * 4);
    boxes.forEach((box, i) => {
      faceBoxes.set([box.x, box.y, box.w, box.h], i * 4);
    });
    const followed = followFace(boxes, this.follow);
    this.follow = followed.state;
    const index = followed.index;
    const face = index >= 0 ? faces[index] : undefined;
    const landmarks = face?.landmarks ?? new Float32Array(LANDMARK_COUNT * 3);
    const blendshapes = face?.blendshapes ?? new Float32Array(BLENDSHAPE_COUNT);
    const matrix = face?.matrix ?? new Float32Array(16);

    const post = this.post.step({
      timestampMs,
      width: meta.width,
      height: meta.height,
      face: face ? { landmarks, blendshapes, matrix } : null,
    });
    const t2 = performance.now();

    return {
      frameIndex: meta.frameIndex,
      timestampMs,
      width: meta.width,
      height: meta.height,
      faceCount: faces.length,
      facePresent: face !== undefined,
      faceIndex: face ? index : -1,
      landmarks,
      blendshapes,
      matrix,
      faceBoxes,
      pose: post.pose,
      aus: post.aus,
      auPresence: post.auPresence,
      eyes: post.eyes,
      baselineReady: post.baselineReady,
      events: this.pendingEvents.length ? [...this.pendingEvents.splice(0), ...post.events] : post.events,
      speech: post.speech,
      timings: {
        grabMs: meta.grabMs,
        transferMs: meta.transferMs,
        convertMs: detection.convertMs,
        inferenceMs: detection.inferenceMs,
        postMs: t2 - t1,
      },
    };
  }

  close(): void {
    this.handle?.landmarker.close();
    this.handle = null;
  }
}
