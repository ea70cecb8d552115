// Rules for biometric consent. Refusal or withdrawal deletes the student's face data in the same
// transaction as the record, and tells every device through the change log (embeddings deleted,
// the student upserted as camera-free) and the live event. The history is the audit: who, when,
// on whose behalf, and how many embeddings went. The student stays on every roster.
import {
  cameraFreeFor,
  ConsentStatus,
  isConsentStop,
  type BulkConsentBody,
  type BulkConsentResult,
  type ConsentChange,
  type ConsentCounts,
  type StudentConsent,
} from '@rollcall/contracts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../http/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EmbeddingsService } from '../embeddings/embeddings.service.ts';
import { flushDeleted } from '../privacy/erasure.ts';
import type { SchoolSettingsService } from '../privacy/school-settings.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import type { Change, ChangesService } from '../sync/changes.service.ts';
import type { UsersService } from '../users/users.service.ts';
import * as repo from './consent.repository.ts';

interface Applied {
  studentId: string;
  status: ConsentStatus;
  deletedIds: string[];
  /** The student's rosters: only their devices hear of the deletion (sync is scoped per class). */
  classIds: string[];
}

const emptyCounts = (): ConsentCounts => ({ 'not-asked': 0, granted: 0, refused: 0, withdrawn: 0 });

export interface ConsentDeps {
  changes: ChangesService;
  classes: ClassesService;
  embeddings: EmbeddingsService;
  settings: SchoolSettingsService;
  studentRows: StudentRowsService;
  users: UsersService;
}

export function consentService(ctx: ServiceContext, { changes, classes, embeddings, settings, studentRows, users }: ConsentDeps) {
  const recorder = async (db: Executor, actor: Actor) =>
    actor.kind === 'user' ? { id: actor.id, name: (await users.nameOf(db, actor.id)) ?? 'unknown user' } : { id: null, name: `device ${actor.name}` };

  /** Writes one change (status, history, deletion); the caller records the sync changes for all at once. */
  async function applyOne(
    trx: Transaction<DB>,
    studentId: string,
    change: ConsentChange,
    by: { id: string | null; name: string },
    at: number,
  ): Promise<Applied> {
    const deletedIds = isConsentStop(change.status) ? await embeddings.deleteOf(trx, studentId) : [];
    await studentRows.setConsentStatus(trx, studentId, change.status, at);
    await repo.appendHistory(
      trx,
      { studentId, status: change.status, onBehalfOf: change.onBehalfOf ?? null, note: change.note || null, by, embeddingsDeleted: deletedIds.length },
      at,
    );
    const classIds = deletedIds.length ? await classes.classIdsOfStudent(trx, studentId) : [];
    return { studentId, status: change.status, deletedIds, classIds };
  }

  async function announce(trx: Transaction<DB>, applied: Applied[], at: number): Promise<void> {
    if (applied.length === 0) return;
    const all: Change[] = applied.flatMap((a) => [
      ...a.deletedIds.map((id): Change => ({ entity: 'embedding', entityId: id, op: 'delete', classIds: a.classIds })),
      { entity: 'student', entityId: a.studentId, op: 'upsert' } satisfies Change,
    ]);
    await changes.publish(trx, all, { studentIds: applied.map((a) => a.studentId) }, at);
  }

  /** How many students have each status, in the school and in each class. */
  async function counts(db: Executor) {
    const total = emptyCounts();
    for (const r of await studentRows.countByConsent(db)) total[ConsentStatus.parse(r.consent_status)] += Number(r.n);
    const perClass = await classes.consentStatusesByClass(db);
    const byClass = new Map<string, { id: string; name: string; counts: ConsentCounts }>();
    for (const r of perClass) {
      const entry = byClass.get(r.id) ?? { id: r.id, name: r.name, counts: emptyCounts() };
      byClass.set(r.id, entry);
      if (r.consent_status) entry.counts[ConsentStatus.parse(r.consent_status)] += Number(r.n);
    }
    return { total, classes: [...byClass.values()] };
  }

  const get = async (studentId: string): Promise<StudentConsent> => {
    const status = (await studentRows.consentStatusesOf(ctx.db, [studentId])).get(studentId);
    if (!status) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
    return {
      studentId,
      status,
      cameraFree: cameraFreeFor(status, await settings.consentRequired(ctx.db)),
      history: await repo.historyOf(ctx.db, studentId, 'desc'),
    };
  };

  return {
    get,

    async set(studentId: string, change: ConsentChange, actor: Actor): Promise<StudentConsent> {
      const applied = await withRetry(3, () =>
        writeTransaction(ctx, async (trx) => {
          const at = ctx.now();
          if (!(await studentRows.lock(trx, [studentId])).has(studentId)) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
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
          await studentRows.lock(trx, ids);
          const current = await studentRows.consentStatusesOf(trx, ids);
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
      if (classId) await classes.assertExist(ctx.db, [classId]);
      const required = await settings.consentRequired(ctx.db);
      const { total, classes: perClass } = await counts(ctx.db);
      const students = classId
        ? (await repo.classList(ctx.db, (await classes.rosterStudentsOf(ctx.db, [classId])).get(classId)!)).map((s) => ({
            ...s,
            cameraFree: cameraFreeFor(s.status, required),
          }))
        : [];
      return { counts: total, classes: perClass, students };
    },

    // For other features, in the executor they pass.
    historyOf: (db: Executor, studentId: string) => repo.historyOf(db, studentId, 'asc'),
  };
}
export type ConsentService = ReturnType<typeof consentService>;
