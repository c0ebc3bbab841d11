/**
 * Keeps short clips of a live source's flashes, only while the page asks for them: each analysed
 * frame's followed face is cropped (crop-square.ts, clip-image.ts) and held; the planner
 * (clip-planner.ts) says which frames make each flash's clip; finished clips are encoded one at a
 * time, off the frame loop, and handed to the page.
 */
import { CLIP_DEFAULTS, createClipPlanner, cropSquare, type CutClip, type Square } from '../../src/shared/clips/index.ts';
import type { FlashClip, FlashEvent, FrameResult } from '../../src/shared/contract/index.ts';
import { type ClipImage, takeClipImage } from './clip-image.ts';
import { encodeClip } from './encode-clip.ts';

export type ClipSink = (clip: FlashClip) => void | Promise<void>;

export class ClipKeeper {
  private readonly planner = createClipPlanner<Promise<ClipImage>>();
  private readonly size = CLIP_DEFAULTS.sizePx;
  private readonly canvas = new OffscreenCanvas(this.size, this.size);
  private readonly ctx = this.canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  private square: Square | null = null;
  /** The clips being encoded and handed over, one after another. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: ClipSink,
    private readonly onError: (error: Error) => void,
  ) {}

  /** An analysed frame (still open: the caller closes it after) and its result. */
  add(frame: CanvasImageSource, r: FrameResult): void {
    const i = r.faceIndex;
    const face =
      i >= 0 ? { x: r.faceBoxes[i * 4]!, y: r.faceBoxes[i * 4 + 1]!, w: r.faceBoxes[i * 4 + 2]!, h: r.faceBoxes[i * 4 + 3]! } : null;
    const sq = cropSquare(face, r.width, r.height, this.square);
    this.square = sq;
    let item: Promise<ClipImage>;
    try {
      item = takeClipImage(frame, sq, this.size, (source) => {
        this.ctx.drawImage(source, sq.x, sq.y, sq.side, sq.side, 0, 0, this.size, this.size);
        return this.ctx.getImageData(0, 0, this.size, this.size);
      });
    } catch (err) {
      // Keeping clips never stops the analysis: this frame's crop fails, and with it its clips.
      item = Promise.reject(err as Error);
    }
    item.catch(() => {}); // a failed crop fails its clip, said when the clip is made
    for (const clip of this.planner.step({ atMs: r.timestampMs, item }, r.events)) this.hand(clip);
  }

  /** The source stopped, with the events it completed: the last clips are made; resolves once all are handed over. */
  async finish(events: readonly FlashEvent[]): Promise<void> {
    for (const clip of this.planner.flush(events)) this.hand(clip);
    this.square = null;
    await this.queue;
  }

  /** A new source: nothing held from the last one. */
  reset(): void {
    this.planner.reset();
    this.square = null;
  }

  private hand(clip: CutClip<Promise<ClipImage>>): void {
    this.queue = this.queue
      .then(() => encodeClip(clip, this.size))
      .then((encoded) => this.sink(encoded))
      .catch((err: unknown) => this.onError(err as Error));
  }
}
