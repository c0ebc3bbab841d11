/** Every default of practice mode, in one place. */
export const PRACTICE_DEFAULTS = {
  /**
   * ms of the face in view before the first count-in: the neutral is learnt from the first second
   * of a face, and the first 1.5 s count as talking until the mouth has been seen.
   */
  warmUpMs: 2000,
  /** ms. Without that much face in view by then, the drills say so and wait for a new start. */
  warmUpTimeoutMs: 20_000,
  /** ms. The count-in before a try: "3, 2, 1, now". */
  countInMs: 3000,
  /** ms. How long after "now" a flash may start and still count for the try. */
  windowMs: 4000,
  /** ms. How long after the window the page waits for a flash that started in it to end. */
  settleMs: 1500,
  /**
   * ms. Flash lengths a try asks for, loosest first: under 1/2 s (a micro-expression's usual upper
   * bound), then under 1/5 s once the kind is mastered at the looser one.
   */
  briefMs: [500, 200],
  /** A kind moves to the next, briefer length after this many right, brief tries in a row. */
  masteredAfter: 3,
  /** ms. What a dissociation try asks for: a defocused stare is seconds long, not a flash. */
  dissociationMaxMs: 10_000,
  /**
   * ms. A dissociation try's window and wait: the detector shows a stare once it has lasted 3 s
   * and completes it when the eyes move again, so the learner gets longer to start and to end it.
   */
  dissociationWindowMs: 12_000,
  dissociationSettleMs: 6_000,
  /** Tries in one short practice session. */
  sessionTries: 10,
  /** FACS units (0-5): an AU at or above this counts as present in the feedback (the AU stage's presence). */
  presentMin: 1.2,
} as const;

export type PracticeDefaults = typeof PRACTICE_DEFAULTS;
