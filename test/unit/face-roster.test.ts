import { describe, expect, it } from 'vitest';
import { FIRST_FACE, initialRoster, selectInRoster } from '../../src/shared/face-roster.ts';

const left = { x: 0.1, y: 0.2, w: 0.2, h: 0.3 };
const right = { x: 0.6, y: 0.2, w: 0.2, h: 0.3 };

describe('face roster', () => {
  it('starts with the session’s own face', () => {
    expect(initialRoster().current).toBe(FIRST_FACE);
  });

  it('a point on another face is a new face; a point on a face seen before is that face again', () => {
    let r = initialRoster();
    r = selectInRoster(r, { mode: 'point', x: 0.7, y: 0.3 }, left); // following the left face, pick the right one
    const second = r.current;
    expect(second).not.toBe(FIRST_FACE);
    r = selectInRoster(r, { mode: 'point', x: 0.2, y: 0.3 }, right); // back to the left face
    expect(r.current).toBe(FIRST_FACE);
    r = selectInRoster(r, { mode: 'point', x: 0.65, y: 0.25 }, left); // the right face again
    expect(r.current).toBe(second);
    expect(r.faces.size).toBe(2);
  });

  it('"follow the largest" returns to the session’s own face', () => {
    let r = selectInRoster(initialRoster(), { mode: 'point', x: 0.7, y: 0.3 }, left);
    r = selectInRoster(r, { mode: 'largest' }, right);
    expect(r.current).toBe(FIRST_FACE);
  });

  it('a point outside every known face is a face not seen yet', () => {
    let r = selectInRoster(initialRoster(), { mode: 'point', x: 0.7, y: 0.3 }, left);
    r = selectInRoster(r, { mode: 'point', x: 0.45, y: 0.8 }, right);
    expect(r.faces.size).toBe(3);
    expect(r.faces.get(r.current)).toBeNull();
  });
});
