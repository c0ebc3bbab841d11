/**
 * The AU check across people: on every person of the people fixtures (their recorded stills and
 * videos, scripts/record-landmarks.ts), each posed kind's AUs against the EMFACS prototypes
 * (eval/people/prototypes.ts). Fails when an AU fires where no prototype of the kind puts it, or
 * stays low where the prototype has it. Fails, not skips, when the recordings are missing.
 */
import { describe, expect, it } from 'vitest';
import { auSamples, checkAus, type AuCheck } from '../../../eval/people/au-check.ts';
import { listPeople } from '../../../eval/people/catalog.ts';

let cached: AuCheck | null = null;
const check = (): AuCheck => (cached ??= checkAus(auSamples(listPeople())));
/** Shares with the machine noise of the check: at most counts the clearly present, at least the nearly present. */
const atMost = (kind: string, au: string) => check().stats[kind]![au]!.clearShare;
const atLeast = (kind: string, au: string) => check().stats[kind]![au]!.nearShare;

describe('AUs against the prototypes, across people', () => {
  it('covers every posed kind on several people', () => {
    for (const kind of ['anger', 'disgust', 'fear', 'sadness', 'surprise', 'happiness', 'one_sided_smile']) {
      expect(check().samples[kind], kind).toBeGreaterThanOrEqual(3);
    }
    expect(check().samples.happiness).toBeGreaterThan(50);
  });

  it('no AU fires where no prototype of the kind puts it, and each prototype AU shows', () => {
    expect(check().violations).toEqual([]);
  });

  it('a smile is not read as a blink, a dimple or a nose wrinkle', () => {
    expect(atMost('happiness', 'AU45')).toBeLessThanOrEqual(0.1);
    expect(atMost('happiness', 'AU43')).toBeLessThanOrEqual(0.1);
    expect(atMost('happiness', 'AU14')).toBeLessThanOrEqual(0.25);
    expect(atMost('happiness', 'AU09')).toBeLessThanOrEqual(0.25);
    expect(atLeast('happiness', 'AU12')).toBeGreaterThanOrEqual(0.8);
    expect(atLeast('happiness', 'AU06')).toBeGreaterThanOrEqual(0.5);
  });

  it('the jaw drop of surprise is not read as corners pulled down or stretched', () => {
    expect(atMost('surprise', 'AU15')).toBeLessThanOrEqual(0.25);
    expect(atMost('surprise', 'AU20')).toBeLessThanOrEqual(0.25);
  });

  it('the inner brow raise of sadness, fear and surprise shows; the narrowed eyes of anger and disgust are not blinks', () => {
    for (const kind of ['sadness', 'fear', 'surprise']) expect(atLeast(kind, 'AU01'), kind).toBeGreaterThanOrEqual(0.5);
    for (const kind of ['anger', 'disgust']) expect(atMost(kind, 'AU45'), kind).toBeLessThanOrEqual(0.25);
  });
});
