/**
 * How each action unit is read, as data: the measures (measures.ts) it moves, in which direction,
 * what displacement is intensity 5 (FACS E), and which blendshapes may add evidence.
 *
 * Intensity of one AU on one side, from the change `d_i` of each measure against the person's own
 * neutral:
 *   geometry = 5 * (sum_i weight_i * direction_i * d_i - offset) / scale, clamped to 0..5
 *   (scale is in IOD, or a fraction of a neutral measure when `scaleOfNeutral` is set)
 *   blend    = 5 * (rise of the blendshape above its neutral, over its headroom) / fullScale, 0..5
 *   fuse:    intensity = geometry + weight * max(0, blend - geometry)
 *   support: intensity = geometry + weight * max(0, min(blend, geometry + supportMargin) - geometry)
 * so a blendshape can only add, and in `support` mode never makes an AU without geometry.
 *
 * Scales are first estimates from typical adult facial anatomy (IOD ~6.3 cm), tuned on the project's
 * recordings so that a posed apex lands at 3-5 and a neutral stretch stays under 1.
 */
import { AU_LIST, type AuId } from '../contract/index.ts';
import { BLENDSHAPE_INDEX, type BlendshapeName } from './blendshapes.ts';
import { measureIndex, MEASURES, type Side } from './measures.ts';

/** Base names of the ARKit-style blendshapes that come in Left/Right pairs. */
type PairedBlendshape = BlendshapeName extends infer N ? (N extends `${infer B}Left` ? B : never) : never;

/**
 * Whether MediaPipe's `...Left` blendshapes describe the person's left side. Checked on the
 * project's recordings (a one-sided smile raises the geometric AU12 and mouthSmile on the same
 * side; see test/unit/au/recordings.test.ts).
 */
export const BLENDSHAPE_LEFT_IS_PERSONS_LEFT = true;

export interface AuTerm {
  /** Measure id; for sided AUs without the `_L`/`_R` suffix (each side reads its own). */
  readonly measure: string;
  /** +1: the AU raises the measure; -1: it lowers it. */
  readonly direction: 1 | -1;
  /** Negative for a discount: the term then takes away what another action explains. */
  readonly weight: number;
  /** Only a change in `direction` counts; the opposite change adds (or, for a discount, takes) nothing. */
  readonly oneWay?: boolean;
}

export interface AuBlend {
  /** Blendshapes averaged; for sided AUs the paired base name (`mouthSmile` -> ...Left/...Right). */
  readonly shapes: readonly (BlendshapeName | PairedBlendshape)[];
  /** Paired names resolve per side (sided AUs) or average both sides (bilateral AUs). */
  readonly paired: boolean;
  /** fuse: pulls the AU toward the blendshape; support: the same, capped at geometry + supportMargin; confirm: the AU is the smaller of the two (both must agree). */
  readonly mode: 'fuse' | 'support' | 'confirm';
  /** Fraction (0..1) of the gap between geometry and blendshape evidence that the blendshape closes. */
  readonly weight: number;
  /** Rise above the person's neutral, as a fraction of the headroom (1 - neutral), that reads as intensity 5. */
  readonly fullScale: number;
  /** One line on why this blendshape helps here. */
  readonly why: string;
}

export interface AuDef {
  readonly id: AuId;
  readonly terms: readonly AuTerm[];
  /** Displacement at intensity 5: IOD, or when `scaleOfNeutral` is set, a fraction of that measure's neutral value. */
  readonly scale: number;
  readonly scaleOfNeutral?: string;
  /** Displacement (same unit as scale) that is still intensity 0: for AUs that are the far end of another (AU27 beyond AU26). */
  readonly offset?: number;
  readonly scaleWhy: string;
  readonly blend?: AuBlend;
  /** Closure AUs share one measure and are split by duration (AU45 short, AU43 long). */
  readonly closure?: boolean;
  /** One line on what the AU reads and why. */
  readonly why: string;
}

const t = (measure: string, direction: 1 | -1, weight = 1): AuTerm => ({ measure, direction, weight });
/** A one-way term (see AuTerm.oneWay). */
const t1 = (measure: string, direction: 1 | -1, weight = 1): AuTerm => ({ measure, direction, weight, oneWay: true });

