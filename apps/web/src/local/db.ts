// The device's own database (IndexedDB through Dexie): the roster cache that recognition runs on
// offline, the outbox of marks waiting for the API, and local settings. Versioned like the
// server's schema: a new version() with an upgrade, never an edited one.
import Dexie, { type EntityTable } from 'dexie';
import type { ConsentStatus, NewMark } from '@rollcall/contracts';
import type { Sighting } from '@rollcall/recognition';

export interface CachedStudent {
  studentId: string;
  name: string;
  email: string | null;
  embeddingCount: number;
  updatedAt: string;
  /** Biometric consent as last synced; see consent/camera-free.ts. */
  consent: ConsentStatus;
  /** Registered by hand only: never enrolled, matched or suggested. */
  cameraFree: boolean;
}

export interface CachedEmbedding {
  id: string;
  studentId: string;
  modelId: string;
  /** Unit-length float32, decoded once when synced. */
  vector: Float32Array;
  quality: number;
  /**
   * 'sighting' for one learned from a clear recognition (counted against the learning cap). Not
   * indexed, so no new version: rows synced before it lack it and count as photos.
   */
  origin?: 'photo' | 'sighting';
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

/** A face the recogniser was unsure of, kept until a teacher confirms or dismisses it (version 2). */
export interface ReviewRow {
  id: string;
  sessionId: string | null;
  classId: string | null;
  createdAt: number;
  /** A small JPEG data URL of the face. */
  thumbnail: string;
  why: string;
  /** The best and the runner-up, best first. */
  candidates: { studentId: string; score: number }[];
  /** The recognition run and track it came from (not indexed): a track marked after all clears its own row. */
  track?: string;
  /**
   * The liveness rule's reasons, for a face that may be or looks like a photo or a screen, or
   * whose life could not be confirmed (review/review-words.ts turns them into a line). Not indexed,
   * so no new version: older rows lack them and show the general line.
   */
  reasons?: string[];
  /**
   * What a teacher's confirmation of the top candidate may teach (the core's `reviewSighting`): the
   * track's best frames as vectors, never images, and how clear it was. Not indexed, so no new
   * version: rows from before it, and items no confirmation could teach, lack it.
   */
  learn?: Sighting;
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
  reviews!: EntityTable<ReviewRow, 'id'>;

  constructor(name = 'rollcall') {
    super(name);
    this.version(1).stores({
      students: 'studentId, name',
      embeddings: 'id, studentId, modelId',
      classes: 'id, name',
      outbox: 'id, seq, [state+seq]',
      meta: 'key',
    });
    // v2: students carry their consent. Rows cached before it lack it, so the roster is fetched
    // afresh (the next sync starts from 0); the outbox and settings are kept.
    this.version(2)
      .stores({})
      .upgrade(async (tx) => {
        await tx.table('students').clear();
        await tx.table('embeddings').clear();
        await tx.table('classes').clear();
        await tx.table('meta').put({ key: META.revision, value: 0 });
      });
    // v3: faces waiting for review survive a reload. A new table: nothing to upgrade.
    this.version(3).stores({ reviews: 'id, sessionId, createdAt' });
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
