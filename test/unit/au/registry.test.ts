import { describe, expect, it } from 'vitest';
import * as au from '../../../src/shared/au/index.ts';
import { AU_REGISTRY, compileRegistry } from '../../../src/shared/au/registry.ts';
import { AU_CHANNELS, AU_LIST } from '../../../src/shared/contract/index.ts';
import { MEASURES } from '../../../src/shared/au/measures.ts';
import { AU_DEFAULTS, mergeAuOptions } from '../../../src/shared/au/defaults.ts';

describe('AU registry', () => {
  it('has one documented entry per AU in AU_LIST and compiles to AU_CHANNELS order', () => {
    expect(AU_REGISTRY.map((d) => d.id).sort()).toEqual(AU_LIST.map((a) => a.id).sort());
    for (const d of AU_REGISTRY) {
      expect(d.why.length, d.id).toBeGreaterThan(10);
      expect(d.scaleWhy.length, d.id).toBeGreaterThan(10);
      expect(d.scale, d.id).toBeGreaterThan(0);
      if (d.blend) expect(d.blend.why.length, d.id).toBeGreaterThan(10);
    }
    const compiled = compileRegistry();
    expect(compiled.length).toBe(AU_CHANNELS.length);
    for (const [i, c] of compiled.entries()) expect(AU_CHANNELS[i]!.startsWith(c.id)).toBe(true);
  });

  it('measure ids are unique', () => {
    expect(new Set(MEASURES.map((m) => m.id)).size).toBe(MEASURES.length);
  });

  it('options merge one level deep without touching the defaults', () => {
    const c = mergeAuOptions({ presence: { on: 2 } });
    expect(c.presence.on).toBe(2);
    expect(c.presence.off).toBe(AU_DEFAULTS.presence.off);
    expect(AU_DEFAULTS.presence.on).toBe(1.2);
  });

  it('public exports', () => {
    expect(Object.keys(au).sort()).toMatchInlineSnapshot(`
      [
        "AU_CHANNELS",
        "AU_CHANNEL_INDEX",
        "AU_DEFAULTS",
        "AU_INTENSITY_MAX",
        "AU_LIST",
        "AU_REGISTRY",
        "BLENDSHAPE_INDEX",
        "BLENDSHAPE_LEFT_IS_PERSONS_LEFT",
        "BLENDSHAPE_NAMES",
        "MEASURES",
        "NEUTRAL_BASELINE_VERSION",
        "createAuEstimator",
        "mergeAuOptions",
        "poseFromMatrix",
        "rotationFromEuler",
        "validateNeutralBaseline",
      ]
    `);
  });
});
