// Rules for embeddings: a known model, the model's dimension, finite non-zero values; stored
// unit-length; the same photo (content hash) twice adds nothing. A request is all or nothing.
// An admin's embeddings with a learned provenance are capped per student; what devices learn is
// judged in learning.service.ts.
import { randomUUID } from 'node:crypto';
import {
  decodeVector,
  float32ToBytes,
  isModelId,
  l2Normalize,
  modelDim,
  vectorProblem,
  MAX_LEARNED_PER_STUDENT,
  type AddEmbeddingsBody,
  type AddLearnedEmbeddingsBody,
  type AddEmbeddingsResult,
  type ErrorCode,
} from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import { assertMayHoldFaceData } from '../consent/face-data.ts';
import { flushDeleted } from '../privacy/erasure.ts';
import { ALL, type Actor, type Scope } from '../../shared/actor.ts';
import * as repo from './embeddings.repository.ts';
import { learningService, type EmbeddingsDeps } from './learning.service.ts';

const PROBLEM_CODE = { 'wrong-dimension': 'embedding-wrong-dimension', 'not-finite': 'embedding-not-finite', 'all-zero': 'embedding-all-zero' } as const;

type Posted = Omit<AddEmbeddingsBody['embeddings'][number], 'sourceHash'> & { sourceHash?: string };
type Checked = ReturnType<typeof checked>[number] & { sourceHash: string };

function checked<E extends Posted>(embeddings: E[]) {
  return embeddings.map((e, index) => {
    const fail = (code: ErrorCode, message: string): never => {
      throw new ApiError(code, `Embedding ${index}: ${message}`, { index });
    };
    if (!isModelId(e.modelId)) return fail('unknown-model', `unknown model id ${JSON.stringify(e.modelId)}.`);
    const vector = decodeVector(e.vector);
    if (!vector) return fail('embedding-not-base64', 'vector must be base64 of little-endian float32 values.');
    const dim = modelDim(e.modelId);
    const problem = vectorProblem(vector, dim);
    if (problem === 'wrong-dimension') return fail(PROBLEM_CODE[problem], `model ${e.modelId} has ${dim} dimensions, the vector has ${vector.length}.`);
    if (problem === 'not-finite') return fail(PROBLEM_CODE[problem], 'the vector contains NaN or Infinity.');
    if (problem === 'all-zero') return fail(PROBLEM_CODE[problem], 'the vector is all zeros.');
    return { ...e, modelId: e.modelId, dim, bytes: float32ToBytes(l2Normalize(vector)) };
  });
}

