/** The speech gate and the talking envelope on their own, then what they change in the engine. */
import { describe, expect, it } from 'vitest';
import { AU_CHANNEL_INDEX } from '../../../src/shared/contract/index.ts';
import { createFlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import { createSpeechGate, SPEECH_ASSUMED, SPEECH_QUIET, SPEECH_TALKING } from '../../../src/shared/flash/create-speech-gate.ts';
import { createTalkingEnvelope } from '../../../src/shared/flash/create-talking-envelope.ts';
import { FLASH_ENGINE_DEFAULTS, type FlashEngineOptions } from '../../../src/shared/flash/defaults.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import { addAus, build, completed, gaussian, run, settle, times } from './frames.ts';

const D = FLASH_ENGINE_DEFAULTS;
/** Lips opening and closing at syllable rate (4.3 Hz), FACS units on AU25's scale. */
const lips = (t: number) => 2 * Math.max(0, Math.sin(2 * Math.PI * 4.3 * (t / 1000)));

describe('createSpeechGate', () => {
  it('is "assumed" until it has watched the mouth for its warm-up, then quiet on a still mouth', () => {
    const gate = createSpeechGate(D);
    const states = times(30, 3000).map((t) => [t, gate.step(t, 0.3)] as const);
    for (const [t, s] of states) expect(s, `${t} ms`).toBe(t < D.speechWarmupMs ? SPEECH_ASSUMED : SPEECH_QUIET);
  });

  it('says talking once the lips have reversed enough times, and stops once they have been still for a window and the hold', () => {
    const gate = createSpeechGate(D);
    let lastTalking = NaN;
    let firstTalking = NaN;
    for (const t of times(30, 5000)) {
      const s = gate.step(t, t < 3000 ? lips(t) : 0);
      if (s === SPEECH_TALKING) {
        if (Number.isNaN(firstTalking)) firstTalking = t;
        lastTalking = t;
      }
    }
    // Four reversals at 4.3 Hz take under half a second.
    expect(firstTalking).toBeLessThan(600);
    expect(lastTalking).toBeGreaterThan(3000);
    expect(lastTalking).toBeLessThanOrEqual(3000 + D.speechWindowMs + D.speechHoldMs);
  });

  it('skips frames without a reading, and starts over after a tracking gap', () => {
    const gate = createSpeechGate(D);
    for (const t of times(30, 2000)) gate.step(t, 0);
    expect(gate.step(2000, NaN)).toBe(SPEECH_QUIET);
    // The face comes back after a gap longer than maxFrameGapMs: nothing is known about the mouth.
    expect(gate.step(2000 + D.maxFrameGapMs + 100, 0)).toBe(SPEECH_ASSUMED);
  });
});

describe('createTalkingEnvelope', () => {
  const AU01 = AU_CHANNEL_INDEX.AU01;
  it("starts at k prior sigmas, learns the person's talking spread, and ignores frames with no interval", () => {
    const env = createTalkingEnvelope(4, D);
    expect(env.floor[AU01 % 4]).toBeCloseTo(D.speechEnvelopeK * D.speechEnvelopePriorSigma, 5);
    // A talker whose channel 0 swings 0..3 (mean 1.5, sd ~1.06) for 20 s.
    for (const t of times(30, 20_000)) env.update([1.5 + 1.5 * Math.sin(t / 100), 0, 0, 0], 1000 / 30);
    // Mean 1.5 and sd 1.5/sqrt(2) once the prior has faded to a third of the weight or less.
    expect(env.floor[0]).toBeGreaterThan(1.5 + D.speechEnvelopeK * 1.06 * 0.8);
    expect(env.floor[0]).toBeLessThan(1.5 + D.speechEnvelopeK * 1.06 * 1.1);
    // A still channel's floor shrinks toward 0 as the prior fades.
    expect(env.floor[1]).toBeLessThan(D.speechEnvelopeK * D.speechEnvelopePriorSigma * 0.5);
    const before = env.floor[0];
    env.update([100, 100, 100, 100], D.maxFrameGapMs + 1);
    expect(env.floor[0]).toBe(before);
  });
});

describe('talking, in the engine', () => {
  const engine = (options: Partial<FlashEngineOptions> = {}) => createFlashEngine(defaultRules(), options);

  it('reads talking from the absolute lip gap when the AUs are flat (a neutral taken with the lips apart)', () => {
    // The mouth AUs stay 0 (clipped against an open-mouth neutral); only mouthOpen moves. A
    // one-sided lip pull between words is the talking mouth, not a flash.
    const frames = (withGap: boolean) =>
      build(times(30, 6000), (f, t) => {
        if (withGap) f.mouthOpen = lips(t);
        if (t >= 3000 && t < 3300) addAus(f, { AU12_L: 2.2 });
      });
    expect(completed(run(engine(), frames(true)))).toEqual([]);
    expect(completed(run(engine(), frames(false))).map((e) => e.kind)).toEqual(['one_sided_smile']);
  });

  it('a smirk held through words is shown once it has lasted speechMouthOnlyMinMs, dated where it began', () => {
    // Talking throughout; a one-sided smile (corner up and dimpled on the left) held from 3 s to 5 s,
    // and a syllable's pull on the same corner at 7 s, as strong but 300 ms long.
    const frames = build(times(30, 9000), (f, t) => {
      f.mouthOpen = lips(t);
      if (t >= 3000 && t < 5000) addAus(f, { AU12_L: 3, AU14_L: 4 });
      if (t >= 7000 && t < 7300) addAus(f, { AU12_L: 3, AU14_L: 4 });
    });
    const e = engine();
    settle(e, frames[0]!.timestampMs);
    const shownAt: number[] = [];
    const done: ReturnType<typeof completed> = [];
    for (const f of frames) {
      const out = e.step(f);
      if (out.some((x) => x.status === 'onset')) shownAt.push(f.timestampMs);
      done.push(...completed(out));
    }
    done.push(...completed(e.flush(9000)));
    expect(done.map((x) => x.kind)).toEqual(['one_sided_smile']);
    // Dated where the corner rose, shown live on the first frame after the minimum.
    expect(done[0]!.onsetMs).toBeGreaterThan(2960);
    expect(done[0]!.onsetMs).toBeLessThan(3010);
    expect(shownAt).toHaveLength(1);
    expect(shownAt[0]).toBeGreaterThanOrEqual(3000 + D.speechMouthOnlyMinMs - 40);
    expect(shownAt[0]).toBeLessThan(3000 + D.speechMouthOnlyMinMs + 40);
  });

  it('a person who raises the brows on every phrase: the habit is learnt, a far larger raise is still caught', () => {
    const next = gaussian(3);
    // Talking for 20 s, a brow raise (AU1+2 ~2, lids 1.2) of 300 ms every 1.5 s; at 18 s one far larger.
    const frames = build(times(30, 20_000), (f, t) => {
      f.mouthOpen = lips(t) + 0.1 * next();
      const phase = t % 1500;
      if (t < 17_500 && phase >= 600 && phase < 900) addAus(f, { AU01: 2 + 0.2 * next(), AU02: 2 + 0.2 * next(), AU05: 1.2, AU26: 3.1 });
      if (t >= 18_000 && t < 18_300) addAus(f, { AU01: 4.5, AU02: 4.5, AU05: 3.5, AU26: 5 });
    });
    const done = completed(run(engine(), frames));
    // Only the first raises, before the habit is known, may pass; none after the first few seconds.
    expect(done.filter((e) => e.onsetMs > 6000 && e.onsetMs < 17_500)).toEqual([]);
    expect(done.filter((e) => e.onsetMs >= 18_000 - 50 && e.onsetMs < 18_300).map((e) => e.kind)).toEqual(['surprise']);
    // The same habit without the envelope fires on most raises.
    const ungated = completed(run(engine({ speechEnvelopeK: 0 }), frames));
    expect(ungated.filter((e) => e.onsetMs > 6000 && e.onsetMs < 17_500).length).toBeGreaterThan(4);
  });

  it('a long laugh while the mouth keeps moving is one event, not cut up as the envelope learns it', () => {
    const next = gaussian(7);
    // Talking with small smiles for 10 s, then laughing (smile and cheeks at 4.5) for 8 s, still talking.
    const frames = build(times(30, 20_000), (f, t) => {
      f.mouthOpen = lips(t) + 0.1 * next();
      if (t < 10_000) addAus(f, { AU12: 0.5 + 0.2 * next(), AU06: 0.3 + 0.1 * next() });
      else if (t < 18_000) addAus(f, { AU12: 4.5 + 0.2 * next(), AU06: 4.5 + 0.2 * next() });
    });
    const done = completed(run(engine(), frames));
    expect(done.map((e) => e.kind)).toEqual(['happiness']);
    expect(done[0]!.onsetMs).toBeCloseTo(10_000, -2);
    expect(done[0]!.offsetMs).toBeGreaterThan(17_900);
    expect(done[0]!.macro).toBe(true);
  });

  it('reports its speech state after every step', () => {
    const e = engine();
    expect(e.speech).toBe('quiet');
    const frames = build(times(30, 4000), (f, t) => {
      f.mouthOpen = t >= 2000 ? lips(t) : 0;
    });
    const seen: string[] = [];
    for (const f of frames) {
      e.step(f);
      if (seen.at(-1) !== e.speech) seen.push(e.speech);
    }
    expect(seen).toEqual(['assumed', 'quiet', 'talking']);
    e.reset();
    expect(e.speech).toBe('quiet');
  });

  it('in the first speechWarmupMs of a face nothing is known about talking: as strict as for talking', () => {
    const engineNoSettle = engine();
    // No settle: the face's first frame is the test's first frame. A conversational brow raise
    // with the jaw dropped at 0.5 s is not surprise; the same at 2.5 s on a still face is.
    const frames = build(times(30, 3500), (f, t) => {
      f.mouthOpen = 0;
      if ((t >= 500 && t < 800) || (t >= 2500 && t < 2800)) addAus(f, { AU01: 2, AU02: 2, AU26: 2 });
    });
    const events: ReturnType<typeof completed> = [];
    for (const f of frames) events.push(...engineNoSettle.step(f));
    events.push(...engineNoSettle.flush(3500));
    expect(completed(events).map((e) => [e.kind, Math.round(e.onsetMs / 100) * 100])).toEqual([['surprise', 2500]]);
  });
});
