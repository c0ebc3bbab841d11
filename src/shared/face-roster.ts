/**
 * Which person a face selection means, so that each followed face keeps its own neutral: the faces
 * followed so far in a session, each with a key and the box where it was last seen. The largest face
 * (the default) is the session's own person, key `FIRST_FACE`; a picked point on a face seen before
 * (inside its last box) is that face again; any other point is a face not seen yet. Pure: the caller
 * keeps the roster.
 */
import type { FaceSelection } from './contract/index.ts';
import type { Box } from './face-select.ts';

/** The person a session starts with (the largest face), whose neutral a given or saved neutral is. */
export const FIRST_FACE = 'face-1';

export interface FaceRoster {
  /** Faces by key, each with its box when it was last followed (null: not seen yet). */
  readonly faces: ReadonlyMap<string, Box | null>;
  /** The key of the face followed now. */
  readonly current: string;
}

export function initialRoster(): FaceRoster {
  return { faces: new Map([[FIRST_FACE, null]]), current: FIRST_FACE };
}

const contains = (b: Box, x: number, y: number) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;

/**
 * The roster after the user picks `selection` while the current face was last seen at `lastBox`:
 * the current face's box is kept, and the picked face is found or added.
 */
export function selectInRoster(roster: FaceRoster, selection: FaceSelection, lastBox: Box | null): FaceRoster {
  const faces = new Map(roster.faces);
  if (lastBox) faces.set(roster.current, lastBox);
  if (selection.mode === 'largest') return { faces, current: FIRST_FACE };
  for (const [key, box] of faces) if (box && contains(box, selection.x, selection.y)) return { faces, current: key };
  const key = `face-${faces.size + 1}`;
  faces.set(key, null);
  return { faces, current: key };
}
