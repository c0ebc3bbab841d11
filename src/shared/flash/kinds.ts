import type { FlashKind } from '../contract/index.ts';

export { FLASH_KINDS, type FlashKind } from '../contract/index.ts';

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

/** One colour per kind, on a dark or a white page: the timeline's bands and the session report. */
export const KIND_COLOURS: Readonly<Record<FlashKind, string>> = {
  anger: '#ef476f',
  disgust: '#8ac926',
  pain: '#ff924c',
  fear: '#b388eb',
  sadness: '#4d96ff',
  surprise: '#ffd166',
  happiness: '#50e6b4',
  one_sided_smile: '#06d6a0',
  dissociation: '#a0a0a0',
};

/**
 * Kinds with no data to validate them, and why: shown and exported as experimental wherever kinds
 * appear (docs/accuracy.md), until figures exist.
 */
export const EXPERIMENTAL_KINDS: Readonly<Partial<Record<FlashKind, string>>> = {
  pain: 'no pain data: the rule follows the seed and PSPI (4 + 6/7 + 9/10 + 43) but has not been measured on anyone',
  dissociation: 'no dissociation data: a gaze state after eye-tracking findings, tested on synthetic gaze only',
};

/** A kind's label, marked `(experimental)` for the kinds without validation data. */
export function kindLabel(kind: FlashKind): string {
  return EXPERIMENTAL_KINDS[kind] ? `${FLASH_KIND_LABELS[kind]} (experimental)` : FLASH_KIND_LABELS[kind];
}
