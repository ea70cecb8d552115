// SQL for face embeddings. Vectors are stored as binary float32 (4 bytes a value), never JSON.
import { bytesToBase64, bytesToFloat32, isModelId, type Embedding } from '@rollcall/contracts';
import type { Insertable, Selectable } from 'kysely';
import type { FaceEmbeddingsTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';

/** A stored embedding as read: its vector only when the caller asked for it. */
type EmbeddingRow = Omit<Selectable<FaceEmbeddingsTable>, 'vector'> & { vector?: Uint8Array };

const META = ['id', 'student_id', 'model_id', 'dim', 'quality', 'source_hash', 'created_at', 'origin', 'learned_device', 'learned_how', 'sighted_at'] as const;

export function toEmbedding(r: EmbeddingRow): Embedding {
  if (!isModelId(r.model_id)) throw new Error(`stored embedding ${r.id} has unknown model ${r.model_id}`);
  const e: Embedding = {
    id: r.id,
    studentId: r.student_id,
    modelId: r.model_id,
    dim: Number(r.dim),
    quality: Number(r.quality),
    sourceHash: r.source_hash,
    createdAt: toIso(Number(r.created_at)),
    origin: r.origin === 'sighting' ? 'sighting' : 'photo',
  };
  if (r.origin === 'sighting' && r.learned_device && (r.learned_how === 'clear-mark' || r.learned_how === 'review-confirmed') && r.sighted_at !== null) {
    e.learned = { deviceId: r.learned_device, how: r.learned_how, sightedAt: toIso(Number(r.sighted_at)) };
  }
  // Stored bytes are already little-endian float32: the wire format, without decoding.
  if (r.vector) e.vector = bytesToBase64(r.vector);
  return e;
}

export async function listForStudent(db: Executor, studentId: string, withVectors: boolean, modelId?: string) {
  let q = db.selectFrom('face_embeddings').select(META).where('student_id', '=', studentId).orderBy('created_at').orderBy('id');
  if (modelId) q = q.where('model_id', '=', modelId);
  if (withVectors) return (await q.select('vector').execute()).map(toEmbedding);
  return (await q.execute()).map(toEmbedding);
}

export async function findByIds(db: Executor, ids: string[], modelId?: string): Promise<Embedding[]> {
  const out: Embedding[] = [];
  // Chunked: an IN list of thousands of ids is slow to plan on both databases.
  for (let i = 0; i < ids.length; i += 1000) {
    let q = db
      .selectFrom('face_embeddings')
      .select([...META, 'vector'])
      .where('id', 'in', ids.slice(i, i + 1000));
    if (modelId) q = q.where('model_id', '=', modelId);
    out.push(...(await q.execute()).map(toEmbedding));
  }
  return out;
}

export async function findByStudents(db: Executor, studentIds: string[], modelId?: string): Promise<Embedding[]> {
  const out: Embedding[] = [];
  for (let i = 0; i < studentIds.length; i += 1000) {
    let q = db
      .selectFrom('face_embeddings')
      .select([...META, 'vector'])
      .where('student_id', 'in', studentIds.slice(i, i + 1000));
    if (modelId) q = q.where('model_id', '=', modelId);
    out.push(...(await q.orderBy('created_at').execute()).map(toEmbedding));
  }
  return out;
}

export async function findBySourceHashes(db: Executor, studentId: string, modelId: string, hashes: string[]) {
  if (hashes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('face_embeddings')
    .select(['id', 'source_hash'])
    .where('student_id', '=', studentId)
    .where('model_id', '=', modelId)
    .where('source_hash', 'in', hashes)
    .execute();
  return new Map(rows.map((r) => [r.source_hash, r.id]));
}

export async function countLearned(db: Executor, studentId: string, modelId: string): Promise<number> {
  const r = await db
    .selectFrom('face_embeddings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('student_id', '=', studentId)
    .where('model_id', '=', modelId)
    .where('origin', '=', 'sighting')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertEmbedding(db: Executor, row: Insertable<FaceEmbeddingsTable>) {
  await db.insertInto('face_embeddings').values(row).execute();
}

export async function deleteEmbedding(db: Executor, studentId: string, id: string) {
  const r = await db.deleteFrom('face_embeddings').where('id', '=', id).where('student_id', '=', studentId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One model's vectors of these students, decoded, oldest first: what learning is judged against. */
export async function vectorsOf(db: Executor, studentIds: readonly string[], modelId: string) {
  const out: { id: string; studentId: string; origin: 'photo' | 'sighting'; vector: Float32Array }[] = [];
  for (let i = 0; i < studentIds.length; i += 1000) {
    const rows = await db
      .selectFrom('face_embeddings')
      .select(['id', 'student_id', 'origin', 'vector'])
      .where('student_id', 'in', studentIds.slice(i, i + 1000))
      .where('model_id', '=', modelId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const vector = bytesToFloat32(r.vector);
      if (vector) out.push({ id: r.id, studentId: r.student_id, origin: r.origin === 'sighting' ? 'sighting' : 'photo', vector });
    }
  }
  return out;
}

export async function deleteEmbeddings(db: Executor, studentId: string, ids: readonly string[]) {
  if (ids.length) await db.deleteFrom('face_embeddings').where('student_id', '=', studentId).where('id', 'in', ids).execute();
}

/** Deletes every face embedding of a student (enrolled or learned) and says which went. */
export async function deleteEmbeddingsOf(db: Executor, studentId: string): Promise<string[]> {
  const ids = (await db.selectFrom('face_embeddings').select('id').where('student_id', '=', studentId).execute()).map((r) => r.id);
  if (ids.length) await db.deleteFrom('face_embeddings').where('student_id', '=', studentId).execute();
  return ids;
}

/**
 * Deletes the face embeddings of every student not asked for consent (the policy has just come to
 * require it); says which went, each with its student.
 */
export async function deleteEmbeddingsOfNotAsked(db: Executor): Promise<{ id: string; studentId: string }[]> {
  const rows = await db
    .selectFrom('face_embeddings as e')
    .innerJoin('students as s', 's.student_id', 'e.student_id')
    .select(['e.id', 'e.student_id'])
    .where('s.consent_status', '=', 'not-asked')
    .execute();
  if (rows.length === 0) return [];
  const studentIds = [...new Set(rows.map((r) => r.student_id))];
  for (let i = 0; i < studentIds.length; i += 1000) {
    await db
      .deleteFrom('face_embeddings')
      .where('student_id', 'in', studentIds.slice(i, i + 1000))
      .execute();
  }
  return rows.map((r) => ({ id: r.id, studentId: r.student_id }));
}

/** How many embeddings each of these students has (a student with none is missing from the map). */
export async function embeddingCounts(db: Executor, studentIds: readonly string[]): Promise<Map<string, number>> {
  if (studentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('face_embeddings')
    .select(['student_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('student_id', 'in', studentIds)
    .groupBy('student_id')
    .execute();
  return new Map(rows.map((r) => [r.student_id, Number(r.n)]));
}
