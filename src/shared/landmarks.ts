/**
 * Named indices into MediaPipe Face Landmarker's 478-point face mesh (468 mesh points + 10 iris
 * points when iris refinement is on, which Face Landmarker always does).
 *
 * LEFT AND RIGHT ARE THE PERSON'S, NOT THE IMAGE'S. MediaPipe's "left eye" (e.g. 263 outer corner,
 * 362 inner corner, 473 iris centre) is the person's left eye, which appears on the image's *right*
 * in a non-mirrored camera image. In MediaPipe's canonical face (the frame the facial transformation
 * matrix maps from) the person's left is +x, up is +y and the nose points to +z.
 *
 * Every index used by logic lives here; logic never reads a bare number.
 */

/** Points on one side of the face. Lists run from the midline outward unless noted. */
export interface FaceSideLandmarks {
  /** Brow, inner end (lower and upper edge, near the midline): moves with AU1 and AU4. */
  readonly browInner: readonly number[];
  /** Brow, middle third (lower and upper edge). */
  readonly browMid: readonly number[];
  /** Brow, outer end (lower and upper edge): moves with AU2. */
  readonly browOuter: readonly number[];
  /** Eye corner nearest the nose (medial canthus). */
  readonly eyeInner: number;
  /** Eye corner nearest the ear (lateral canthus). */
  readonly eyeOuter: number;
  /** Upper lid margin, central three points (middle one first). */
  readonly upperLid: readonly number[];
  /** Lower lid margin, central three points (middle one first). */
  readonly lowerLid: readonly number[];
  /** Iris centre (refined iris landmarks). */
  readonly irisCentre: number;
  /** The four iris ring points (refined iris landmarks). */
  readonly irisRing: readonly number[];
  /** Infraorbital cheek (the skin AU6 pushes up): below the lower lid and on the cheekbone. */
  readonly cheek: readonly number[];
  /** Nose wing (ala) and its upper crease: pulled up by AU9. */
  readonly noseWing: readonly number[];
  /** Outer lip corner (cheilion). */
  readonly lipCorner: number;
  /** Face outline at eye level (near the ear): used only for face-size sanity, not for AUs. */
  readonly faceEdge: number;
}

/** The person's left side (image right when the camera image is not mirrored). */
export const FACE_LEFT: FaceSideLandmarks = {
  browInner: [285, 336],
  browMid: [295, 296, 282, 334],
  browOuter: [276, 300, 283, 293],
  eyeInner: 362,
  eyeOuter: 263,
  upperLid: [386, 385, 387],
  lowerLid: [374, 380, 373],
  irisCentre: 473,
  irisRing: [474, 475, 476, 477],
  cheek: [347, 280, 330],
  noseWing: [358, 278],
  lipCorner: 291,
  faceEdge: 454,
};

/** The person's right side (image left when the camera image is not mirrored). */
export const FACE_RIGHT: FaceSideLandmarks = {
  browInner: [55, 107],
  browMid: [65, 66, 52, 105],
  browOuter: [46, 70, 53, 63],
  eyeInner: 133,
  eyeOuter: 33,
  upperLid: [159, 158, 160],
  lowerLid: [145, 153, 144],
  irisCentre: 468,
  irisRing: [469, 470, 471, 472],
  cheek: [118, 50, 101],
  noseWing: [129, 48],
  lipCorner: 61,
  faceEdge: 234,
};

/** Points on the midline (x = 0 in the canonical face). */
export const FACE_MIDLINE = {
  /** Forehead, top of the mesh (glabella-forehead): rigid. */
  forehead: 10,
  /** Nose bridge between the eyes (nasion region): rigid. */
  noseBridge: 168,
  /** Nose bridge, a little lower: rigid. */
  noseBridgeLow: 6,
  /** Nose tip (pronasale). */
  noseTip: 1,
  /** Base of the nose between the nostrils (subnasale). */
  subnasale: 2,
  /** Upper lip, outer (vermilion) edge, middle: moves up with AU10. */
  upperLipOuter: 0,
  /** Upper lip, inner (mouth-opening) edge, middle. */
  upperLipInner: 13,
  /** Lower lip, inner (mouth-opening) edge, middle. */
  lowerLipInner: 14,
  /** Lower lip, outer (vermilion) edge, middle: pushed up by AU17. */
  lowerLipOuter: 17,
  /** Chin boss, front. */
  chinFront: 199,
  /** Chin, lowest point (menton): follows the jaw (AU26/27). */
  chin: 152,
} as const;

/**
 * The middle of the mouth (both lips, outer and inner edge): its sideways position is where the
 * mouth as a whole has been pulled, and the reference a lip corner's own sideways pull is read from.
 */
export const MOUTH_CENTRE: readonly number[] = [
  FACE_MIDLINE.upperLipOuter,
  FACE_MIDLINE.upperLipInner,
  FACE_MIDLINE.lowerLipInner,
  FACE_MIDLINE.lowerLipOuter,
];

/** Upper lip outer edge, both sides of the middle point (Cupid's bow peaks). */
export const UPPER_LIP_OUTER_SIDES = [37, 267] as const;
/** Lower lip outer edge, both sides of the middle point. */
export const LOWER_LIP_OUTER_SIDES = [84, 314] as const;
/** Chin points beside the menton, for a steadier chin height. */
export const CHIN_SIDES = [175] as const;

/**
 * Points that facial expressions barely move: the eye corners, the nose bridge and the forehead.
 * Their centroid is the origin of the pose-free frame and the eye corners give its scale.
 */
export const RIGID_POINTS: readonly number[] = [
  FACE_LEFT.eyeInner,
  FACE_LEFT.eyeOuter,
  FACE_RIGHT.eyeInner,
  FACE_RIGHT.eyeOuter,
  FACE_MIDLINE.noseBridge,
  FACE_MIDLINE.noseBridgeLow,
  FACE_MIDLINE.forehead,
];
