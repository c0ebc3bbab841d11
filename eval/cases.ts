/**
 * The evaluation cases, as data. Frames were chosen with eval/find-frames.ts (candidates from the
 * recorded landmarks: lowest total AU activity near the start for the neutral, highest prototype
 * score per episode for the apex) and checked by eye on extracted frames. Frame indices are decode
 * order (ffmpeg `select=eq(n\,N)`), the same as the recordings' frameIndex.
 *
 * Only kinds the fixtures really show are here. No fixture shows anger, disgust, pain, fear,
 * sadness or dissociation with a neutral frame of the same person to splice into (see
 * NO_FIXTURE): those kinds get no recall figure.
 */
import type { FlashKind } from '../src/shared/contract/index.ts';

export interface ApexCase {
  apexFrame: number;
  kind: FlashKind;
  /** Why this frame is this kind. */
  why: string;
}

export interface SpliceCase {
  /** Fixture video (../shared/fixtures/video). */
  video: string;
  /** The same person's neutral frame, shown before, between and after the flashes. */
  neutralFrame: number;
  neutralWhy: string;
  apexes: ApexCase[];
}

export const SPLICE_CASES: SpliceCase[] = [
  {
    video: 'smile.mov',
    neutralFrame: 18,
    neutralWhy: 'relaxed face before the smile (1.27 s), lowest AU activity of the first third',
    apexes: [
      { apexFrame: 130, kind: 'happiness', why: 'peak of the second posed smile (9.1 s): both corners up, cheeks raised' },
      { apexFrame: 47, kind: 'happiness', why: 'peak of the first posed smile (3.3 s), a little weaker' },
    ],
  },
  {
    video: 'contempt.mov',
    neutralFrame: 15,
    neutralWhy: 'relaxed face at 1.05 s, lowest AU activity of the first third',
    apexes: [
      { apexFrame: 30, kind: 'one_sided_smile', why: "posed contempt, person's right corner tightened and pulled (2.1 s)" },
      { apexFrame: 144, kind: 'one_sided_smile', why: "posed contempt, person's left corner up, the other nearly still (10.1 s)" },
    ],
  },
  {
    video: 'ex_surp1.mov',
    neutralFrame: 17,
    neutralWhy: 'relaxed face at 1.2 s, before the first surprise',
    apexes: [
      { apexFrame: 98, kind: 'surprise', why: 'peak of the second posed surprise (6.9 s): brows up, eyes wide, jaw dropped' },
      { apexFrame: 36, kind: 'surprise', why: 'peak of the first posed surprise (2.5 s): brows up, eyes wide, lips apart, jaw less open' },
    ],
  },
  {
    video: 'test.mov',
    neutralFrame: 34,
    neutralWhy: 'relaxed face at 1.13 s (another man, with glasses)',
    apexes: [{ apexFrame: 80, kind: 'happiness', why: 'broad smile with raised cheeks (2.7 s)' }],
  },
];

/** Kinds without a usable fixture, and why (no recall is reported for them). */
export const NO_FIXTURE: Partial<Record<FlashKind, string>> = {
  anger: 'no fixture video shows it (stills only, with no neutral of the same person)',
  disgust: 'no fixture video shows it (one still at 45 degrees yaw, no neutral)',
  pain: 'no licensed pain examples',
  fear: 'no fixture shows it',
  sadness:
    'WolfgangLanger_Pexels.mp4 cries, but has no neutral frame of her (crying from the first frame, then relief looking up with a hand on the mouth, then laughing; head pose differs by 10-25 degrees between parts), so nothing to splice into',
  dissociation: 'a gaze state over seconds, not a flash; no licensed examples',
};

/** Flash lengths in frames and frame rates every apex is shown at. */
export const FLASH_FRAMES = [2, 3, 4, 6, 12] as const;
export const FPS = [30, 60] as const;
/** Seconds: neutral before the first flash (the automatic neutral takes ~1 s), between flashes, after the last. */
export const LEAD_S = 2;
export const GAP_S = 1;
export const TAIL_S = 1;

/** Untouched talking-head clips: every event counts as a false flash. */
export const SPEECH_CLIPS = ['WDA_AlexandriaOcasioCortez_000.mp4', 'WDA_BobMenendez_000.mp4', 'WDA_KatieHill_000.mp4'];

/** Talking and smiling for real: its events are listed, not counted as false. */
export const SMILING_SPEECH_CLIPS = ['single_face.mp4'];

/**
 * Neutral stretches of the posed clips (from the start to `endS`, chosen on the frames and AU
 * traces): every event with an onset inside counts as a false flash on a still face.
 */
export const NEUTRAL_STRETCHES = [
  { video: 'smile.mov', endS: 2.4 },
  { video: 'contempt.mov', endS: 1.2 },
  { video: 'ex_surp1.mov', endS: 1.7 },
];
