/**
 * What the landmarking worker sends the page for each analysed frame (FrameResult) and for a live
 * session (its counters, the delegate it runs), and how the page picks the face to follow: plain,
 * structured-clone-safe data. Units are in each field's comment. Coordinates from MediaPipe are normalised image coordinates
 * (x, y in 0..1 of width/height, z roughly in the same scale as x, smaller = nearer the camera).
 */
import type { FlashEvent } from './flash-event.ts';
import type { SpeechStateName } from './speech.ts';

export const LANDMARK_COUNT = 478;
export const BLENDSHAPE_COUNT = 52;

export type Delegate = 'CPU' | 'GPU';
export type DelegateChoice = Delegate | 'auto';

/** Why the worker runs the delegate it runs. */
export interface DelegateReport {
  delegate: Delegate;
  /** Median ms per frame measured at start-up, per delegate tried (absent = not tried/failed). */
  measuredMs: Partial<Record<Delegate, number>>;
  /** One sentence for the user. */
  reason: string;
}

/** Per-stage latency of one frame, ms. */
export interface StageTimings {
  /** Frame grab on the main thread (ImageBitmap creation), 0 where the stream hands frames over. */
  grabMs: number;
  /** From capture time to the worker starting on the frame (queueing + transfer). */
  transferMs: number;
  /** A VideoFrame turned into an ImageBitmap for the model (the CPU delegate: see WORKER_DEFAULTS.bitmapInput); 0 where the frame goes in as it is. */
  convertMs: number;
  /** MediaPipe Face Landmarker. */
  inferenceMs: number;
  /** Face selection, action units, flash engine. */
  postMs: number;
}

/** How long before its result was ready a frame was captured: the sum of its stage times. */
export function frameAgeMs(t: StageTimings): number {
  return t.grabMs + t.transferMs + t.convertMs + t.inferenceMs + t.postMs;
}

/** Result for one processed frame. Typed arrays are transferred, not copied. */
export interface FrameResult {
  /** Sequence number of the frame in its source (0-based; files: the frame's index in the stream). */
  frameIndex: number;
  /** Capture time (live) or presentation time (file), ms, strictly increasing within a session. */
  timestampMs: number;
  width: number;
  height: number;
  /** Faces MediaPipe found in the frame. */
  faceCount: number;
  /** Whether the followed face is in this frame. */
  facePresent: boolean;
  /** Index among this frame's faces of the followed one (-1 if none). */
  faceIndex: number;
  /** 478 x (x, y, z) of the followed face; zeros when no face. */
  landmarks: Float32Array;
  /** 52 blendshape scores (MediaPipe order, see BLENDSHAPE_NAMES). */
  blendshapes: Float32Array;
  /** 4x4 facial transformation matrix, column-major (canonical face -> camera, cm). */
  matrix: Float32Array;
  /** Bounding boxes of all faces, 4 numbers each (x, y, w, h; normalised). */
  faceBoxes: Float32Array;
  /** Head pose (radians): pitch (x), yaw (y), roll (z). NaN when no face. */
  pose: Float32Array;
  /** AU intensities in AU_CHANNELS order, FACS 0-5 scale. NaN when no face. */
  aus: Float32Array;
  /** AU presence (0/1) in AU_CHANNELS order. */
  auPresence: Uint8Array;
  /** Eye features in EYE_FEATURES order. NaN when no face. */
  eyes: Float32Array;
  /** True once a neutral baseline (calibrated or automatic) is in use. */
  baselineReady: boolean;
  /** Events that started or ended on this frame. */
  events: FlashEvent[];
  /** Whether the person is talking, as the flash engine judged it on this frame ('assumed' while it
   * cannot tell yet); while not 'quiet', a flash must stand out from how this person talks. */
  speech: SpeechStateName;
  timings: StageTimings;
}

/** Frame counters of a live session. */
export interface PipelineStats {
  framesIn: number;
  processed: number;
  dropped: number;
  /** Processed frames per second over the last second. */
  processedFps: number;
  /** The landmarkers sharing the frames, where there is a pool (LiveOptions.pool): members, and members replaced after a crash. */
  pool?: { size: number; replaced: number };
}

/** Which face to follow when there are several. */
export type FaceSelection =
  | { mode: 'largest' }
  /** Follow the face under this point (normalised image coordinates), then keep following it. */
  | { mode: 'point'; x: number; y: number };

/** The transferable buffers of a result, for postMessage/Comlink.transfer. */
export function resultTransferables(r: FrameResult): ArrayBuffer[] {
  return [r.landmarks, r.blendshapes, r.matrix, r.faceBoxes, r.pose, r.aus, r.auPresence, r.eyes].map((a) => a.buffer as ArrayBuffer);
}
