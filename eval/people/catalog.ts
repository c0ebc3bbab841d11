/**
 * The people fixtures (../shared/fixtures/people, see its FIXTURES.md) as data: who they are, which
 * file is each one's neutral face and which are their posed expressions, with the kind each posed
 * category stands for. Read from the folder at run time; nothing here is committed but names.
 *
 * - nimstim: stills `ID_CODE_M.png`; NE_C (neutral, closed mouth) is the person's neutral. NE_O and
 *   CA (calm) are controls: spliced into the neutral they must give no flash.
 * - london: stills `NNN_neutral.jpg` and `NNN_smile.jpg`.
 * - mead: videos, the expression held while speaking; the neutral clip is the person's neutral.
 * - cremad: one actor, videos of one sentence per emotion; NEU is his neutral.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../scripts/lib/media.ts';

export const PEOPLE_DIR = join(FIXTURES, 'people');

/** Kinds the posed sets show (pain and dissociation are in no set). */
export const POSED_KINDS = ['anger', 'disgust', 'fear', 'sadness', 'surprise', 'happiness', 'one_sided_smile'] as const;
export type PosedKind = (typeof POSED_KINDS)[number];

export type PeopleSet = 'nimstim' | 'london' | 'mead' | 'cremad';

export interface PosedSource {
  /** Absolute path of the still or video. */
  path: string;
  /** Short label, unique within the person (`AN_O`, `smile`, `angry`). */
  label: string;
  kind: PosedKind;
}

export interface ControlSource {
  path: string;
  label: string;
  /** Why it must give no flash against the neutral. */
  why: string;
}

export interface Person {
  set: PeopleSet;
  /** Unique across sets: `nimstim-01F`, `london-001`, `mead-W009`, `cremad-1001`. */
  id: string;
  media: 'still' | 'video';
  neutral: string;
  posed: PosedSource[];
  controls: ControlSource[];
}

const NIMSTIM_KIND: Record<string, PosedKind> = { AN: 'anger', DI: 'disgust', FE: 'fear', HA: 'happiness', SA: 'sadness', SP: 'surprise' };
const MEAD_KIND: Record<string, PosedKind> = {
  angry: 'anger',
  contempt: 'one_sided_smile',
  disgusted: 'disgust',
  fear: 'fear',
  happy: 'happiness',
  sad: 'sadness',
  surprised: 'surprise',
};
const CREMAD_KIND: Record<string, PosedKind> = { ANG: 'anger', DIS: 'disgust', FEA: 'fear', HAP: 'happiness', SAD: 'sadness' };

function files(dir: string, pattern: RegExp): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
    : [];
}

function groupById<T>(names: string[], parse: (name: string) => { id: string; rest: T } | null): Map<string, { name: string; rest: T }[]> {
  const out = new Map<string, { name: string; rest: T }[]>();
  for (const name of names) {
    const p = parse(name);
    if (!p) continue;
    const list = out.get(p.id) ?? [];
    list.push({ name, rest: p.rest });
    out.set(p.id, list);
  }
  return out;
}

function nimstim(): Person[] {
  const dir = join(PEOPLE_DIR, 'nimstim');
  const byId = groupById(files(dir, /\.png$/i), (n) => {
    const m = /^(\d+[FM])_([A-Z]{2})_([COX])\.png$/i.exec(n);
    return m ? { id: m[1]!, rest: { code: m[2]!.toUpperCase(), mouth: m[3]!.toUpperCase() } } : null;
  });
  const people: Person[] = [];
  for (const [id, list] of byId) {
    const neutral = list.find((f) => f.rest.code === 'NE' && f.rest.mouth === 'C');
    if (!neutral) continue;
    const posed = list.flatMap((f) => {
      const kind = NIMSTIM_KIND[f.rest.code];
      return kind ? [{ path: join(dir, f.name), label: `${f.rest.code}_${f.rest.mouth}`, kind }] : [];
    });
    const controls = list
      .filter((f) => (f.rest.code === 'NE' && f.rest.mouth === 'O') || f.rest.code === 'CA')
      .map((f) => ({
        path: join(dir, f.name),
        label: `${f.rest.code}_${f.rest.mouth}`,
        why:
          f.rest.code === 'NE'
            ? 'neutral with the lips apart: an open mouth alone is no expression'
            : 'calm: a relaxed face, no expression',
      }));
    people.push({ set: 'nimstim', id: `nimstim-${id}`, media: 'still', neutral: join(dir, neutral.name), posed, controls });
  }
  return people;
}

