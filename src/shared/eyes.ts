/**
 * Per-frame eye features (for blink handling and the dissociation/defocus detector), as a fixed
 * layout of one Float32Array. Units: iris position is in half-widths/half-heights of the eye
 * opening (-1..1, 0 = centred; +x toward the person's left, +y downward); aperture is lid opening
 * divided by eye width (dimensionless); vergence proxy is the difference of the two eyes'
 * horizontal iris positions (left minus right, same units; more positive = eyes turned apart).
 */
export const EYE_FEATURES = [
  'irisX_L',
  'irisY_L',
  'aperture_L',
  'irisX_R',
  'irisY_R',
  'aperture_R',
  'vergence',
  /** 1 while either eye is closed in a blink (AU43/45 present), else 0. */
  'blink',
] as const;

export type EyeFeature = (typeof EYE_FEATURES)[number];

export const EYE_INDEX: Readonly<Record<EyeFeature, number>> = Object.fromEntries(EYE_FEATURES.map((f, i) => [f, i])) as Record<
  EyeFeature,
  number
>;
