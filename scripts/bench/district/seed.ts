// Fills a migrated database with a district straight through SQL: multi-row INSERTs of 1,000 rows
// in one transaction, through Kysely on either dialect (through the API it would take hours). Rows
// are what the API itself writes: the same columns, vectors as little-endian float32 blobs,
// device tokens stored as sha256 of the token, one change-log revision per student, class and
// embedding, and a term of ended sessions whose every roster student has a mark.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../../apps/api/src/db/database.ts';
import type { DB } from '../../../apps/api/src/db/schema.ts';
import type { Executor } from '../../../apps/api/src/shared/context.ts';
import { CLASS_SIZE, DIM, EMBEDDINGS_PER_STUDENT, MODEL_ID, classesOfSchool, schoolDays, type Shape } from './shape.ts';

const CHUNK = 1_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Ids and tokens the measurements need. */
export interface Seeded {
  classIds: string[];
  studentIds: string[];
  days: string[];
  adminToken: string;
  /** Per school: a head teacher on all its classes (school-scoped staff), a laptop for all of them, and a laptop for its first class. */
  schools: { headToken: string; schoolLaptopToken: string; classLaptopToken: string; classIds: string[] }[];
  rows: Record<string, number>;
}

export const studentId = (i: number) => `D${String(i).padStart(6, '0')}`;
const className = (c: number) => `School ${String(Math.floor(c / 40) + 1).padStart(2, '0')} / Form ${String((c % 40) + 1).padStart(2, '0')}`;

/** A random unit vector as the API stores it: float32, little-endian. */
function unitVectorBytes(): Buffer {
  const v = new Float32Array(DIM);
  let norm = 0;
  for (let i = 0; i < DIM; i++) {
    // Sum of uniforms: close enough to a Gaussian for a direction with no preferred axis.
    const x = Math.random() + Math.random() + Math.random() - 1.5;
    v[i] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < DIM; i++) v[i] = v[i]! / norm;
  return Buffer.from(v.buffer);
}

/** A row of a table by its column names (the database checks the values). */
type Row<T extends keyof DB> = { [K in keyof DB[T]]?: unknown };

/** Buffers rows and sends them 1,000 to a statement. */
function inserter<T extends keyof DB>(db: Executor, table: T, counts: Record<string, number>) {
  let rows: Row<T>[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    // Checked by column name in `add`; Kysely cannot narrow its value types for a generic table name.
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
    counts[table] = (counts[table] ?? 0) + rows.length;
    rows = [];
  };
  return {
    async add(row: Row<T>) {
      rows.push(row);
      if (rows.length >= CHUNK) await flush();
    },
    flush,
  };
}

/** Statuses of a term, in the proportions of an ordinary school: most present, a few late, excused or absent. */
function statusOf(r: number): 'present' | 'late' | 'excused' | 'absent' {
  if (r < 0.9) return 'present';
  if (r < 0.94) return 'late';
  if (r < 0.96) return 'excused';
  return 'absent';
}

export async function seedDistrict(db: Database['db'], shape: Shape, now: number): Promise<Seeded> {
  return db.transaction().execute(async (trx) => seed(trx, shape, now));
}

