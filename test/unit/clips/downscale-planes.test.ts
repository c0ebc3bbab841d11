/** A crop scaled down in its own pixel format: each output pixel the mean of the source pixels under it. */
import { describe, expect, it } from 'vitest';
import { canDownscale, downscalePlanes } from '../../../src/shared/clips/index.ts';

describe('downscale planes', () => {
  it('halves an I420 crop: luma by 2x2 means, each chroma plane likewise', () => {
    // 4x4 luma (rows padded to a stride of 6), then 2x2 U, then 2x2 V.
    const y = [0, 10, 20, 30, 0, 0, 2, 12, 22, 32, 0, 0, 100, 100, 50, 50, 0, 0, 100, 100, 50, 51, 0, 0];
    const u = [1, 2, 3, 4];
    const v = [200, 200, 100, 100];
    const src = new Uint8Array([...y, ...u, ...v]);
    const layout = [
      { offset: 0, stride: 6 },
      { offset: 24, stride: 2 },
      { offset: 28, stride: 2 },
    ];
    const out = downscalePlanes(src, layout, 'I420', 4, 4, 2)!;
    expect([...out]).toEqual([6, 26, 100, 50, 3, 150]); // (0+10+2+12)/4 = 6, (20+30+22+32)/4 = 26; 50.25 rounds to 50; U mean 2.5 -> 3
  });

  it('keeps the interleaved components of NV12 chroma and of packed RGB apart', () => {
    const nv12 = new Uint8Array([...[10, 10, 10, 10], 100, 200]); // 2x2 luma, one UV pair
    expect([
      ...downscalePlanes(
        nv12,
        [
          { offset: 0, stride: 2 },
          { offset: 4, stride: 2 },
        ],
        'NV12',
        2,
        2,
        2,
      )!,
    ]).toEqual([10, 10, 10, 10, 100, 200]);
    const rgbx = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255, 0, 0, 255, 255]); // 2x2: red, blue / red, blue
    expect([...downscalePlanes(rgbx, [{ offset: 0, stride: 8 }], 'RGBX', 2, 2, 2)!]).toEqual([...rgbx]);
    // 4x4 BGRA, each 2x2 block one colour but the first (two black, two white pixels): halves to its means.
    const px = (b: number, g: number, r: number) => [b, g, r, 255];
    const bgra = new Uint8Array([
      ...[...px(0, 0, 0), ...px(255, 255, 255), ...px(10, 20, 30), ...px(10, 20, 30)],
      ...[...px(255, 255, 255), ...px(0, 0, 0), ...px(10, 20, 30), ...px(10, 20, 30)],
      ...[...px(1, 2, 3), ...px(1, 2, 3), ...px(9, 9, 9), ...px(9, 9, 9)],
      ...[...px(1, 2, 3), ...px(1, 2, 3), ...px(9, 9, 9), ...px(9, 9, 9)],
    ]);
    expect([...downscalePlanes(bgra, [{ offset: 0, stride: 16 }], 'BGRA', 4, 4, 2)!]).toEqual([
      ...[128, 128, 128, 255, 10, 20, 30, 255],
      ...[1, 2, 3, 255, 9, 9, 9, 255],
    ]);
  });

  it('enlarges a small crop by repeating pixels, and declines a format it does not know', () => {
    const src = new Uint8Array([1, 2, 3, 4, 9, 7]); // 2x2 luma, 1x1 U and V
    const layout = [
      { offset: 0, stride: 2 },
      { offset: 4, stride: 1 },
      { offset: 5, stride: 1 },
    ];
    const out = downscalePlanes(src, layout, 'I420', 2, 2, 4)!;
    expect([...out.subarray(0, 16)]).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expect([...out.subarray(16)]).toEqual([9, 9, 9, 9, 7, 7, 7, 7]);
    expect(canDownscale('I422')).toBe(false);
    expect(downscalePlanes(src, layout, 'I422', 2, 2, 2)).toBeNull();
  });
});
