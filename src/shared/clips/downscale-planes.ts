/**
 * A video frame's crop, in its own pixel format, scaled down to the clip's square by averaging the
 * source pixels under each output pixel (a box filter: no aliasing at the 2-4x reductions a face
 * crop needs). Pure and format-aware: planar YUV (I420, I420A, I444), semi-planar NV12, and packed
 * 4-byte RGB (RGBA, RGBX, BGRA, BGRX); the output is in the same format, planes packed one after
 * another. Other formats return null (the caller draws the frame instead).
 */

/** Each plane of a format: its subsampling (1: full size, 2: half in both directions) and its interleaved components. */
const PLANES: Readonly<Record<string, readonly { sub: 1 | 2; channels: number }[]>> = {
  I420: [
    { sub: 1, channels: 1 },
    { sub: 2, channels: 1 },
    { sub: 2, channels: 1 },
  ],
  I420A: [
    { sub: 1, channels: 1 },
    { sub: 2, channels: 1 },
    { sub: 2, channels: 1 },
    { sub: 1, channels: 1 },
  ],
  I444: [
    { sub: 1, channels: 1 },
    { sub: 1, channels: 1 },
    { sub: 1, channels: 1 },
  ],
  NV12: [
    { sub: 1, channels: 1 },
    { sub: 2, channels: 2 },
  ],
  RGBA: [{ sub: 1, channels: 4 }],
  RGBX: [{ sub: 1, channels: 4 }],
  BGRA: [{ sub: 1, channels: 4 }],
  BGRX: [{ sub: 1, channels: 4 }],
};

/** Where a plane starts in the source buffer and how far apart its rows are (bytes), as VideoFrame.copyTo reports. */
export interface PlaneAt {
  offset: number;
  stride: number;
}

export function canDownscale(format: string): boolean {
  return format in PLANES;
}

/**
 * Scales a `width` x `height` crop (both even) in `format` to `size` x `size` (even). Returns the
 * packed planes, or null for a format not handled.
 */
export function downscalePlanes(
  src: Uint8Array,
  layout: readonly PlaneAt[],
  format: string,
  width: number,
  height: number,
  size: number,
): Uint8Array | null {
  const planes = PLANES[format];
  if (!planes || layout.length < planes.length) return null;
  const outSizes = planes.map((p) => (size / p.sub) * (size / p.sub) * p.channels);
  const out = new Uint8Array(outSizes.reduce((a, b) => a + b, 0));
  let at = 0;
  planes.forEach((p, i) => {
    const { offset, stride } = layout[i]!;
    const sw = width / p.sub;
    const sh = height / p.sub;
    const dw = size / p.sub;
    boxScale(src, offset, stride, sw, sh, p.channels, out, at, dw);
    at += outSizes[i]!;
  });
  return out;
}

/** The source range [from[k], to[k]) under each of `n` output pixels across `length` source pixels (one pixel, at least, when enlarging). */
function spans(length: number, n: number): { from: Int32Array; to: Int32Array } {
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const step = length / n;
  for (let k = 0; k < n; k++) {
    from[k] = Math.min(length - 1, Math.floor(k * step));
    to[k] = Math.max(from[k]! + 1, Math.min(length, Math.floor((k + 1) * step)));
  }
  return { from, to };
}

/** Averages the source pixels under each of the `dw` x `dw` output pixels of one plane. */
function boxScale(
  src: Uint8Array,
  offset: number,
  stride: number,
  sw: number,
  sh: number,
  channels: number,
  out: Uint8Array,
  outAt: number,
  dw: number,
): void {
  const xs = spans(sw, dw);
  const ys = spans(sh, dw);
  let o = outAt;
  for (let y = 0; y < dw; y++) {
    const y0 = ys.from[y]!;
    const y1 = ys.to[y]!;
    for (let x = 0; x < dw; x++) {
      const x0 = xs.from[x]!;
      const x1 = xs.to[x]!;
      const n = (y1 - y0) * (x1 - x0);
      if (channels === 1) {
        // The common case (each plane of I420), without the component loop.
        let sum = 0;
        for (let yy = y0; yy < y1; yy++) {
          const row = offset + yy * stride;
          for (let xx = x0; xx < x1; xx++) sum += src[row + xx]!;
        }
        out[o++] = (sum + (n >> 1)) / n;
        continue;
      }
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let yy = y0; yy < y1; yy++) {
          const row = offset + yy * stride + c;
          for (let xx = x0; xx < x1; xx++) sum += src[row + xx * channels]!;
        }
        out[o++] = (sum + (n >> 1)) / n;
      }
    }
  }
}
