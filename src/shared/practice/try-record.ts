/**
 * A practice try as it is kept (IndexedDB, exports): a shown try (the learner made a flash of the
 * target kind; judged by the detector) or a recognition try (the learner watched a clip of one of
 * their own caught flashes and named its kind).
 */
import type { FlashKind, Prediction } from '../contract/index.ts';
import type { TryVerdict } from './judge-try.ts';
import type { Lesson } from './lessons.ts';

export interface ShownTry extends TryVerdict {
  id: string;
  mode: 'show';
  /** ms since the epoch. */
  at: number;
  lesson: Lesson['id'];
  /** The personal model's label of the flash, when a model was loaded and a flash caught. */
  personal: Prediction | null;
}

export interface RecognitionTry {
  id: string;
  mode: 'recognise';
  at: number;
  lesson: Lesson['id'];
  /** The try whose clip was shown, and the kind its flash was made as. */
  clipTryId: string;
  shown: FlashKind;
  answer: FlashKind;
  right: boolean;
}

export type PracticeTry = ShownTry | RecognitionTry;

export const isShownTry = (t: PracticeTry): t is ShownTry => t.mode === 'show';
