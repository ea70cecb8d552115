// SQL for biometric consent's history of changes and the counts and lists read beside it; the
// current status is a column of the student row (students.repository).
import { randomUUID } from 'node:crypto';
import { ConsentOnBehalfOf, ConsentStatus, type ConsentRecord } from '@rollcall/contracts';
import type { Selectable } from 'kysely';
import type { ConsentHistoryTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
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

/** A class's students (its roster, by name) with their latest consent record: the printable list. */
export async function classList(db: Executor, students: readonly { studentId: string; name: string; consentStatus: string }[]) {
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
