// SQL for biometric consent: the current status on the student row and the history of changes.
import { randomUUID } from 'node:crypto';
import { ConsentOnBehalfOf, ConsentStatus, type ConsentCounts, type ConsentRecord } from '@rollcall/contracts';
import type { Selectable } from 'kysely';
import type { ConsentHistoryTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import { classIdsOfStudents, consentStatusesByClass, rosterStudentsOf } from '../classes/classes.repository.ts';
import { toIso } from '../../shared/time.ts';

type HistoryRow = Selectable<ConsentHistoryTable>;

function toRecord(r: HistoryRow): ConsentRecord {
  return {
    id: r.id,
    studentId: r.student_id,
    status: ConsentStatus.parse(r.status),
    onBehalfOf: r.on_behalf_of === null ? null : ConsentOnBehalfOf.parse(r.on_behalf_of),
    note: r.note,
    recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
    embeddingsDeleted: Number(r.embeddings_deleted),
    at: toIso(Number(r.at)),
  };
}

export async function historyOf(db: Executor, studentId: string, order: 'asc' | 'desc'): Promise<ConsentRecord[]> {
  const rows = await db.selectFrom('consent_history').selectAll().where('student_id', '=', studentId).orderBy('at', order).orderBy('id', order).execute();
  return rows.map(toRecord);
}

/** The current status of each of these students that exists. */
export async function statusesOf(db: Executor, studentIds: string[]): Promise<Map<string, ConsentStatus>> {
  const out = new Map<string, ConsentStatus>();
  for (let i = 0; i < studentIds.length; i += 1000) {
    const rows = await db
      .selectFrom('students')
      .select(['student_id', 'consent_status'])
      .where('student_id', 'in', studentIds.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.student_id, ConsentStatus.parse(r.consent_status));
  }
  return out;
}

export async function setStatus(db: Executor, studentId: string, status: ConsentStatus, at: number): Promise<void> {
  await db.updateTable('students').set({ consent_status: status, updated_at: at }).where('student_id', '=', studentId).execute();
}

export async function appendHistory(
  db: Executor,
  r: {
    studentId: string;
    status: ConsentStatus;
    onBehalfOf: string | null;
    note: string | null;
    by: { id: string | null; name: string };
    embeddingsDeleted: number;
  },
  at: number,
): Promise<void> {
  await db
    .insertInto('consent_history')
    .values({
      id: randomUUID(),
      student_id: r.studentId,
      status: r.status,
      on_behalf_of: r.onBehalfOf,
      note: r.note,
      recorded_by: r.by.id,
      recorded_by_name: r.by.name,
      embeddings_deleted: r.embeddingsDeleted,
      at,
    })
    .execute();
}

/** Deletes every face embedding of a student (enrolled or learned) and says which went. */
export async function deleteEmbeddingsOf(db: Executor, studentId: string): Promise<string[]> {
  const ids = (await db.selectFrom('face_embeddings').select('id').where('student_id', '=', studentId).execute()).map((r) => r.id);
  if (ids.length) await db.deleteFrom('face_embeddings').where('student_id', '=', studentId).execute();
  return ids;
}

/**
 * Deletes the face embeddings of every student not asked for consent (the policy has just come to
 * require it); says which went, each with the rosters of its student, for the change log.
 */
export async function deleteEmbeddingsOfNotAsked(db: Executor): Promise<{ id: string; classIds: string[] }[]> {
  const rows = await db
    .selectFrom('face_embeddings as e')
    .innerJoin('students as s', 's.student_id', 'e.student_id')
    .select(['e.id', 'e.student_id'])
    .where('s.consent_status', '=', 'not-asked')
    .execute();
  if (rows.length === 0) return [];
  const studentIds = [...new Set(rows.map((r) => r.student_id))];
  const rosters = await classIdsOfStudents(db, studentIds);
  for (let i = 0; i < studentIds.length; i += 1000) {
    await db
      .deleteFrom('face_embeddings')
      .where('student_id', 'in', studentIds.slice(i, i + 1000))
      .execute();
  }
  return rows.map((r) => ({ id: r.id, classIds: rosters.get(r.student_id) ?? [] }));
}

/** Students whose status is "not asked": the ones a change of the consent policy moves in or out of camera-free. */
export async function notAskedIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('students').select('student_id').where('consent_status', '=', 'not-asked').execute()).map((r) => r.student_id);
}

export const emptyCounts = (): ConsentCounts => ({ 'not-asked': 0, granted: 0, refused: 0, withdrawn: 0 });

export async function countsBy(db: Executor) {
  const total = emptyCounts();
  const rows = await db
    .selectFrom('students')
    .select(['consent_status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('consent_status')
    .execute();
  for (const r of rows) total[ConsentStatus.parse(r.consent_status)] += Number(r.n);
  const perClass = await consentStatusesByClass(db);
  const classes = new Map<string, { id: string; name: string; counts: ConsentCounts }>();
  for (const r of perClass) {
    const entry = classes.get(r.id) ?? { id: r.id, name: r.name, counts: emptyCounts() };
    classes.set(r.id, entry);
    if (r.consent_status) entry.counts[ConsentStatus.parse(r.consent_status)] += Number(r.n);
  }
  return { total, classes: [...classes.values()] };
}

/** A class's students with their latest consent record, by name (the printable list). */
export async function classList(db: Executor, classId: string) {
  const students = (await rosterStudentsOf(db, [classId])).get(classId)!;
  const latest = new Map<string, HistoryRow>();
  const ids = students.map((s) => s.studentId);
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('consent_history')
      .selectAll()
      .where('student_id', 'in', ids.slice(i, i + 1000))
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const r of rows) latest.set(r.student_id, r);
  }
  return students.map((s) => {
    const last = latest.get(s.studentId);
    return {
      studentId: s.studentId,
      name: s.name,
      status: ConsentStatus.parse(s.consentStatus),
      onBehalfOf: last?.on_behalf_of ? ConsentOnBehalfOf.parse(last.on_behalf_of) : null,
      note: last?.note ?? null,
      recordedAt: last ? toIso(Number(last.at)) : null,
    };
  });
}
