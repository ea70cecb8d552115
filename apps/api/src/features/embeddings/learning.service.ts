// Rules for learned embeddings, enforced here whatever the device says: a learned face must be a
// new view of a student an admin enrolled, seen at an accepted mark the caller made of that student
// a little earlier. The browser applies the same rules (contracts' learning.ts) before it sends;
// these hold when it does not. Enrolment stays the admin's: learning only adds views close to the
// enrolment photos, never the first face of a student.
import { createHash, randomUUID } from 'node:crypto';
import { bytesToFloat32, LEARN_RULES, learningRefusal, type AddEmbeddingsResult, type LearnedFrom, type LearningRefusal } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Actor, Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import type { AttendanceService } from '../attendance/attendance.service.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import { assertMayHoldFaceData } from '../consent/face-data.ts';
import { flushDeleted } from '../privacy/erasure.ts';
import type { SchoolSettingsService } from '../privacy/school-settings.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import type { Change, ChangesService } from '../sync/changes.service.ts';
import * as repo from './embeddings.repository.ts';

/** A laptop's clock may run a little ahead of the server's; a sighting further ahead is refused. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** A mark and the frames learned from it come from the same moment on the same device. */
const SAME_SIGHTING_MS = 2 * 60_000;
/** Learning follows its mark at once (after the outbox sent it); an older mark no longer vouches for a face. */
const MARK_RECEIVED_WITHIN_MS = 30 * 60_000;

const REFUSAL_TEXT: Record<LearningRefusal, string> = {
  'no-enrolment': 'the student has no enrolment photo for this model, and only an admin enrols a face',
  'unlike-student': "the face is not close enough to the student's enrolment photos",
  'close-to-classmate': 'the face is too close to a classmate to be sure whose it is',
  'near-copy': 'the student already holds a near-copy of this face',
  'no-sighting': 'there is no recent accepted mark of the student by you at the time it was seen',
  'sighted-in-future': 'it was seen later than now',
};

const refuse = (studentId: string, index: number, reason: LearningRefusal): never => {
  throw new ApiError('learning-refused', `Embedding ${index} for student ${studentId} was not learned: ${REFUSAL_TEXT[reason]}.`, { index, reason });
};

export interface CheckedLearned {
  modelId: string;
  dim: number;
  quality: number;
  /** Unit-length little-endian float32. */
  bytes: Uint8Array;
  learned: LearnedFrom;
}

/** What embeddings and learning use of other features. */
export interface EmbeddingsDeps {
  attendance: AttendanceService;
  changes: ChangesService;
  classes: ClassesService;
  settings: SchoolSettingsService;
  studentRows: StudentRowsService;
}

