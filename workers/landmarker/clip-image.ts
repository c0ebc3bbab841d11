/**
 * One frame's crop for a clip, taken on the frame loop at little cost: a VideoFrame's crop is
 * copied out in its own pixel format (no colour conversion) and scaled down to the clip's square
 * in that format (downscale-planes.ts); only the frames that end up in a clip are ever converted
 * to colour, when the clip is encoded. A frame with no readable format, one in a format not
 * handled, or an ImageBitmap is drawn, scaled, into a canvas instead (about 1.5-3 ms a frame on
 * a 2-core CPU, where the copy costs a fraction of a millisecond).
 */
import { canDownscale, downscalePlanes, type Square } from '../../src/shared/clips/index.ts';

export type ClipImage = { kind: 'raw'; format: VideoPixelFormat; data: Uint8Array } | { kind: 'pixels'; data: ImageData };

/** Planes subsampled by 2 in both directions need even crop edges. */
const even = (v: number) => Math.floor(v / 2) * 2;

/**
 * The crop `sq` of `frame` at `size` x `size`. `scaled` draws a source's crop at that size. The
 * frame may be closed as soon as this returns: what is drawn at once is drawn before, and the copy
 * holds its own reference.
 */
export function takeClipImage(
  frame: CanvasImageSource,
  sq: Square,
  size: number,
  scaled: (source: CanvasImageSource) => ImageData,
): Promise<ClipImage> {
  if (typeof VideoFrame === 'undefined' || !(frame instanceof VideoFrame) || !frame.format || !canDownscale(frame.format)) {
    return Promise.resolve({ kind: 'pixels', data: scaled(frame) });
  }
  const format = frame.format;
  const rect = { x: even(sq.x), y: even(sq.y), width: Math.max(2, even(sq.side)), height: Math.max(2, even(sq.side)) };
  const copy = frame.clone();
  const data = new Uint8Array(copy.allocationSize({ rect }));
  return copy
    .copyTo(data, { rect })
    .then((layout): ClipImage => {
      const small = downscalePlanes(data, layout, format, rect.width, rect.height, size);
      return small ? { kind: 'raw', format, data: small } : { kind: 'pixels', data: scaled(copy) };
    })
    .catch((): ClipImage => ({ kind: 'pixels', data: scaled(copy) })) // a frame this browser cannot copy out
    .finally(() => copy.close());
}

/** Draws a clip image into `ctx` (its size x size). */
export function drawClipImage(ctx: OffscreenCanvasRenderingContext2D, image: ClipImage, size: number): void {
  if (image.kind === 'pixels') {
    ctx.putImageData(image.data, 0, 0);
    return;
  }
  const frame = new VideoFrame(image.data, { format: image.format, codedWidth: size, codedHeight: size, timestamp: 0 });
  try {
    ctx.drawImage(frame, 0, 0);
  } finally {
    frame.close();
  }
}
