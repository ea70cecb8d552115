// Invariants that hold across tables in a database the API wrote: what a restored backup (or a
// hand-edited database) must satisfy before the API is put back in front of a school. Foreign keys
// enforce most links while the API runs, but a restore loads with them switched off.
import { sql, type Kysely } from 'kysely';
import { CONSENT_STATUSES, MarkMethod, MarkStatus } from '@rollcall/contracts';
import type { DB } from '../../db/schema.ts';
import { appliedUnknown, migrationLevel } from '../../db/migrator.ts';

export type ProblemCode =
  | 'migration-pending'
  | 'migration-unknown'
  | 'orphan-row'
  | 'consent-status-stale'
  | 'face-data-without-consent'
  | 'embedding-size'
  | 'sync-state-missing'
  | 'sync-log-gap'
  | 'mark-invalid'
  | 'code-defaults'
  | 'reason-code-unknown'
  | 'no-admin';

export interface Problem {
  code: ProblemCode;
  /** What is wrong, in a sentence an operator can act on. */
  message: string;
  /** How many rows (or values) are affected. */
  count: number;
  /** A few of the ids concerned, to look them up. */
  sample: string[];
}

const SAMPLE = 5;

/**
 * The links the migrations declare as foreign keys (child column → parent key). Attendance marks,
 * their audit and the notice outbox are left out on purpose: marks outlive a deleted student or
 * session (a retired id keeps its records), and the audit and notices outlive their mark.
 */
const LINKS = [
  ['face_embeddings', 'student_id', 'students', 'student_id'],
  ['class_students', 'class_id', 'classes', 'id'],
  ['class_students', 'student_id', 'students', 'student_id'],
  ['class_sessions', 'class_id', 'classes', 'id'],
  ['class_teachers', 'class_id', 'classes', 'id'],
  ['class_teachers', 'user_id', 'users', 'id'],
  ['auth_sessions', 'user_id', 'users', 'id'],
  ['api_tokens', 'user_id', 'users', 'id'],
  ['device_classes', 'token_id', 'api_tokens', 'id'],
  ['device_classes', 'class_id', 'classes', 'id'],
  ['consent_history', 'student_id', 'students', 'student_id'],
  ['device_pairings', 'token_id', 'api_tokens', 'id'],
  ['class_periods', 'class_id', 'classes', 'id'],
  ['class_covers', 'class_id', 'classes', 'id'],
  ['class_covers', 'user_id', 'users', 'id'],
  ['guardians', 'student_id', 'students', 'student_id'],
  ['notice_outbox', 'student_id', 'students', 'student_id'],
] as const;

type Check = (db: Kysely<DB>) => Promise<Problem[]>;

const problem = (code: ProblemCode, message: string, values: readonly string[], count = values.length): Problem => ({
  code,
  message,
  count,
  sample: values.slice(0, SAMPLE),
});

const migrations: Check = async (db) => {
  const out: Problem[] = [];
  const unknown = await appliedUnknown(db);
  if (unknown.length)
    out.push(problem('migration-unknown', 'Migrations this build does not know are recorded: a newer build migrated this database.', unknown));
  const level = await migrationLevel(db);
  if (level.pending)
    out.push(problem('migration-pending', `${level.pending} migration(s) of this build are not applied (at ${level.current ?? 'none'}).`, [], level.pending));
  return out;
};

const orphans: Check = async (db) => {
  const out: Problem[] = [];
  for (const [child, column, parent, key] of LINKS) {
    const { rows } = await sql<{ v: string }>`
      select distinct c.${sql.ref(column)} as v from ${sql.table(child)} c
      left join ${sql.table(parent)} p on p.${sql.ref(key)} = c.${sql.ref(column)}
      where c.${sql.ref(column)} is not null and p.${sql.ref(key)} is null`.execute(db);
    if (rows.length)
      out.push(
        problem(
          'orphan-row',
          `${child}.${column} names ${parent} that do not exist.`,
          rows.map((r) => String(r.v)),
        ),
      );
  }
  return out;
};

