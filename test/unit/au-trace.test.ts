/** The review timeline's trace: every frame kept in order, gaps where no face, the row under a time. */
import { describe, expect, it } from 'vitest';
import { AU_CHANNEL_INDEX, AU_CHANNELS } from '../../src/shared/contract/index.ts';
import { AuTraceBuilder, traceChannel, traceRowAt } from '../../src/shared/timeline/au-trace.ts';

const row = (v: number) => AU_CHANNELS.map(() => v);

describe('AU trace', () => {
  it('keeps every frame of a long run (growing past its first size), times from the origin, NaN without a face', () => {
    const b = new AuTraceBuilder(1000);
    const n = 5000;
    for (let i = 0; i < n; i++) {
      b.push({ timestampMs: 1000 + (i * 1000) / 30, facePresent: i % 100 !== 7, aus: row(i % 5), speech: i % 2 ? 'talking' : 'quiet' });
    }
    const t = b.build();
    expect(t.length).toBe(n);
    expect(t.timesS[0]).toBe(0);
    expect(t.timesS[n - 1]).toBeCloseTo((n - 1) / 30, 9);
    const au12 = traceChannel(t, AU_CHANNEL_INDEX.AU12);
    expect(au12[3]).toBe(3);
    expect(Number.isNaN(au12[7]!)).toBe(true);
    expect(au12[n - 1]).toBe((n - 1) % 5);
    expect(t.speech[1]).toBe(2);
    expect(t.speech[2]).toBe(0);
  });

  it('gives the row of the last frame at or before a time', () => {
    const b = new AuTraceBuilder();
    for (let i = 0; i < 10; i++) b.push({ timestampMs: i * 100, facePresent: true, aus: row(i), speech: 'quiet' });
    const t = b.build();
    expect(traceRowAt(t, -0.01)).toBeNull();
    expect(traceRowAt(t, 0.25)?.[0]).toBe(2);
    expect(traceRowAt(t, 0.3)?.[0]).toBe(3);
    expect(traceRowAt(t, 99)?.[0]).toBe(9);
  });
});

describe('packed session frames', () => {
  it('round-trip every field of a frame, and give the trace the timeline draws', async () => {
    const { FRAME_ROW_WIDTH, frameRowCount, packFrame, traceOfRows, unpackFrame } = await import('../../src/shared/timeline/frame-rows.ts');
    const { EYE_FEATURES } = await import('../../src/shared/eyes.ts');
    const rows = new Float32Array(2 * FRAME_ROW_WIDTH);
    const face = {
      timestampMs: 5250,
      facePresent: true,
      faceCount: 2,
      pose: [0.125, -0.25, 0.5],
      aus: AU_CHANNELS.map((_, i) => i / 8),
      auPresence: AU_CHANNELS.map((_, i) => i % 2),
      eyes: EYE_FEATURES.map((_, i) => i / 4),
      speech: 'talking' as const,
    };
    packFrame(face, 5000, rows, 0);
    packFrame(
      {
        ...face,
        timestampMs: 5283.25,
        facePresent: false,
        faceCount: 0,
        pose: [null, null, null],
        aus: AU_CHANNELS.map(() => null),
        speech: 'quiet',
      },
      5000,
      rows,
      1,
    );
    expect(frameRowCount(rows)).toBe(2);
    const a = unpackFrame(rows, 0, 7);
    expect(a).toMatchObject({
      frameIndex: 7,
      timestampMs: 250,
      facePresent: true,
      faceCount: 2,
      pose: [0.125, -0.25, 0.5],
      speech: 'talking',
    });
    expect(a.aus).toEqual(face.aus);
    expect(Array.from(a.auPresence)).toEqual(face.auPresence);
    expect(a.eyes).toEqual(face.eyes);
    const b = unpackFrame(rows, 1, 8);
    expect(b.facePresent).toBe(false);
    expect(b.pose).toEqual([null, null, null]);
    expect(b.timestampMs).toBeCloseTo(283.25, 3);
    const t = traceOfRows(rows);
    expect(t.length).toBe(2);
    expect(t.timesS[0]).toBeCloseTo(0.25, 6);
    expect(Number.isNaN(traceRowAt(t, 0.3)![0]!)).toBe(true);
  });
});