export function learningService(ctx: ServiceContext, deps: EmbeddingsDeps) {
  const { attendance, changes, classes, studentRows } = deps;
  /** How the caller's marks confirm this sighting, or null: a camera mark first, else a confirmed review. */
  const verifiedHow = async (trx: Executor, studentId: string, actor: Actor, sightedAt: number, now: number) => {
    const methods = await attendance.sightingMarks(trx, {
      studentId,
      markedBy: actor.id,
      from: sightedAt - SAME_SIGHTING_MS,
      to: sightedAt + SAME_SIGHTING_MS,
      receivedSince: now - MARK_RECEIVED_WITHIN_MS,
    });
    if (methods.has('face')) return 'clear-mark' as const;
    if (methods.has('manual')) return 'review-confirmed' as const;
    return null;
  };

  return {
    /**
     * All or nothing. A vector already held is a duplicate (a resend). When the student's learned
     * embeddings of the model are at the cap, the oldest make room: a new view that passed every
     * rule is worth more than the one seen longest ago, and a full gallery must not stop learning.
     */
    add(studentId: string, items: CheckedLearned[], scope: Scope, actor: Actor): Promise<AddEmbeddingsResult> {
      const now = ctx.now();
      items.forEach((i, index) => {
        if (Date.parse(i.learned.sightedAt) > now + CLOCK_SKEW_MS) refuse(studentId, index, 'sighted-in-future');
      });
      // Where it was seen is the caller, never what the caller says (a teacher could name any laptop otherwise).
      const recordedAs = actor.kind === 'device' ? actor.id : `user:${actor.id}`.slice(0, 36);
      const outcome = withRetry(3, () =>
        writeTransaction(ctx, async (trx) => {
          const at = ctx.now();
          if (!(await studentRows.lock(trx, [studentId])).has(studentId)) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
          await classes.assertStudentInScope(trx, studentId, scope);
          await assertMayHoldFaceData(trx, studentId, deps);
          const results: AddEmbeddingsResult['results'] = [];
          const created: string[] = [];
          const removed: string[] = [];
          for (const modelId of new Set(items.map((i) => i.modelId))) {
            const own = await repo.vectorsOf(trx, [studentId], modelId);
            const mates = await classes.rosterMatesOf(trx, studentId, scope.all ? [] : [...scope.classIds]);
            const rivals = (await repo.vectorsOf(trx, mates, modelId)).map((r) => r.vector);
            const enrolled = own.filter((r) => r.origin === 'photo').map((r) => r.vector);
            const held = own.map((r) => r.vector);
            const learned = own.filter((r) => r.origin === 'sighting').map((r) => r.id);
            const hashes = new Map<string, string>();
            for (const [hash, id] of await repo.findBySourceHashes(
              trx,
              studentId,
              modelId,
              items.map((i) => createHash('sha256').update(i.bytes).digest('hex')),
            ))
              hashes.set(hash, id);
            for (const [index, item] of items.entries()) {
              if (item.modelId !== modelId) continue;
              const sourceHash = createHash('sha256').update(item.bytes).digest('hex');
              const existing = hashes.get(sourceHash);
              if (existing) {
                results[index] = { id: existing, status: 'duplicate', sourceHash };
                continue;
              }
              const sightedAt = Date.parse(item.learned.sightedAt);
              const how = await verifiedHow(trx, studentId, actor, sightedAt, at);
              if (!how) return refuse(studentId, index, 'no-sighting');
              const vector = bytesToFloat32(item.bytes)!;
              const why = learningRefusal(vector, { enrolled, held, rivals }, LEARN_RULES[how]);
              if (why) return refuse(studentId, index, why);
              if (learned.length >= LEARN_RULES[how].perStudent) removed.push(learned.shift()!);
              const id = randomUUID();
              await repo.insertEmbedding(trx, {
                id,
                student_id: studentId,
                model_id: modelId,
                dim: item.dim,
                vector: item.bytes,
                quality: item.quality,
                source_hash: sourceHash,
                created_at: at,
                origin: 'sighting',
                learned_device: recordedAs,
                learned_how: how,
                sighted_at: sightedAt,
              });
              held.push(vector);
              learned.push(id);
              hashes.set(sourceHash, id);
              created.push(id);
              results[index] = { id, status: 'created', sourceHash };
            }
          }
          await repo.deleteEmbeddings(trx, studentId, removed);
          if (created.length || removed.length) {
            const classIds = removed.length ? await classes.classIdsOfStudent(trx, studentId) : [];
            const changed: Change[] = [
              ...removed.map((id): Change => ({ entity: 'embedding', entityId: id, op: 'delete', classIds })),
              ...created.map((id): Change => ({ entity: 'embedding', entityId: id, op: 'upsert' })),
            ];
            await changes.publish(trx, changed, { studentIds: [studentId] }, at);
          }
          return { results, removed: removed.length };
        }),
      );
      return outcome.then(async ({ results, removed }) => {
        // A replaced face must not stay readable in SQLite's write-ahead log.
        if (removed) await flushDeleted(ctx);
        return { results };
      });
    },
  };
}
