/**
 * The app's stored data, behind one small interface: saved neutral faces and (when the user asks)
 * recorded sessions. A session's events are kept in memory first and written through; when the
 * disk is full the write fails with a message, and the events stay in memory to be exported.
 */
import type { IDBPDatabase } from 'idb';
import { deleteDB } from 'idb';
import type { FlashEvent } from '../../shared/flash/event.ts';
import { DB_NAME, newId, openMicroflashDb, writeOrExplain, type MicroflashDb, type RecordedSession, type SavedBaseline } from './db.ts';

export class DataStore {
  private db: Promise<IDBPDatabase<MicroflashDb>> | null = null;
  private session: RecordedSession | null = null;

  private open(): Promise<IDBPDatabase<MicroflashDb>> {
    this.db ??= openMicroflashDb();
    return this.db;
  }

  async startSession(source: string): Promise<void> {
    if (this.session) return;
    this.session = { id: newId(), startedAt: new Date().toISOString(), endedAt: null, source, events: [], baseline: null };
    await this.persist();
  }

  async addEvents(events: readonly FlashEvent[]): Promise<void> {
    if (!this.session) return;
    this.session.events.push(...events);
    await this.persist();
  }

  /** Closes the kept session, storing the neutral it was measured against with it. */
  async endSession(baseline: unknown = null): Promise<void> {
    if (!this.session) return;
    this.session.endedAt = new Date().toISOString();
    this.session.baseline = baseline;
    await this.persist();
    this.session = null;
  }

  private async persist(): Promise<void> {
    const s = this.session;
    if (!s) return;
    const db = await this.open();
    await writeOrExplain(() => db.put('sessions', { ...s, events: [...s.events] }));
  }

  async saveBaseline(baseline: unknown): Promise<void> {
    const db = await this.open();
    const now = new Date();
    const record: SavedBaseline = { id: newId(), name: now.toLocaleString(), createdAt: now.toISOString(), baseline };
    await writeOrExplain(() => db.put('baselines', record));
  }

  async lastBaseline(): Promise<SavedBaseline | undefined> {
    const all = await (await this.open()).getAll('baselines').catch(() => []);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  }

  async list(): Promise<{ baselines: SavedBaseline[]; sessions: RecordedSession[] }> {
    const db = await this.open();
    return { baselines: await db.getAll('baselines'), sessions: (await db.getAllFromIndex('sessions', 'byStart')).reverse() };
  }

  async deleteSession(id: string): Promise<void> {
    await (await this.open()).delete('sessions', id);
  }

  async deleteBaseline(id: string): Promise<void> {
    await (await this.open()).delete('baselines', id);
  }

  /** Removes the whole database. A session being kept goes on in memory only if re-enabled. */
  async deleteAll(): Promise<void> {
    const db = await this.open();
    db.close();
    this.db = null;
    this.session = null;
    await deleteDB(DB_NAME);
  }
}