function london(): Person[] {
  const dir = join(PEOPLE_DIR, 'london');
  const byId = groupById(files(dir, /\.jpg$/i), (n) => {
    const m = /^(\d+)_(neutral|smile)\.jpg$/i.exec(n);
    return m ? { id: m[1]!, rest: m[2]!.toLowerCase() } : null;
  });
  const people: Person[] = [];
  for (const [id, list] of byId) {
    const neutral = list.find((f) => f.rest === 'neutral');
    const smile = list.find((f) => f.rest === 'smile');
    if (!neutral || !smile) continue;
    people.push({
      set: 'london',
      id: `london-${id}`,
      media: 'still',
      neutral: join(dir, neutral.name),
      posed: [{ path: join(dir, smile.name), label: 'smile', kind: 'happiness' }],
      controls: [],
    });
  }
  return people;
}

function mead(): Person[] {
  const dir = join(PEOPLE_DIR, 'mead');
  const byId = groupById(files(dir, /\.mp4$/i), (n) => {
    const m = /^([MW]\d+)_front_([a-z]+)_level\d+_\d+\.mp4$/i.exec(n);
    return m ? { id: m[1]!, rest: m[2]!.toLowerCase() } : null;
  });
  const people: Person[] = [];
  for (const [id, list] of byId) {
    const neutral = list.find((f) => f.rest === 'neutral');
    if (!neutral) continue;
    const posed = list.flatMap((f) => {
      const kind = MEAD_KIND[f.rest];
      return kind ? [{ path: join(dir, f.name), label: f.rest, kind }] : [];
    });
    people.push({ set: 'mead', id: `mead-${id}`, media: 'video', neutral: join(dir, neutral.name), posed, controls: [] });
  }
  return people;
}

function cremad(): Person[] {
  const dir = join(PEOPLE_DIR, 'cremad');
  const byId = groupById(files(dir, /\.mp4$/i), (n) => {
    const m = /^(\d+)_[A-Z]+_([A-Z]{3})_[A-Z]+\.mp4$/i.exec(n);
    return m ? { id: m[1]!, rest: m[2]!.toUpperCase() } : null;
  });
  const people: Person[] = [];
  for (const [id, list] of byId) {
    const neutral = list.find((f) => f.rest === 'NEU');
    if (!neutral) continue;
    const posed = list.flatMap((f) => {
      const kind = CREMAD_KIND[f.rest];
      return kind ? [{ path: join(dir, f.name), label: f.rest, kind }] : [];
    });
    people.push({ set: 'cremad', id: `cremad-${id}`, media: 'video', neutral: join(dir, neutral.name), posed, controls: [] });
  }
  return people;
}

/** Every person in the people fixtures, in a stable order (set, then id). */
export function listPeople(): Person[] {
  return [...nimstim(), ...mead(), ...cremad(), ...london()];
}

/** The set's licence limits, for every report that shows figures from it. */
export const SET_NOTES: Record<PeopleSet, string> = {
  nimstim: 'NimStim (Tottenham et al. 2009), research use only: stills of 12 actors',
  london: 'Face Research Lab London Set (CC BY 4.0): neutral and smiling stills',
  mead: 'MEAD (Wang et al. 2020), non-commercial research: 3 actors speaking with the expression held',
  cremad: 'CREMA-D (ODbL): one actor, subtle, speaking one sentence per emotion',
};
