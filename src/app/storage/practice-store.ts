/**
 * Practice data, kept only in practice mode: the tries (always: progress is what practice is for,
 * and the learner starts practice knowingly), the clips of caught flashes (only when the learner
 * allows it), and the personal model. All of it is exported as one file and deleted with one
 * button; "Delete all stored data" removes it too.
 */
import type { IDBPDatabase } from 'idb';
import { FLASH_KINDS, type PersonalModel } from '../../shared/contract/index.ts';
import type { PracticeTry } from '../../shared/practice/index.ts';
import { openMicroflashDb, writeOrExplain, type MicroflashDb, type PracticeClip } from './db.ts';

const kinds: ReadonlySet<string> = new Set(FLASH_KINDS);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A kept try this version can read (others are left out of progress, and still deleted). */
export function readTryRecord(raw: unknown): PracticeTry | null {
  if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.at !== 'number' || typeof raw.right !== 'boolean') return null;
  if (raw.mode === 'show') {
    const target = raw.target;
    return isObject(target) && typeof target.kind === 'string' && kinds.has(target.kind) && typeof raw.caught === 'boolean'
      ? (raw as unknown as PracticeTry)
      : null;
  }
  if (raw.mode === 'recognise')
    return typeof raw.shown === 'string' && kinds.has(raw.shown) && typeof raw.answer === 'string' && kinds.has(raw.answer)
      ? (raw as unknown as PracticeTry)
      : null;
  return null;
}

export interface PracticeCounts {
  tries: number;
  clips: number;
  model: boolean;
}

export class PracticeStore {
  private db: Promise<IDBPDatabase<MicroflashDb>> | null = null;

  private open(): Promise<IDBPDatabase<MicroflashDb>> {
    this.db ??= openMicroflashDb(() => (this.db = null)).catch((err: unknown) => {
      this.db = null;
      throw err;
    });
    return this.db;
  }

  async addTry(t: PracticeTry): Promise<void> {
    const db = await this.open();
    await writeOrExplain(() => db.put('tries', t));
  }

  /** Every readable try, oldest first. */
  async tries(): Promise<PracticeTry[]> {
    const db = await this.open();
    const raw: unknown[] = await db.getAllFromIndex('tries', 'byAt');
    return raw.map(readTryRecord).filter((t): t is PracticeTry => t !== null);
  }

  async addClip(clip: PracticeClip): Promise<void> {
    const db = await this.open();
    await writeOrExplain(() => db.put('practiceClips', clip));
  }

  async clips(): Promise<PracticeClip[]> {
    const db = await this.open();
    const all = await db.getAll('practiceClips');
    return all.filter((c) => c.video instanceof Blob && typeof c.tryId === 'string' && kinds.has(c.kind));
  }

  async saveModel(model: PersonalModel): Promise<void> {
    const db = await this.open();
    await writeOrExplain(() => db.put('personalModel', { id: 'current', model }));
  }

  async model(): Promise<PersonalModel | null> {
    const db = await this.open();
    return (await db.get('personalModel', 'current'))?.model ?? null;
  }

  async deleteModel(): Promise<void> {
    await (await this.open()).delete('personalModel', 'current');
  }

  async counts(): Promise<PracticeCounts> {
    const db = await this.open();
    const [tries, clips, model] = await Promise.all([db.count('tries'), db.count('practiceClips'), db.count('personalModel')]);
    return { tries, clips, model: model > 0 };
  }

  /** Deletes every try, clip and the personal model. */
  async deleteAll(): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['tries', 'practiceClips', 'personalModel'], 'readwrite');
    await Promise.all([tx.objectStore('tries').clear(), tx.objectStore('practiceClips').clear(), tx.objectStore('personalModel').clear()]);
    await tx.done;
  }
}
