// A district seeded by an earlier run (`--keep`), measured again without paying for the seed: its
// shape is read back from the tables and checked, and the callers the measurements need get fresh
// tokens (the seed keeps only the tokens' hashes). Each run changes one school (100 changes), so
// the measured school is the first one no earlier run has touched.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import type { Seeded } from './seed.ts';
import { CLASSES_PER_SCHOOL, EMBEDDINGS_PER_STUDENT, shapeOf, type Shape } from './shape.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SCHOOL_SIZE = CLASSES_PER_SCHOOL * 25;

async function rows<T>(conn: Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [out] = await conn.query(sql, params);
  return out as T[];
}
const count = async (conn: Connection, table: string) => Number((await rows<{ n: number }>(conn, `SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

/** Reads the district's shape back and refuses a database that is not a whole seeded district. */
export async function reuseDistrict(
  conn: Connection,
  asked: { students?: number; days?: number; changedSchoolWillDo?: boolean },
): Promise<{ shape: Shape; seeded: Seeded; school: number }> {
  const fail = (why: string): never => {
    throw new Error(`--database: not a district this bench seeded (${why})`);
  };
  const top = (await rows<{ id: string | null }>(conn, "SELECT MAX(student_id) AS id FROM students WHERE student_id LIKE 'D%'"))[0]!.id;
  if (!top) fail('no seeded students');
  const days = (await rows<{ day: string }>(conn, 'SELECT DISTINCT day FROM class_sessions ORDER BY day')).map((r) => String(r.day));
  if (days.length === 0) fail('no sessions');
  const shape = shapeOf(Number(top!.slice(1)) + 1, days.length);
  if (asked.students !== undefined && asked.students !== shape.students) fail(`it holds ${shape.students} students, --students says ${asked.students}`);
  if (asked.days !== undefined && asked.days !== shape.days) fail(`it holds ${shape.days} days, --days says ${asked.days}`);

  const counted: Record<string, number> = {};
  for (const t of ['students', 'classes', 'class_students', 'face_embeddings', 'change_log', 'users', 'api_tokens', 'class_sessions', 'attendance_marks'])
    counted[t] = await count(conn, t);
  if (counted.classes !== shape.classes) fail(`${counted.classes} classes, not ${shape.classes}`);
  if (counted.class_sessions !== shape.classes * shape.days) fail(`${counted.class_sessions} sessions, not ${shape.classes * shape.days}`);
  // Each earlier run deleted 10 students of one school (marks kept) and added and deleted 40 embeddings.
  const slack = 40 * shape.schools;
  const within = (n: number, want: number, below: number, above: number) => n >= want - below && n <= want + above;
  if (!within(counted.students!, shape.students, 10 * shape.schools, 0)) fail(`${counted.students} students, not about ${shape.students}`);
  if (!within(counted.face_embeddings!, shape.students * EMBEDDINGS_PER_STUDENT, slack, slack)) fail(`${counted.face_embeddings} embeddings`);
  if (counted.attendance_marks !== shape.students * shape.days) fail(`${counted.attendance_marks} marks, not ${shape.students * shape.days}`);

  const classIds = (await rows<{ id: string }>(conn, "SELECT id FROM classes WHERE name LIKE 'School %' ORDER BY name")).map((r) => r.id);
  const admin = (await rows<{ id: string }>(conn, "SELECT id FROM users WHERE email = 'admin@district.example'"))[0];
  if (!admin) fail('no district admin');

  // A school is untouched while it has every student, none renamed, and all their embeddings.
  const perSchool = await rows<{ school: number; n: number; renamed: number; embeddings: number }>(
    conn,
    `SELECT FLOOR(CAST(SUBSTRING(s.student_id, 2) AS UNSIGNED) / ${SCHOOL_SIZE}) AS school, COUNT(*) AS n,
            SUM(s.name LIKE 'Renamed %') AS renamed, SUM(e.n) AS embeddings
       FROM students s LEFT JOIN (SELECT student_id, COUNT(*) AS n FROM face_embeddings GROUP BY student_id) e ON e.student_id = s.student_id
      WHERE s.student_id LIKE 'D%' GROUP BY school ORDER BY school`,
  );
  const size = (s: number) => Math.min(SCHOOL_SIZE, shape.students - s * SCHOOL_SIZE);
  const untouched = perSchool.find(
    (r) => Number(r.n) === size(Number(r.school)) && Number(r.renamed) === 0 && Number(r.embeddings) === size(Number(r.school)) * EMBEDDINGS_PER_STUDENT,
  );
  // The statistics alone make no changes and read one school's as its head: a changed one will do.
  if (!untouched && !asked.changedSchoolWillDo) fail('every school was changed by an earlier run');
  const school = untouched ? Number(untouched.school) : 0;
  const schoolClassIds = classIds.slice(school * CLASSES_PER_SCHOOL, (school + 1) * CLASSES_PER_SCHOOL);
  const head = (await rows<{ id: string }>(conn, 'SELECT id FROM users WHERE email = ?', [`head${school}@district.example`]))[0];
  if (!head) fail(`no head of school ${school + 1}`);

  const now = Date.now();
  const token = async (kind: 'personal' | 'device', name: string, userId: string | null, forClasses: string[] = []) => {
    const secret = (kind === 'device' ? 'rcd_' : 'rcp_') + randomBytes(32).toString('base64url');
    const id = randomUUID();
    await conn.query(
      'INSERT INTO api_tokens (id, kind, token_hash, name, user_id, created_by, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)',
      [id, kind, sha256(secret), name, userId, admin!.id, now],
    );
    for (const c of forClasses) await conn.query('INSERT INTO device_classes (token_id, class_id) VALUES (?, ?)', [id, c]);
    return secret;
  };
  const schoolEntry: Seeded['schools'][number] = {
    headToken: await token('personal', 'district bench (reused)', head!.id),
    schoolLaptopToken: await token('device', `Office laptop, school ${school + 1} (reused)`, null, schoolClassIds),
    classLaptopToken: await token('device', 'Class laptop (bench, reused)', null, [schoolClassIds[0]!]),
    classIds: schoolClassIds,
  };
  // The measurements read schools[0]: the untouched school stands there (`school` says which it is).
  const schools: Seeded['schools'] = [schoolEntry];
  console.log(`  reusing the seeded district; measuring school ${school + 1}${untouched ? ' (the first no earlier run has changed)' : ''}`);
  return {
    shape,
    school,
    seeded: {
      classIds,
      studentIds: [],
      days,
      adminToken: await token('personal', 'district bench (reused)', admin!.id),
      schools,
      rows: counted,
    },
  };
}
