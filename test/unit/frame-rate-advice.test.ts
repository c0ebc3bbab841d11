import { describe, expect, it } from 'vitest';
import { frameRateAdvice } from '../../src/app/frame-rate-advice.ts';

describe('frame-rate advice', () => {
  it('says nothing while every frame is analysed (within a frame a second) or the source rate is unknown', () => {
    expect(frameRateAdvice(30, 30)).toBeNull();
    expect(frameRateAdvice(29.2, 30)).toBeNull();
    expect(frameRateAdvice(59, 60)).toBeNull();
    expect(frameRateAdvice(12, null)).toBeNull();
    expect(frameRateAdvice(Number.NaN, 30)).toBeNull();
  });

  it('says how many frames are analysed, what may be missed, and what helps', () => {
    const text = frameRateAdvice(22.6, 30)!;
    expect(text).toMatch(/^Analysing 23 of 30 frames a second: flashes of 2 frames \(67 ms\) may be missed below 30 analysed fps\./);
    expect(text).toMatch(/smaller picture/);
    expect(text).toMatch(/GPU/);
    expect(text).toMatch(/analyse the file instead/);
    expect(frameRateAdvice(40, 60)).toMatch(/flashes of 2 frames \(33 ms\)/);
    expect(text).not.toMatch(/several models/);
  });

  it('offers several models in parallel only where the page offers that setting', () => {
    expect(frameRateAdvice(40, 60, 2)).toMatch(/share the frames among several models \(Live setting/);
  });
});