/** students.consent_status is a copy of the latest consent record (not-asked when there is none). */
const consent: Check = async (db) => {
  const history = await db.selectFrom('consent_history').select(['student_id', 'status']).orderBy('at').orderBy('id').execute();
  const latest = new Map(history.map((h) => [h.student_id, h.status]));
  const students = await db.selectFrom('students').select(['student_id', 'consent_status']).execute();
  const stale = students.filter((s) => s.consent_status !== (latest.get(s.student_id) ?? 'not-asked')).map((s) => s.student_id);
  const out: Problem[] = [];
  if (stale.length) out.push(problem('consent-status-stale', "A student's consent status differs from their latest consent record.", stale));
  const unknown = history.filter((h) => !(CONSENT_STATUSES as readonly string[]).includes(h.status)).map((h) => h.student_id);
  if (unknown.length) out.push(problem('consent-status-stale', 'Consent records hold a status the API does not know.', unknown));
  // Refusing or withdrawing consent deletes the face data at once; none may be left.
  const held = await db
    .selectFrom('face_embeddings as e')
    .innerJoin('students as s', 's.student_id', 'e.student_id')
    .select('e.id')
    .where('s.consent_status', 'in', ['refused', 'withdrawn'])
    .execute();
  if (held.length)
    out.push(
      problem(
        'face-data-without-consent',
        'Face embeddings are stored for students whose consent was refused or withdrawn.',
        held.map((r) => r.id),
      ),
    );
  return out;
};

/** A vector is `dim` float32 values: anything else was cut or mangled (a dump taken without --hex-blob, say). */
const embeddings: Check = async (db) => {
  const { rows } = await sql<{ id: string }>`select id from face_embeddings where dim <= 0 or length(vector) <> dim * 4`.execute(db);
  return rows.length
    ? [
        problem(
          'embedding-size',
          'Face embeddings whose stored bytes do not match their dimension.',
          rows.map((r) => r.id),
        ),
      ]
    : [];
};

/** Devices sync by revision: the change log must hold every revision from 1 to the counter, or a device skips changes. */
const syncLog: Check = async (db) => {
  const state = await db.selectFrom('sync_state').select('revision').where('id', '=', 1).executeTakeFirst();
  if (!state) return [problem('sync-state-missing', 'The sync counter (sync_state row 1) is missing.', [])];
  const log = await db
    .selectFrom('change_log')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('revision').as('lo'), eb.fn.max('revision').as('hi')])
    .executeTakeFirstOrThrow();
  const [n, lo, hi, revision] = [Number(log.n), Number(log.lo ?? 0), Number(log.hi ?? 0), Number(state.revision)];
  const whole = n === 0 ? revision === 0 : lo === 1 && hi === revision && n === revision;
  if (whole) return [];
  return [
    problem(
      'sync-log-gap',
      `The change log holds ${n} revisions from ${lo} to ${hi}, but the sync counter is at ${revision}: devices would miss or repeat changes.`,
      [],
      Math.abs(revision - n) || 1,
    ),
  ];
};

const marks: Check = async (db) => {
  const rows = await db
    .selectFrom('attendance_marks')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', 'not in', MarkStatus.options),
        eb('method', 'not in', MarkMethod.options),
        eb(sql`length(marked_day)`, '<>', 10),
        eb.and([eb('session_id', 'is not', null), eb('class_id', 'is', null)]),
      ]),
    )
    .execute();
  return rows.length
    ? [
        problem(
          'mark-invalid',
          'Attendance marks with an unknown status or method, a malformed day, or a session but no class.',
          rows.map((r) => r.id),
        ),
      ]
    : [];
};

/** A chosen code set has one default code per status, and every absence reason gives a listed code. */
const codes: Check = async (db) => {
  const rows = await db.selectFrom('attendance_codes').select(['code', 'status', 'is_default']).execute();
  const reasons = await db.selectFrom('absence_reasons').select(['label', 'code']).execute();
  const out: Problem[] = [];
  if (rows.length) {
    const wrong = MarkStatus.options.filter((s) => rows.filter((r) => r.status === s && Number(r.is_default) === 1).length !== 1);
    if (wrong.length) out.push(problem('code-defaults', 'Statuses without exactly one default attendance code.', wrong));
  }
  const listed = new Set(rows.map((r) => r.code.toLowerCase()));
  const unknown = reasons.filter((r) => !listed.has(r.code.toLowerCase())).map((r) => r.label);
  if (unknown.length) out.push(problem('reason-code-unknown', 'Absence reasons name a code that is not in the code set.', unknown));
  return out;
};

const admins: Check = async (db) => {
  const users = await db.selectFrom('users').select(['id', 'role', 'disabled_at']).execute();
  if (users.length === 0 || users.some((u) => u.role === 'admin' && u.disabled_at === null)) return [];
  return [problem('no-admin', 'There are accounts but no enabled admin: nobody could manage the school.', [])];
};

const CHECKS: Check[] = [orphans, consent, embeddings, syncLog, marks, codes, admins];

/** Every problem found; an empty list means the database is consistent. Reads only. */
export async function checkConsistency(db: Kysely<DB>): Promise<Problem[]> {
  const out = await migrations(db);
  // Behind this build's schema, the other checks would fail on missing tables and columns rather than report.
  if (out.some((p) => p.code === 'migration-pending')) return out;
  for (const check of CHECKS) out.push(...(await check(db)));
  return out;
}
