// The device's own database (IndexedDB through Dexie): the roster cache that recognition runs on
// offline, the outbox of marks waiting for the API, and local settings. Versioned like the
// server's schema: a new version() with an upgrade, never an edited one.
import Dexie, { type EntityTable } from 'dexie';
import type { NewMark } from '@rollcall/contracts';

export interface CachedStudent {
  studentId: string;
  name: string;
  email: string | null;
  embeddingCount: number;
  updatedAt: string;
}

export interface CachedEmbedding {
  id: string;
  studentId: string;
  modelId: string;
  /** Unit-length float32, decoded once when synced. */
  vector: Float32Array;
  quality: number;
}

export interface CachedClass {
  id: string;
  name: string;
  studentIds: string[];
}

export interface OutboxRow {
  id: string;
  /** Order of insertion (a put again moves a mark to the end). */
  seq: number;
  state: 'pending' | 'failed';
  mark: NewMark;
  reason?: string;
  detail?: string;
  failedAt?: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class RollcallDb extends Dexie {
  students!: EntityTable<CachedStudent, 'studentId'>;
  embeddings!: EntityTable<CachedEmbedding, 'id'>;
  classes!: EntityTable<CachedClass, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'rollcall') {
    super(name);
    this.version(1).stores({
      students: 'studentId, name',
      embeddings: 'id, studentId, modelId',
      classes: 'id, name',
      outbox: 'id, seq, [state+seq]',
      meta: 'key',
    });
  }
}

let instance: RollcallDb | null = null;
export function localDb(): RollcallDb {
  instance ??= new RollcallDb();
  return instance;
}

/** Keys of the meta table, in one place. */
export const META = {
  revision: 'sync.revision',
  settings: 'settings',
} as const;

export async function getMeta<T>(db: RollcallDb, key: string, fallback: T): Promise<T> {
  const row = await db.meta.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function setMeta(db: RollcallDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