export function embeddingsService(ctx: ServiceContext, deps: EmbeddingsDeps) {
  const { changes, classes, studentRows } = deps;
  const learning = learningService(ctx, deps);
  /** `scope`: the caller's classes, checked with the student locked, so a roster change cannot slip between check and insert. */
  const store = (studentId: string, items: Checked[], scope: Scope = ALL): Promise<AddEmbeddingsResult> =>
    withRetry(3, () =>
      writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        if (!(await studentRows.lock(trx, [studentId])).has(studentId)) {
          throw new ApiError('student-not-found', `No student with id ${studentId}.`);
        }
        await classes.assertStudentInScope(trx, studentId, scope);
        await assertMayHoldFaceData(trx, studentId, deps);
        const known = new Map<string, string>();
        for (const modelId of new Set(items.map((i) => i.modelId))) {
          const hashes = items.filter((i) => i.modelId === modelId).map((i) => i.sourceHash);
          for (const [hash, id] of await repo.findBySourceHashes(trx, studentId, modelId, hashes)) known.set(`${modelId}:${hash}`, id);
        }
        // Learned embeddings are capped per student and model, so a student's gallery stays mostly their enrolment.
        const learnedModels = new Set(items.filter((i) => i.learned).map((i) => i.modelId));
        for (const modelId of learnedModels) {
          const adding = items.filter((i) => i.learned && i.modelId === modelId && !known.has(`${modelId}:${i.sourceHash}`)).length;
          const held = await repo.countLearned(trx, studentId, modelId);
          if (held + adding > MAX_LEARNED_PER_STUDENT) {
            throw new ApiError(
              'learned-embeddings-full',
              `Student ${studentId} holds ${held} learned embeddings of ${modelId}; at most ${MAX_LEARNED_PER_STUDENT} (remove one on the student's page first).`,
            );
          }
        }
        const results: AddEmbeddingsResult['results'] = [];
        const created: string[] = [];
        for (const item of items) {
          const key = `${item.modelId}:${item.sourceHash}`;
          const existing = known.get(key);
          if (existing) {
            results.push({ id: existing, status: 'duplicate', sourceHash: item.sourceHash });
            continue;
          }
          const id = randomUUID();
          await repo.insertEmbedding(trx, {
            id,
            student_id: studentId,
            model_id: item.modelId,
            dim: item.dim,
            vector: item.bytes,
            quality: item.quality,
            source_hash: item.sourceHash,
            created_at: at,
            origin: item.learned ? 'sighting' : 'photo',
            learned_device: item.learned?.deviceId ?? null,
            learned_how: item.learned?.how ?? null,
            sighted_at: item.learned ? Date.parse(item.learned.sightedAt) : null,
          });
          known.set(key, id);
          created.push(id);
          results.push({ id, status: 'created', sourceHash: item.sourceHash });
        }
        if (created.length > 0) {
          await changes.publish(
            trx,
            created.map((id) => ({ entity: 'embedding' as const, entityId: id, op: 'upsert' as const })),
            { studentIds: [studentId] },
            at,
          );
        }
        return { results };
      }),
    );

  return {
    async list(studentId: string, withVectors: boolean, modelId: string | undefined, scope: Scope) {
      if ((await studentRows.missing(ctx.db, [studentId])).length) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
      await classes.assertStudentInScope(ctx.db, studentId, scope);
      return { items: await repo.listForStudent(ctx.db, studentId, withVectors, modelId) };
    },

    add(studentId: string, body: AddEmbeddingsBody): Promise<AddEmbeddingsResult> {
      return store(studentId, checked(body.embeddings));
    },

    /** What a device learned from a confirmed recognition: judged by the server's own rules (learning.service.ts). */
    addLearned(studentId: string, body: AddLearnedEmbeddingsBody, scope: Scope, actor: Actor): Promise<AddEmbeddingsResult> {
      return learning.add(studentId, checked(body.embeddings), scope, actor);
    },

    async delete(studentId: string, embeddingId: string) {
      await writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        if (!(await repo.deleteEmbedding(trx, studentId, embeddingId))) {
          throw new ApiError('embedding-not-found', `Student ${studentId} has no embedding ${embeddingId}.`);
        }
        const classIds = await classes.classIdsOfStudent(trx, studentId);
        await changes.publish(trx, [{ entity: 'embedding', entityId: embeddingId, op: 'delete', classIds }], { studentIds: [studentId] }, at);
      });
      // As for a deleted student: the vector must not stay readable in SQLite's write-ahead log.
      await flushDeleted(ctx);
      return { ok: true as const };
    },

    // For other features, in the executor they pass.
    listForStudent: (db: Executor, studentId: string) => repo.listForStudent(db, studentId, true),
    findByIds: (db: Executor, ids: string[], modelId?: string) => repo.findByIds(db, ids, modelId),
    findByStudents: (db: Executor, studentIds: string[], modelId?: string) => repo.findByStudents(db, studentIds, modelId),
    /** How many embeddings each of these students has (none: missing from the map). */
    countsOf: (db: Executor, studentIds: readonly string[]) => repo.embeddingCounts(db, studentIds),
    /** Deletes every embedding of the student; returns their ids. */
    deleteOf: (trx: Executor, studentId: string) => repo.deleteEmbeddingsOf(trx, studentId),
    /** Deletes the embeddings of every student never asked for consent; each with its student's rosters, for the change log. */
    async deleteOfNotAsked(trx: Executor): Promise<{ id: string; classIds: string[] }[]> {
      const gone = await repo.deleteEmbeddingsOfNotAsked(trx);
      if (gone.length === 0) return [];
      const rosters = await classes.classIdsOfStudents(trx, [...new Set(gone.map((g) => g.studentId))]);
      return gone.map((g) => ({ id: g.id, classIds: rosters.get(g.studentId) ?? [] }));
    },
  };
}
export type EmbeddingsService = ReturnType<typeof embeddingsService>;
