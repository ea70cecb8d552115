// A small district seeded as the district bench seeds it (two "schools": blocks of 40 and 2
// classes; there is no school in the data model), on both databases: a school's laptop pulls its
// own classes' students and embeddings and nobody else's, its pull after changes brings exactly
// those changes, the statistics of a school's head and of the admin count the seeded marks, and
// the district indexes exist once the migrations have run.
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, routes } from '@rollcall/contracts';
import { fetchTransport, MemorySyncTarget, pullSync } from '@rollcall/sync';
import { createApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { seedDistrict, studentId, type Seeded } from '../../../scripts/bench/district/seed.ts';
import { CLASS_SIZE, EMBEDDINGS_PER_STUDENT, MODEL_ID, shapeOf } from '../../../scripts/bench/district/shape.ts';
import { dialects, freshDatabase } from './context.ts';

const SHAPE = shapeOf(42 * CLASS_SIZE, 2);

describe.each(dialects)('a district on %s', (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let seeded: Seeded;
  let base: string;
  let close: () => Promise<void>;
  const pull = (token: string, target = new MemorySyncTarget()) =>
    pullSync(fetchTransport({ baseUrl: base, token }), target, { modelId: MODEL_ID, limit: 1_000 }).then(() => target);
  const as = (token: string) => createClient(routes, { baseUrl: base, token });

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    seeded = await seedDistrict(database.db, SHAPE, Date.now());
    const { app, hub, notices } = createApp({
      config: {
        cooldownSeconds: 60,
        bodyLimit: '1mb',
        webDist: null,
        logRequests: false,
        corsOrigins: [],
        retentionDays: null,
        markPostsPerMinute: 100_000,
        trustProxy: false,
      },
      database,
      validateResponses: true,
      log: () => {},
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      hub.stop();
      await notices.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    };
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
    await drop?.();
  });

  it("gives a school's laptop its own classes, students and embeddings, and no other school's", async () => {
    const [first, second] = seeded.schools;
    const target = await pull(first!.schoolLaptopToken);
    const own = seeded.studentIds.slice(0, 40 * CLASS_SIZE);
    expect([...target.classes.keys()].sort()).toEqual([...first!.classIds].sort());
    expect([...target.students.keys()].sort()).toEqual(own);
    expect(target.embeddings.size).toBe(own.length * EMBEDDINGS_PER_STUDENT);
    expect(new Set([...target.embeddings.values()].map((e) => e.studentId))).toEqual(new Set(own));
    // The vectors arrive as stored: 1,024 float32 values.
    expect(Buffer.from([...target.embeddings.values()][0]!.vector, 'base64').byteLength).toBe(4096);

    const other = await pull(second!.schoolLaptopToken);
    expect([...other.students.keys()].sort()).toEqual(seeded.studentIds.slice(40 * CLASS_SIZE));
    const one = await pull(first!.classLaptopToken);
    expect([...one.students.keys()].sort()).toEqual(own.slice(0, CLASS_SIZE));
  });

  it("brings a school's changes to its laptop and none to another school's", async () => {
    const [first, second] = seeded.schools;
    const mine = await pull(first!.schoolLaptopToken);
    const theirs = await pull(second!.schoolLaptopToken);
    const before = theirs.revision;
    const admin = as(seeded.adminToken);
    await admin.updateStudent({ params: { studentId: studentId(3) }, body: { name: 'Renamed Three' } });
    const gone = (await admin.listEmbeddings({ params: { studentId: studentId(4) } })).items[0]!.id;
    await admin.deleteEmbedding({ params: { studentId: studentId(4), embeddingId: gone } });
    await admin.deleteStudent({ params: { studentId: studentId(5) }, query: { keepMarks: 'true' } });

    await pull(first!.schoolLaptopToken, mine);
    expect(mine.students.get(studentId(3))?.name).toBe('Renamed Three');
    expect(mine.embeddings.has(gone)).toBe(false);
    expect(mine.students.has(studentId(5))).toBe(false);
    expect(mine.students.size).toBe(40 * CLASS_SIZE - 1);

    await pull(second!.schoolLaptopToken, theirs);
    expect(theirs.revision).toBeGreaterThan(before);
    expect(theirs.students.size).toBe(2 * CLASS_SIZE);
    expect(theirs.students.has(studentId(3))).toBe(false);
  });

  it("counts a school's term for its head and the district's for the admin, as the seeded marks say", async () => {
    const [first] = seeded.schools;
    const range = { from: seeded.days[0]!, to: seeded.days.at(-1)! };
    const counted = async (classIds: readonly string[]) => {
      const rows = await database.db
        .selectFrom('attendance_marks')
        .select(['status', sql<number>`count(*)`.as('n')])
        .where('class_id', 'in', classIds)
        .where('marked_day', '>=', range.from)
        .where('marked_day', '<=', range.to)
        .where('student_id', 'in', (eb) => eb.selectFrom('class_students').select('student_id'))
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    };
    const sum = (days: { classId: string | null; present: number; late: number; excused: number; absent: number }[]) =>
      days
        .filter((d) => d.classId !== null)
        .reduce((t, d) => ({ present: t.present + d.present, late: t.late + d.late, excused: t.excused + d.excused, absent: t.absent + d.absent }), {
          present: 0,
          late: 0,
          excused: 0,
          absent: 0,
        });
    const { present = 0, late = 0, excused = 0, absent = 0 } = await counted(first!.classIds);

    const school = (await as(first!.headToken).stats({ query: range })).days;
    expect(new Set(school.map((d) => d.classId))).toEqual(new Set(first!.classIds));
    expect(school.every((d) => d.sessions === 1)).toBe(true);
    expect(sum(school)).toEqual({ present, late, excused, absent });

    const district = (await as(seeded.adminToken).stats({ query: range })).days;
    expect(district.filter((d) => d.classId !== null)).toHaveLength(seeded.classIds.length * seeded.days.length);
    const all = await counted(seeded.classIds);
    expect(sum(district)).toEqual({ present: all.present ?? 0, late: all.late ?? 0, excused: all.excused ?? 0, absent: all.absent ?? 0 });

    const rates = (await as(first!.headToken).attendanceRates({ query: range })).items;
    expect(rates.map((r) => r.studentId).sort()).toEqual(
      [
        ...(await database.db.selectFrom('class_students').select('student_id').where('class_id', 'in', first!.classIds).execute()).map((r) => r.student_id),
      ].sort(),
    );
    expect(rates.every((r) => r.sessions === seeded.days.length)).toBe(true);
  });

  it('has the district indexes after the migrations', async () => {
    const names =
      dialect === 'mysql'
        ? (
            await sql<{
              name: string;
            }>`SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'class_sessions'`.execute(
              database.db,
            )
          ).rows
        : (await sql<{ name: string }>`SELECT name FROM pragma_index_list('class_sessions')`.execute(database.db)).rows;
    expect(names.map((r) => r.name)).toContain('class_sessions_day');
  });
});
