/**
 * Files through the real pipeline in headless Chromium: every frame once, presentation times,
 * stretches without a face, undecodable codecs, and the no-smoothing guarantee for two-frame flashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLENDSHAPE_INDEX } from '../../src/shared/au/blendshapes.ts';
import type { AnalyzedFrame } from '../../src/shared/analyzed-frame.ts';
import { launchAnalysisBrowser } from '../../src/node/analysis-runner.ts';
import { AnalysisError, type AnalysisBrowser } from '../../src/node/analysis-types.ts';
import { fixtureVideo, flashClip, frameCount, framePtsSeconds, h264Copy } from '../../scripts/lib/media.ts';

let browser: AnalysisBrowser;
beforeAll(async () => {
  browser = await launchAnalysisBrowser({ delegate: 'CPU', raw: true });
});
afterAll(async () => browser?.close());

async function analyze(path: string): Promise<AnalyzedFrame[]> {
  const frames: AnalyzedFrame[] = [];
  await browser.analyze(path, { onFrames: (f) => void frames.push(...f) });
  return frames;
}

describe('file analysis', () => {
  it('gives one result per frame, in order, at the stream presentation times', async () => {
    const video = fixtureVideo('test.mov');
    const frames = await analyze(video);
    expect(frames).toHaveLength(frameCount(video));
    expect(frames.map((f) => f.frameIndex)).toEqual(frames.map((_, i) => i));
    const pts = framePtsSeconds(video);
    for (const [i, f] of frames.entries()) expect(Math.abs(f.timestampMs - pts[i]! * 1000)).toBeLessThan(0.5);
    expect(frames.filter((f) => f.facePresent).length / frames.length).toBeGreaterThan(0.95);
  });

  it('reports frames without a face in a video with stretches of none, without errors', async () => {
    const frames = await analyze(fixtureVideo('ex_missing1.mov'));
    const withFace = frames.filter((f) => f.facePresent).length;
    expect(withFace).toBeGreaterThan(frames.length * 0.2);
    expect(frames.length - withFace).toBeGreaterThan(frames.length * 0.1);
    for (const f of frames.filter((x) => !x.facePresent)) {
      expect(f.aus.every((v) => v === null)).toBe(true);
      // Nothing starts without a face; an expression open when the face went is closed there.
      for (const e of f.events) expect([e.status, e.endedBy]).toEqual(['complete', 'face-lost']);
    }
  });

  it('rejects HEVC with a clear error, and analyses an H.264 copy with face and no-face stretches', async () => {
    const hevc = fixtureVideo('face_noface.mov');
    const err = await analyze(hevc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisError);
    expect((err as AnalysisError).code).toBe('unsupported-codec');
    expect((err as Error).message).toMatch(/cannot decode hevc.*ffmpeg -i/i);
    const copy = h264Copy(hevc, 'face_noface');
    const frames = await analyze(copy);
    expect(frames).toHaveLength(frameCount(copy));
    expect(frames.some((f) => f.facePresent)).toBe(true);
    expect(frames.some((f) => !f.facePresent)).toBe(true);
  });

  it('shows a spliced two-frame flash at full strength on its first frame, with no tail', async () => {
    // smile.mov: frame 5 is neutral, frame 47 the smile's apex (mouthSmile ~0.87, see recordings).
    const spec = { video: 'smile.mov', neutralFrame: 5, apexFrame: 47, fps: 30, leadFrames: 20, tailFrames: 10 };
    const apexOnly = await analyze(flashClip({ ...spec, flashFrames: 1, leadFrames: 0, tailFrames: 0 }));
    const frames = await analyze(flashClip({ ...spec, flashFrames: 2 }));
    const smile = (f: AnalyzedFrame) => {
      const b = f.raw?.blendshapes as number[];
      return (b[BLENDSHAPE_INDEX.mouthSmileLeft]! + b[BLENDSHAPE_INDEX.mouthSmileRight]!) / 2;
    };
    const truth = smile(apexOnly[0] as AnalyzedFrame);
    const neutral = smile(frames[spec.leadFrames - 1] as AnalyzedFrame);
    expect(truth - neutral).toBeGreaterThan(0.5);
    // First flash frame: the full value (smoothing would show about half).
    expect(smile(frames[spec.leadFrames] as AnalyzedFrame)).toBeGreaterThan(neutral + 0.95 * (truth - neutral));
    expect(smile(frames[spec.leadFrames + 1] as AnalyzedFrame)).toBeGreaterThan(neutral + 0.95 * (truth - neutral));
    // First frame after: back to neutral (smoothing would leave a tail).
    expect(Math.abs(smile(frames[spec.leadFrames + 2] as AnalyzedFrame) - neutral)).toBeLessThan(0.05 * (truth - neutral));
  });
});
