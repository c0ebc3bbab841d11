/**
 * What each posed kind should look like in action units, after the EMFACS prototypes and their
 * major variants (Ekman, Friesen & Hager 2002; ../shared/reference/FACS-NOTES.md), as data for the
 * AU check across people (au-check.ts).
 *
 * - `rise`: AUs the prototype has that a posed expression shows on most faces (each inner list is
 *   an OR: disgust shows 9 or 10).
 * - `allowed`: AUs any prototype variant of the kind has, or that its AUs move with (a strong
 *   AU9 narrows the eye from below, 6/7; an open-mouthed pose parts the lips).
 * - Every other AU is one no prototype of the kind puts there: it must stay low.
 *
 * Fear's AU4 (1+2+4) is not in `rise`: on these posed faces neither the mesh nor MediaPipe's
 * browDown shows the brows drawn together under the raise (see docs/accuracy.md), so the kind is
 * told from surprise by its stretched mouth (20) instead.
 */
import type { AuId } from '../../src/shared/contract/index.ts';
import type { PosedKind } from './catalog.ts';

export interface Prototype {
  readonly rise: readonly (readonly AuId[])[];
  readonly allowed: readonly AuId[];
  readonly why: string;
}

export const PROTOTYPES: Readonly<Record<PosedKind, Prototype>> = {
  happiness: {
    rise: [['AU06'], ['AU12']],
    allowed: ['AU06', 'AU12', 'AU07', 'AU25', 'AU26', 'AU27', 'AU01', 'AU02', 'AU10'],
    why: '6+12; open-mouthed and exuberant smiles part the lips and may raise the brows; a broad 12 lifts the upper lip (10)',
  },
  surprise: {
    rise: [['AU01'], ['AU02'], ['AU25', 'AU26', 'AU27']],
    allowed: ['AU01', 'AU02', 'AU05', 'AU25', 'AU26', 'AU27'],
    why: '1+2+5B+26 or 27, variants without 5 or 26',
  },
  fear: {
    rise: [['AU01'], ['AU02']],
    allowed: ['AU01', 'AU02', 'AU04', 'AU05', 'AU07', 'AU20', 'AU25', 'AU26', 'AU27', 'AU15', 'AU17', 'AU23', 'AU24'],
    why: '1+2+4+5+20 (+25/26/27); the closed-mouth pose presses the lips tight (23/24) and pulls the corners down and back (15, 20) with the chin raised (17)',
  },
  sadness: {
    rise: [['AU01'], ['AU04']],
    allowed: ['AU01', 'AU04', 'AU06', 'AU07', 'AU15', 'AU17', 'AU23', 'AU24', 'AU25', 'AU26', 'AU43'],
    why: '1+4+15 (+17), 6+15, 11+17; lids lowered; the open-mouthed pose parts the lips',
  },
  disgust: {
    rise: [['AU09', 'AU10'], ['AU04']],
    allowed: ['AU04', 'AU06', 'AU07', 'AU09', 'AU10', 'AU15', 'AU17', 'AU20', 'AU25', 'AU26', 'AU27', 'AU23', 'AU24'],
    why: '9, 9+16+15/26, 9+17, 10+16+25/26, 10+17; AU9 raises the cheeks and narrows the eyes from below (6/7), brows lowered (4)',
  },
  anger: {
    rise: [['AU04']],
    allowed: ['AU04', 'AU05', 'AU06', 'AU07', 'AU09', 'AU10', 'AU17', 'AU20', 'AU23', 'AU24', 'AU25', 'AU26', 'AU27'],
    why: '4+5+7+23/24, 4+5+7+10+22+23+25/26 (+17); the bared-teeth pose wrinkles the nose (9) and stretches the mouth',
  },
  one_sided_smile: {
    rise: [['AU12', 'AU14']],
    allowed: ['AU12', 'AU14', 'AU06', 'AU07', 'AU10', 'AU20', 'AU25', 'AU26', 'AU01', 'AU02', 'AU05'],
    why: 'R12A+R14A (unilateral 12 and/or 14); while speaking the lips part; the posed contempt of the video set lifts the brows (a superior look)',
  },
};
