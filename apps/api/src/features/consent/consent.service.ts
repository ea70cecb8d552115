// Rules for biometric consent. Refusal or withdrawal deletes the student's face data in the same
// transaction as the record, and tells every device through the change log (embeddings deleted,
// the student upserted as camera-free) and the live event. The history is the audit: who, when,
// on whose behalf, and how many embeddings went. The student stays on every roster.
import {
  cameraFreeFor,
  isConsentStop,
  type BulkConsentBody,
  type BulkConsentResult,
  type ConsentChange,
  type ConsentStatus,
  type StudentConsent,
} from '@rollcall/contracts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../http/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import { assertClassesExist } from '../classes/classes-exist.ts';
import { classIdsOfStudent } from '../classes/classes.repository.ts';
import { appendEvents } from '../events/events.repository.ts';
import { flushDeleted } from '../privacy/erasure.ts';
import { isConsentRequired } from '../privacy/settings.service.ts';
import { consentStatusesOf, lockStudents, setConsentStatus } from '../students/students.repository.ts';
import { deleteEmbeddingsOf } from '../embeddings/embeddings.repository.ts';
import { recordChanges, type Change } from '../sync/changes.repository.ts';
import { userNameOf } from '../users/users.repository.ts';
import * as repo from './consent.repository.ts';

/**
 * Refuses face data for a student whose consent does not allow it. Called inside the transaction
 * that adds the data, after the student's row is locked, so a withdrawal cannot slip between.
 */
export async function assertMayHoldFaceData(db: Executor, studentId: string): Promise<void> {
  const status = (await consentStatusesOf(db, [studentId])).get(studentId);
  if (!status) return; // the caller reports the unknown student
  if (!cameraFreeFor(status, await isConsentRequired(db))) return;
  const why = isConsentStop(status)
    ? `consent was ${status}: face data may not be stored for this student; they are registered by hand`
    : "no biometric consent is recorded for this student; record it on the student's page (Privacy) first, or register them by hand";
  throw new ApiError('consent-required', `Student ${studentId}: ${why}.`, { studentId, status });
}

const recorder = async (db: Executor, actor: Actor) =>
  actor.kind === 'user' ? { id: actor.id, name: (await userNameOf(db, actor.id)) ?? 'unknown user' } : { id: null, name: `device ${actor.name}` };

interface Applied {
  studentId: string;
  status: ConsentStatus;
  deletedIds: string[];
  /** The student's rosters: only their devices hear of the deletion (sync is scoped per class). */
  classIds: string[];
}

/** Writes one change (status, history, deletion); the caller records the sync changes for all at once. */
async function applyOne(trx: Transaction<DB>, studentId: string, change: ConsentChange, by: { id: string | null; name: string }, at: number): Promise<Applied> {
  const deletedIds = isConsentStop(change.status) ? await deleteEmbeddingsOf(trx, studentId) : [];
  await setConsentStatus(trx, studentId, change.status, at);
  await repo.appendHistory(
    trx,
    { studentId, status: change.status, onBehalfOf: change.onBehalfOf ?? null, note: change.note || null, by, embeddingsDeleted: deletedIds.length },
    at,
  );
  const classIds = deletedIds.length ? await classIdsOfStudent(trx, studentId) : [];
  return { studentId, status: change.status, deletedIds, classIds };
}

async function announce(trx: Transaction<DB>, applied: Applied[], at: number): Promise<void> {
  if (applied.length === 0) return;
  const changes: Change[] = applied.flatMap((a) => [
    ...a.deletedIds.map((id): Change => ({ entity: 'embedding', entityId: id, op: 'delete', classIds: a.classIds })),
    { entity: 'student', entityId: a.studentId, op: 'upsert' } satisfies Change,
  ]);
  const revision = await recordChanges(trx, changes, at);
  await appendEvents(trx, [{ type: 'roster.changed', revision, studentIds: applied.map((a) => a.studentId), classIds: [] }], at);
}

export function consentService(ctx: ServiceContext) {
  const get = async (studentId: string): Promise<StudentConsent> => {
    const status = (await consentStatusesOf(ctx.db, [studentId])).get(studentId);
    if (!status) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
    return { studentId, status, cameraFree: cameraFreeFor(status, await isConsentRequired(ctx.db)), history: await repo.historyOf(ctx.db, studentId, 'desc') };
  };

  return {
    get,

    async set(studentId: string, change: ConsentChange, actor: Actor): Promise<StudentConsent> {
      const applied = await withRetry(3, () =>
        writeTransaction(ctx, async (trx) => {
          const at = ctx.now();
          if (!(await lockStudents(trx, ctx.dialect, [studentId])).has(studentId)) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
          const a = await applyOne(trx, studentId, change, await recorder(trx, actor), at);
          await announce(trx, [a], at);
          return a;
        }),
      );
      // The deleted vectors must not wait in SQLite's write-ahead log for a later checkpoint.
      if (applied.deletedIds.length) await flushDeleted(ctx);
      return get(studentId);
    },

    /** A status equal to the current one records nothing (a re-imported CSV changes nothing). */
    async bulk(body: BulkConsentBody, actor: Actor): Promise<BulkConsentResult> {
      const result = await withRetry(3, () =>
        writeTransaction(ctx, async (trx) => {
          const at = ctx.now();
          const ids = body.entries.map((e) => e.studentId);
          await lockStudents(trx, ctx.dialect, ids);
          const current = await consentStatusesOf(trx, ids);
          const by = await recorder(trx, actor);
          const applied: Applied[] = [];
          const results: BulkConsentResult['results'] = [];
          for (const { studentId, ...change } of body.entries) {
            const now = current.get(studentId);
            if (now === undefined) {
              results.push({ studentId, outcome: 'not-found', status: null, embeddingsDeleted: 0 });
            } else if (now === change.status) {
              results.push({ studentId, outcome: 'unchanged', status: now, embeddingsDeleted: 0 });
            } else {
              const a = await applyOne(trx, studentId, change, by, at);
              current.set(studentId, change.status);
              applied.push(a);
              results.push({ studentId, outcome: 'recorded', status: a.status, embeddingsDeleted: a.deletedIds.length });
            }
          }
          await announce(trx, applied, at);
          return { results };
        }),
      );
      if (result.results.some((r) => r.embeddingsDeleted > 0)) await flushDeleted(ctx);
      return result;
    },

    async report(classId: string | undefined) {
      if (classId) await assertClassesExist(ctx.db, [classId]);
      const required = await isConsentRequired(ctx.db);
      const { total, classes } = await repo.countsBy(ctx.db);
      const students = classId ? (await repo.classList(ctx.db, classId)).map((s) => ({ ...s, cameraFree: cameraFreeFor(s.status, required) })) : [];
      return { counts: total, classes, students };
    },
  };
}
