/** The nine kinds of expression the flash engine reports, as data. */
export const FLASH_KINDS = [
  'anger',
  'disgust',
  'pain',
  'fear',
  'sadness',
  'surprise',
  'happiness',
  'one_sided_smile',
  'dissociation',
] as const;

export type FlashKind = (typeof FLASH_KINDS)[number];

/** Human labels (the one-sided smile is labelled neutrally, not "contempt"). */
export const FLASH_KIND_LABELS: Readonly<Record<FlashKind, string>> = {
  anger: 'Anger',
  disgust: 'Disgust',
  pain: 'Pain',
  fear: 'Fear',
  sadness: 'Sadness',
  surprise: 'Surprise',
  happiness: 'Happiness',
  one_sided_smile: 'One-sided smile',
  dissociation: 'Dissociation (eye defocus)',
};