async function seed(db: Executor, shape: Shape, now: number): Promise<Seeded> {
  const rows: Record<string, number> = {};
  const days = schoolDays(new Date(now), shape.days);
  const classIds = Array.from({ length: shape.classes }, () => randomUUID());
  const studentIds = Array.from({ length: shape.students }, (_, i) => studentId(i));
  const at = now - 200 * 86_400_000;
  const rosterOf = (c: number) => studentIds.slice(c * CLASS_SIZE, (c + 1) * CLASS_SIZE);

  // Students, rosters and embeddings, each with its change-log revision as the API writes them.
  let revision = 0;
  const log = inserter(db, 'change_log', rows);
  const students = inserter(db, 'students', rows);
  for (const id of studentIds) {
    await students.add({ student_id: id, name: `Student ${id}`, email: null, created_at: at, updated_at: at, consent_status: 'granted' });
    await log.add({ revision: ++revision, entity: 'student', entity_id: id, op: 'upsert', at, class_id: null });
  }
  await students.flush();
  const classes = inserter(db, 'classes', rows);
  const members = inserter(db, 'class_students', rows);
  for (let c = 0; c < shape.classes; c++) {
    await classes.add({ id: classIds[c], name: className(c), created_at: at, updated_at: at });
    await log.add({ revision: ++revision, entity: 'class', entity_id: classIds[c], op: 'upsert', at, class_id: null });
  }
  await classes.flush();
  for (let c = 0; c < shape.classes; c++) for (const s of rosterOf(c)) await members.add({ class_id: classIds[c], student_id: s });
  await members.flush();
  const embeddings = inserter(db, 'face_embeddings', rows);
  for (const id of studentIds)
    for (let k = 0; k < EMBEDDINGS_PER_STUDENT; k++) {
      const eid = randomUUID();
      await embeddings.add({
        id: eid,
        student_id: id,
        model_id: MODEL_ID,
        dim: DIM,
        vector: unitVectorBytes(),
        quality: 0.8 + Math.random() * 0.2,
        source_hash: randomBytes(32).toString('hex'),
        created_at: at,
        origin: 'photo',
        learned_device: null,
        learned_how: null,
        sighted_at: null,
      });
      await log.add({ revision: ++revision, entity: 'embedding', entity_id: eid, op: 'upsert', at, class_id: null });
    }
  await embeddings.flush();
  await log.flush();
  await db.updateTable('sync_state').set({ revision }).where('id', '=', 1).execute();

  // Accounts: an admin, a teacher per class, a head per school on all its classes. Nobody signs in
  // with a password here: each caller the bench needs gets a personal or device token.
  const users = inserter(db, 'users', rows);
  const user = (id: string, email: string, name: string, role: 'admin' | 'teacher') =>
    users.add({ id, email, name, role, password_hash: '!district-bench', disabled_at: null, created_at: at, updated_at: at });
  const adminId = randomUUID();
  const teacherIds = classIds.map(() => randomUUID());
  const headIds = Array.from({ length: shape.schools }, () => randomUUID());
  await user(adminId, 'admin@district.example', 'District Admin', 'admin');
  for (let c = 0; c < shape.classes; c++) await user(teacherIds[c]!, `teacher${c}@district.example`, `Teacher ${c}`, 'teacher');
  for (let s = 0; s < shape.schools; s++) await user(headIds[s]!, `head${s}@district.example`, `Head of school ${s + 1}`, 'teacher');
  await users.flush();
  const teaches = inserter(db, 'class_teachers', rows);
  for (let c = 0; c < shape.classes; c++) await teaches.add({ class_id: classIds[c], user_id: teacherIds[c] });
  for (let s = 0; s < shape.schools; s++) for (const c of classesOfSchool(shape, s)) await teaches.add({ class_id: classIds[c], user_id: headIds[s] });
  await teaches.flush();

  const tokens = inserter(db, 'api_tokens', rows);
  const grants: { token_id: string; class_id: string }[] = [];
  const token = async (kind: 'personal' | 'device', name: string, userId: string | null, forClasses: string[] = []) => {
    const secret = (kind === 'device' ? 'rcd_' : 'rcp_') + randomBytes(32).toString('base64url');
    const id = randomUUID();
    await tokens.add({
      id,
      kind,
      token_hash: sha256(secret),
      name,
      user_id: userId,
      created_by: adminId,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    });
    for (const c of forClasses) grants.push({ token_id: id, class_id: c });
    return secret;
  };
  const adminToken = await token('personal', 'district bench', adminId);
  // Every classroom has its laptop, registered by its teacher (so it acts for the teacher).
  for (let c = 0; c < shape.classes; c++) await token('device', `Laptop ${className(c)}`, teacherIds[c]!, [classIds[c]!]);
  const schools: Seeded['schools'] = [];
  for (let s = 0; s < shape.schools; s++) {
    const ids = classesOfSchool(shape, s).map((c) => classIds[c]!);
    schools.push({
      headToken: await token('personal', 'district bench', headIds[s]!),
      // The office laptop, registered by the admin for every class of the school.
      schoolLaptopToken: await token('device', `Office laptop, school ${s + 1}`, null, ids),
      // A laptop for the school's first class alone, registered by the admin.
      classLaptopToken: await token('device', 'Class laptop (bench)', null, [ids[0]!]),
      classIds: ids,
    });
  }
  await tokens.flush();
  const deviceClasses = inserter(db, 'device_classes', rows);
  for (const g of grants) await deviceClasses.add(g);
  await deviceClasses.flush();

  // The term: one registration session a class each school day, 08:45 to 09:15 UTC, late after 10
  // minutes, ended with the register's "End" (so every student not seen has an absent mark).
  const sessions = inserter(db, 'class_sessions', rows);
  const marks = inserter(db, 'attendance_marks', rows);
  for (const day of days) {
    const starts = Date.parse(`${day}T08:45:00Z`);
    const ends = starts + 30 * 60_000;
    for (let c = 0; c < shape.classes; c++) {
      const sid = randomUUID();
      await sessions.add({
        id: sid,
        class_id: classIds[c],
        starts_at: starts,
        ends_at: ends,
        late_after_minutes: 10,
        day,
        created_at: starts,
        period_id: null,
      });
      for (const student of rosterOf(c)) {
        const status = statusOf(Math.random());
        const seen = status === 'present' || status === 'late';
        const markedAt =
          status === 'present'
            ? starts + Math.floor(Math.random() * 9 * 60_000)
            : status === 'late'
              ? starts + 11 * 60_000 + Math.floor(Math.random() * 240_000)
              : ends;
        await marks.add({
          id: randomUUID(),
          student_id: student,
          session_id: sid,
          class_id: classIds[c],
          device_id: seen ? `laptop-${c}` : 'register',
          marked_at: markedAt,
          marked_day: day,
          marked_offset: 0,
          received_at: markedAt + 1_000,
          similarity: seen ? 0.9 + Math.random() * 0.1 : null,
          method: seen ? 'face' : status === 'excused' ? 'manual' : 'session-end',
          status,
          reason: status === 'excused' ? 'Illness' : null,
          marked_by: teacherIds[c],
          marked_by_name: `Teacher ${c}`,
        });
      }
    }
    // Sessions before their marks: the bench reads registers, and a mark without its session would be an orphan.
    await sessions.flush();
  }
  await sessions.flush();
  await marks.flush();
  return { classIds, studentIds, days, adminToken, schools, rows };
}

/** The student indexes of a school, for changes made inside it. */
export const studentsOfSchool = (shape: Shape, school: number): number[] =>
  classesOfSchool(shape, school)
    .flatMap((c) => Array.from({ length: CLASS_SIZE }, (_, i) => c * CLASS_SIZE + i))
    .filter((s) => s < shape.students);
