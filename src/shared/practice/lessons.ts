/**
 * The three lessons of practice mode: the seed's groups, each drilled until the learner tells its
 * members apart. What a kind needs is read from the detector's own rules (`kindNeeds`), so the
 * lesson text and the judge never disagree with what the detector does.
 */
import type { FlashKind } from '../contract/index.ts';

export interface Lesson {
  id: 'brows-down' | 'smiles' | 'brows-up';
  title: string;
  /** The kinds drilled in this lesson, in teaching order. */
  kinds: readonly FlashKind[];
  /** What sets the group apart, in a sentence. */
  summary: string;
  /** Per kind: what to do with the face, and what tells it from the others of the group. */
  looks: Readonly<Partial<Record<FlashKind, string>>>;
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'brows-down',
    title: 'Brows down: anger, disgust, pain',
    kinds: ['anger', 'disgust', 'pain'],
    summary: 'All three pull the brows down and together (AU4). What the rest of the face does tells them apart.',
    looks: {
      anger: 'Brows down and together (AU4), nothing else needed; lips pressed (AU23/24) or a glare (AU5) make it fuller. No nose wrinkle.',
      disgust: 'The brows down (AU4) with the nose wrinkled or the upper lip raised (AU9/AU10), the lower lids pushed up (AU7).',
      pain: 'Disgust-like brows and nose (AU4, AU9), but the mouth stretches wide (AU20/AU27) and the eyes squeeze shut (AU43, or AU6/AU7 strong). Experimental: not validated on data.',
    },
  },
  {
    id: 'smiles',
    title: 'Smiles: happiness and the one-sided smile',
    kinds: ['happiness', 'one_sided_smile'],
    summary: 'Both lift the lip corners (AU12). Symmetry and the eyes tell them apart.',
    looks: {
      happiness: 'Both corners up (AU12) with the cheeks raised (AU6: the eyes smile too), the same on both sides.',
      one_sided_smile: 'One corner up (AU12 or AU14 on one side), or one side rising first and falling first. The other side stays.',
    },
  },
  {
    id: 'brows-up',
    title: 'Brows up: fear, sadness, surprise, dissociation',
    kinds: ['fear', 'sadness', 'surprise', 'dissociation'],
    summary: 'The brows go up, or the eyes go still. Which part of the brow, and what the mouth does, tell them apart.',
    looks: {
      fear: 'Inner and outer brows up (AU1+2) with tension: drawn together (AU4), the mouth stretched (AU20) or the eyes staring (AU5).',
      sadness: 'Only the middle of the brows up (AU1, not AU2), with a frown (AU4), the corners down (AU15) or the chin up (AU17).',
      surprise: 'Whole brows up (AU1+2) without tension, and the jaw drops (AU26/27).',
      dissociation:
        'The eyes defocus and stop moving for a few seconds: no saccades, often fewer blinks. Experimental: not validated on data.',
    },
  },
];

/** The lesson a kind is taught in. */
export function lessonOf(kind: FlashKind): Lesson {
  const lesson = LESSONS.find((l) => l.kinds.includes(kind));
  if (!lesson) throw new Error(`No lesson teaches ${kind}`);
  return lesson;
}