/** The one lid-closure measure that AU43 (eyes closed) and AU45 (blink) share; the presence stage splits it by duration. */
const LID_CLOSURE = {
  terms: [t1('upperLidY', -1)],
  scale: 1,
  scaleOfNeutral: 'eyeGap',
  closure: true,
  scaleWhy:
    "the upper lid coming down by the person's own neutral lid gap closes the eye: 5. The lower lid is not read: it rises in the eye narrowing of 6 and 7 (smiles, anger, disgust), never much in a blink",
  blend: {
    shapes: ['eyeBlink'],
    paired: true,
    mode: 'confirm',
    weight: 1,
    fullScale: 0.8,
    why: 'eyeBlink rises 0.4-0.7 in blinks and 0.05-0.15 when the lids narrow in a smile or disgust: both must agree',
  },
} as const satisfies Omit<AuDef, 'id' | 'why'>;

export const AU_REGISTRY: readonly AuDef[] = [
  {
    id: 'AU01',
    terms: [t1('browInnerY', 1), t1('browObliqueness', 1, 3), t1('browInnerY', -1, -0.3)],
    scale: 0.15,
    scaleWhy:
      'a full inner-brow raise lifts the brow head ~1 cm (0.15 IOD); the brow head rising 5 mm above the middle of the brow is as much. A brow pulled far down (AU4 alone) takes some of that away: the lowered brow bunches at its middle, which is not AU1 (posed anger: brow head 0.6 mm above the middle with the whole brow 5 mm down)',
    blend: {
      shapes: ['browInnerUp'],
      paired: false,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.7,
      why: 'browInnerUp is AU1 by design but bilateral and often near 0',
    },
    why: 'inner brow raised, or raised against the rest of the brow: in 1+4 (sadness) the corrugator holds the brow down and only the oblique brow head shows AU1 (posed sadness: brow head 2 mm above the middle of the brow, the whole brow 2-3 mm lower)',
  },
  {
    id: 'AU02',
    terms: [t('browOuterY', 1)],
    scale: 0.15,
    scaleWhy: 'a full outer-brow raise lifts the brow tail ~1 cm (0.15 IOD)',
    blend: {
      shapes: ['browOuterUp'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.7,
      why: 'browOuterUp is sided AU2; support only because AU1 pulls it too',
    },
    why: 'height of the outer brow',
  },
  {
    id: 'AU04',
    terms: [t('browInnerY', -1, 0.5), t('browMidY', -1, 0.2), t('browInnerX', -1, 0.6)],
    scale: 0.1,
    scaleWhy: 'brows lowered and drawn together by ~6 mm at most (0.1 IOD)',
    blend: {
      shapes: ['browDown'],
      paired: true,
      mode: 'fuse',
      weight: 0.3,
      fullScale: 0.6,
      why: 'browDown is AU4 by design and its geometry is small',
    },
    why: 'inner brow down and toward the midline (corrugator, depressors)',
  },
  {
    id: 'AU05',
    terms: [t('upperLidY', 1)],
    scale: 0.6,
    scaleOfNeutral: 'eyeGap',
    scaleWhy: "fraction of the person's own lid gap: the upper lid retracting by 60% of the resting opening (~5 mm) is maximal",
    blend: {
      shapes: ['eyeWide'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.5,
      why: 'eyeWide is AU5 by design but known to stay near 0',
    },
    why: 'upper lid higher than at rest',
  },
  {
    id: 'AU06',
    terms: [t('cheekY', 1, 0.7), t('lowerLidY', 1, 0.3)],
    scale: 0.06,
    scaleWhy: 'the infraorbital cheek rises ~4 mm in a Duchenne smile (0.06 IOD)',
    blend: {
      shapes: ['cheekSquint'],
      paired: true,
      mode: 'fuse',
      weight: 0.4,
      fullScale: 0.5,
      why: "cheek bulge and crow's feet are texture the mesh sees poorly; cheekSquint sees them",
    },
    why: 'cheek and lower lid pushed up (orbicularis oculi, orbital part)',
  },
  {
    id: 'AU07',
    terms: [t('lowerLidY', 1), t('cheekY', -1, 0.5)],
    scale: 0.04,
    scaleWhy: 'the lower lid rises ~2.5 mm when tightened (0.04 IOD); minus half the cheek rise, which is AU6',
    blend: {
      shapes: ['eyeSquint'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.6,
      why: 'eyeSquint mixes AU6 and AU7, so support only',
    },
    why: 'lower lid up without the cheek (orbicularis oculi, palpebral part)',
  },
  {
    id: 'AU09',
    terms: [
      t('noseWingY_L', 1, 0.35),
      t('noseWingY_R', 1, 0.35),
      t('upperLipY', 1, 0.3),
      t1('lipCornerOverUpperLip_L', 1, -0.5),
      t1('lipCornerOverUpperLip_R', 1, -0.5),
    ],
    scale: 0.08,
    scaleWhy:
      "the nose wings rise ~5 mm in a strong wrinkle (0.08 IOD); half the lip corners' rise above the upper lip is taken away, because a smile pushes the cheeks, nose wings and lip up with it",
    blend: {
      shapes: ['noseSneer'],
      paired: true,
      mode: 'fuse',
      weight: 0.4,
      fullScale: 0.4,
      why: 'the wrinkles over the nose are texture; noseSneer is AU9 by design (weak, often near 0)',
    },
    why: 'nose wings and upper lip pulled up (levator labii superioris alaeque nasi)',
  },
  {
    id: 'AU10',
    terms: [
      t('upperLipY', 1),
      t('noseWingY_L', -1, 0.2),
      t('noseWingY_R', -1, 0.2),
      t1('lipCornerOverUpperLip_L', 1, -0.5),
      t1('lipCornerOverUpperLip_R', 1, -0.5),
    ],
    scale: 0.1,
    scaleWhy:
      "the upper lip can rise ~6 mm (0.1 IOD); less what the nose wings rise (AU9) and half the corners' rise above the lip (a smile lifts the lip with the corners)",
    blend: {
      shapes: ['mouthUpperUp'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.6,
      why: 'mouthUpperUp is AU10 by design; support only, speech moves it',
    },
    why: 'upper lip up more than the nose wings',
  },
  {
    id: 'AU12',
    terms: [t('lipCornerY', 1, 0.3), t('lipCornerX', 1, 0.5), t('lipCornerOverUpperLip', 1, 0.2)],
    scale: 0.2,
    scaleWhy:
      "zygomaticus major pulls the corner obliquely up and out: a broad posed smile lifts it ~1.5 cm and takes it ~1 cm sideways (0.2 IOD for the mix is 5; posed smiles read 3-4). The sideways pull weighs most: lips pressed together or pushed up by the chin (AU24, AU17) lift the corners without taking them out (relaxed faces read 0.8-1 when height weighed most, against 0.5-0.9 for faint closed smiles that widen the mouth), so up without out stays under a smile's threshold. Sideways is measured from the face's midline, not the middle of the mouth, so a corner pulled to one side does not widen the other. A fifth is how far the corner rises above the upper lip, so that a raised upper lip (AU10) lifting the corners with it reads less",
    blend: {
      shapes: ['mouthSmile'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.7,
      why: 'mouthSmile reached 0.78 on a crying face: it may only confirm geometry',
    },
    why: 'lip corner up and out (zygomaticus major), per side: one-sided = the smirk',
  },
  {
    id: 'AU14',
    terms: [t1('mouthShift', 1), t1('lipCornerFromMouth', -1, 0.5), t1('lipGap', 1, -0.15)],
    scale: 0.06,
    scaleWhy:
      "a one-sided dimpler drags the mouth ~4 mm toward its side (0.06 IOD) and tightens its corner toward the middle of the mouth; opening the mouth rounds it and draws the corners in, so 0.15 of the lip gap is taken away. The corner's depth is not used: a smile moves it back as much (posed smiles 0.08-0.13 IOD)",
    blend: {
      shapes: ['mouthDimple'],
      paired: true,
      mode: 'support',
      weight: 0.4,
      fullScale: 0.4,
      why: 'the dimple is texture; mouthDimple sees it, support only',
    },
    why: 'lip corner pulled back into the face (buccinator): one-sided with AU12 is contempt',
  },
  {
    id: 'AU15',
    terms: [t('lipCornerY', -1), t('chinY', 1, 0.25), t1('lipGap', 1, -0.35)],
    scale: 0.1,
    scaleWhy:
      'the corner drops ~6 mm at most (0.1 IOD); the jaw lowers the corners with it: a quarter of the chin drop is taken away, and with the lips apart 0.35 of the lip gap (posed surprise: corners 0.1 IOD down for a 0.36 IOD gap)',
    blend: {
      shapes: ['mouthFrown'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.5,
      why: 'mouthFrown is AU15 by design; support only, jaw drop lowers corners too',
    },
    why: 'lip corner down (depressor anguli oris)',
  },
  {
    id: 'AU17',
    terms: [t('lowerLipY', 1, 0.6), t('chinY', 1, 0.4), t1('lipCornerY_L', 1, -0.15), t1('lipCornerY_R', 1, -0.15)],
    scale: 0.08,
    scaleWhy:
      'the chin boss pushes the lower lip up ~5 mm (0.08 IOD); rising lip corners lift the sides of the lower lip with them (a smile), so 0.3 of their rise is taken away',
    blend: {
      shapes: ['mouthShrugLower'],
      paired: false,
      mode: 'fuse',
      weight: 0.3,
      fullScale: 0.5,
      why: 'mouthShrugLower is AU17 by design; chin wrinkling is texture',
    },
    why: 'lower lip and chin pushed up (mentalis)',
  },
  {
    id: 'AU20',
    terms: [t('lipCornerFromMouth', 1), t1('lipCornerY', 1, -1.5), t1('lipCornerY', -1, -0.5)],
    scale: 0.12,
    scaleWhy:
      'the corners stretch ~8 mm sideways from the middle of the mouth (0.12 IOD); 1.5 times the corner rise is subtracted, since out-and-up is AU12 (an open laugh widens the mouth more than it lifts the corners); half the corner drop is subtracted too, since down-and-out is AU15 (the depressor pulls the corner down and sideways)',
    blend: {
      shapes: ['mouthStretch'],
      paired: true,
      mode: 'support',
      weight: 0.3,
      fullScale: 0.5,
      why: 'mouthStretch is AU20 by design; support only',
    },
    why: 'lip corner pulled straight out (risorius)',
  },
  {
    id: 'AU23',
    terms: [
      t('upperLipThick', -1, 0.4),
      t('lowerLipThick', -1, 0.4),
      t('lipCornerX_L', -1, 0.1),
      t('lipCornerX_R', -1, 0.1),
      t1('lipGap', 1, -0.1),
    ],
    scale: 0.05,
    scaleWhy:
      'red lip margins narrow by ~3 mm when tightened (0.05 IOD); an open mouth stretches the lips thin and round (posed surprise: 2 mm thinner, 3 mm narrower for a 2.3 cm gap), so 0.1 of the lip gap is taken away',
    why: 'lips thinned and the mouth narrowed (orbicularis oris)',
  },
  {
    id: 'AU24',
    terms: [
      t('upperLipThick', -1, 0.4),
      t('lowerLipThick', -1, 0.4),
      t('lipGap', -1, 0.2),
      t('lipCornerX_L', -1, 0.2),
      t('lipCornerX_R', -1, 0.2),
    ],
    scale: 0.05,
    scaleWhy:
      'pressed lips lose ~3 mm of visible red margin (0.05 IOD); thinning from the corners being pulled out (smile, AU20) is discounted',
    blend: {
      shapes: ['mouthPress'],
      paired: true,
      mode: 'support',
      weight: 0.4,
      fullScale: 0.5,
      why: 'mouthPress is AU24 by design; support only',
    },
    why: 'lips pressed together and thinned',
  },
  {
    id: 'AU25',
    terms: [t('lipGap', 1)],
    scale: 0.12,
    scaleWhy: 'lips apart by ~8 mm reads as fully parted (0.12 IOD); intensity grows with the gap',
    why: 'gap between the inner lip edges',
  },
  {
    id: 'AU26',
    terms: [t('chinY', -1, 0.5), t('lowerLipY', -1, 0.5)],
    scale: 0.2,
    scaleWhy:
      'a relaxed jaw drop lowers chin and lower lip ~1.3 cm (0.2 IOD); the lower lip is in because the chin points track the jaw poorly on the fixtures',
    blend: { shapes: ['jawOpen'], paired: false, mode: 'fuse', weight: 0.3, fullScale: 0.6, why: 'jawOpen is AU26 by design and robust' },
    why: 'chin lowered by the jaw',
  },
  {
    id: 'AU27',
    terms: [t('chinY', -1, 0.5), t('lipGap', 1, 0.5)],
    scale: 0.2,
    offset: 0.2,
    scaleWhy: 'mouth stretched wide: beyond a ~1.3 cm mean of jaw drop and lip gap (0.2 IOD), full at twice that',
    why: 'the far end of mouth opening, past what a relaxed jaw drop reaches',
  },
  {
    id: 'AU43',
    ...LID_CLOSURE,
    why: 'lid gap closed for longer than a blink',
  },
  {
    id: 'AU45',
    ...LID_CLOSURE,
    why: 'lid gap closed briefly (a blink)',
  },
];

/** One AU on one side (or bilateral), compiled to indices. */
export interface CompiledAu {
  readonly id: AuId;
  readonly side: Side | null;
  readonly measures: Int32Array;
  /** Per term: +1 / -1, its weight, and 1 when only a change in its direction counts. */
  readonly direction: Float64Array;
  readonly weight: Float64Array;
  readonly oneWay: Uint8Array;
  readonly scale: number;
  /** Measure whose neutral value multiplies `scale`, or -1. */
  readonly scaleOf: number;
  readonly offset: number;
  readonly blendIdx: Int32Array;
  readonly blendWeight: number;
  readonly blendFullScale: number;
  /** BLEND_FUSE, BLEND_SUPPORT or BLEND_CONFIRM. */
  readonly blendMode: number;
  readonly closure: boolean;
  /** Bilateral channel of a sided AU: the larger of the two side channels that follow it. */
  readonly maxOfSides: boolean;
}

export const BLEND_FUSE = 0;
export const BLEND_SUPPORT = 1;
export const BLEND_CONFIRM = 2;
const BLEND_MODE = { fuse: BLEND_FUSE, support: BLEND_SUPPORT, confirm: BLEND_CONFIRM } as const;

function blendNames(b: AuBlend, side: Side | null): BlendshapeName[] {
  if (!b.paired) return b.shapes as BlendshapeName[];
  const suffixOf = (s: Side): 'Left' | 'Right' => ((s === 'L') === BLENDSHAPE_LEFT_IS_PERSONS_LEFT ? 'Left' : 'Right');
  const sides: Side[] = side ? [side] : ['L', 'R'];
  return b.shapes.flatMap((s) => sides.map((sd) => `${s}${suffixOf(sd)}` as BlendshapeName));
}

function compileOne(def: AuDef, side: Side | null): CompiledAu {
  const resolve = (m: string): number => {
    if (side && MEASURES.some((d) => d.id === `${m}_${side}`)) return measureIndex(`${m}_${side}`);
    return measureIndex(m);
  };
  const names = def.blend ? blendNames(def.blend, side) : [];
  return {
    id: def.id,
    side,
    measures: Int32Array.from(def.terms.map((tm) => resolve(tm.measure))),
    direction: Float64Array.from(def.terms.map((tm) => tm.direction)),
    weight: Float64Array.from(def.terms.map((tm) => tm.weight)),
    oneWay: Uint8Array.from(def.terms.map((tm) => (tm.oneWay ? 1 : 0))),
    scale: def.scale,
    scaleOf: def.scaleOfNeutral ? resolve(def.scaleOfNeutral) : -1,
    offset: def.offset ?? 0,
    blendIdx: Int32Array.from(
      names.map((n) => {
        const i = BLENDSHAPE_INDEX[n];
        if (i === undefined) throw new Error(`AU registry: unknown blendshape "${n}" for ${def.id}`);
        return i;
      }),
    ),
    blendWeight: def.blend?.weight ?? 0,
    blendFullScale: def.blend?.fullScale ?? 1,
    blendMode: BLEND_MODE[def.blend?.mode ?? 'fuse'],
    closure: def.closure === true,
    maxOfSides: false,
  };
}

/**
 * The registry compiled in AU_CHANNELS order: for each AU its bilateral entry (null side; for sided
 * AUs a placeholder, the channel is the max of the sides) then, when sided, L and R.
 */
export function compileRegistry(): CompiledAu[] {
  const out: CompiledAu[] = [];
  for (const au of AU_LIST) {
    const def = AU_REGISTRY.find((d) => d.id === au.id);
    if (!def) throw new Error(`AU registry has no entry for ${au.id}; add one to AU_REGISTRY`);
    if (au.sided) {
      const left = compileOne(def, 'L');
      out.push({ ...left, side: null, maxOfSides: true });
      out.push(left);
      out.push(compileOne(def, 'R'));
    } else {
      out.push(compileOne(def, null));
    }
  }
  return out;
}
