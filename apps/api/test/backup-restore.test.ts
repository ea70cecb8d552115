// Backups end to end on both databases: a school's data written through the API, backed up by
// scripts/backup.sh while the API runs (the real mysqldump, or SQLite's VACUUM INTO), restored
// into a new empty database, checked by the API's own consistency check, and served by a real API
// process that gives the same answers, embeddings byte for byte. A damaged restore is named.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DFE_CODES } from '@rollcall/contracts';
import { checkConsistency } from '../src/features/system/consistency.ts';
import { emptyDatabase, startApiChild } from './api-child.ts';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type Dialect, type TestApi } from './context.ts';
import { run, urlOf } from './run-from-root.ts';

const FACEAPI = 'faceapi-resnet@1.7.15';

// Names in several scripts: the restore must keep utf8mb4 text exactly.
const NAMES = ['Ann Lee', 'José Muñoz', 'Zoë Ødegaard', 'Łucja Wąs', '李雷', 'Ngozi Okafor', 'Åsa Berg', 'Dev Shah'];

interface Seeded {
  studentIds: string[];
  classIds: string[];
  sessionId: string;
  changedMarkId: string;
}

/** A school's data through the API: students with consent and embeddings, rosters, staff, devices, guardians, codes, sessions, marks and their audit, a retired id. */
async function seed(api: TestApi): Promise<Seeded> {
  const ok = (res: { status: number; body: unknown }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown> & { id: string };
  };
  const studentIds = Array.from({ length: 24 }, (_, i) => `BK${String(i + 1).padStart(3, '0')}`);
  for (const [i, id] of studentIds.entries())
    ok(await api.call('POST', '/api/students', { studentId: id, name: `${NAMES[i % NAMES.length]} ${i + 1}` }), 'student');
  const consented = studentIds.slice(0, 20);
  await grantConsent(api, ...consented);
  ok(
    await api.call('POST', '/api/consent', { entries: studentIds.slice(20, 22).map((studentId) => ({ studentId, status: 'refused', onBehalfOf: 'parent' })) }),
    'refuse',
  );
  for (const [i, id] of consented.entries()) {
    const embeddings = [0, 1].map((k) => ({ modelId: FACEAPI, vector: vectorB64(128, i * 10 + k + 1), quality: 0.7 + k / 10, sourceHash: hash(`${id}${k}`) }));
    ok(await api.call('POST', `/api/students/${id}/embeddings`, { embeddings }), 'embeddings');
  }
  const classA = ok(await api.call('POST', '/api/classes', { name: 'Form 7B', studentIds: studentIds.slice(0, 12) }), 'class').id;
  const classB = ok(await api.call('POST', '/api/classes', { name: 'Form 8C', studentIds: studentIds.slice(12) }), 'class').id;
  const teacher = await api.teacher([classA]);
  await api.device([classB]);
  for (const id of studentIds.slice(0, 4))
    ok(
      await api.call('PUT', `/api/students/${id}/guardians`, { guardians: [{ name: `Parent of ${id}`, email: `${id.toLowerCase()}@home.example` }] }),
      'guardians',
    );
  ok(await api.call('PUT', '/api/attendance-codes', DFE_CODES), 'codes');

  const session = ok(
    await api.call('POST', `/api/classes/${classA}/sessions`, { startsAt: new Date(Date.now() - 30 * 60_000).toISOString(), lateAfterMinutes: 10 }),
    'session',
  );
  const mark = (studentId: string, over: Record<string, unknown> = {}) => ({
    id: uuid(),
    studentId,
    sessionId: session.id,
    deviceId: 'laptop-1',
    markedAt: new Date(Date.now() - 25 * 60_000).toISOString(),
    method: 'face',
    similarity: 0.91,
    ...over,
  });
  const face = studentIds.slice(0, 8).map((id) => mark(id));
  ok(await api.call('POST', '/api/attendance', { marks: face }), 'marks');
  ok(
    await api.call(
      'POST',
      '/api/attendance',
      { marks: [mark(studentIds[8]!, { method: 'manual', status: 'excused', reason: 'Dentist', similarity: null })] },
      { token: teacher.token },
    ),
    'excused',
  );
  // A change by hand: the mark and its audit entry.
  ok(await api.call('PATCH', `/api/attendance/${face[1]!.id}`, { status: 'late', reason: 'Bus was late' }), 'change');
  ok(await api.call('POST', `/api/sessions/${session.id}/end`, {}), 'end');
  // A student who left: their id retired, their marks kept as records.
  ok(await api.call('DELETE', `/api/students/${studentIds[2]}?keepMarks=true`), 'delete');
  // Consent withdrawn: the face data goes at once.
  ok(await api.call('POST', '/api/consent', { entries: [{ studentId: studentIds[5], status: 'withdrawn', onBehalfOf: 'parent' }] }), 'withdraw');
  return { studentIds, classIds: [classA, classB], sessionId: session.id, changedMarkId: face[1]!.id };
}

/** What the API answers about the seeded school, as any client sees it. */
async function answers(base: string, token: string, s: Seeded) {
  const get = async (p: string) => {
    const res = await fetch(base + p, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  // The days around now, whatever the server's zone.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const out: Record<string, unknown> = {
    register: await get(`/api/sessions/${s.sessionId}/register`),
    students: await get('/api/students'),
    classes: await get('/api/classes'),
    users: await get('/api/users'),
    codes: await get('/api/attendance-codes'),
    // serverTime is the clock of the answer, not data.
    sync: await get('/api/sync?since=0').then(({ status, body }) => ({ status, body: { ...(body as object), serverTime: null } })),
    audit: await get(`/api/attendance/${s.changedMarkId}/audit`),
  };
  for (const id of s.classIds) {
    out[`roster ${id}`] = await get(`/api/classes/${id}/students`);
    out[`registers ${id}`] = await get(`/api/registers?classId=${id}&from=${day(-1)}&to=${day(1)}`);
  }
  for (const id of s.studentIds) {
    out[`embeddings ${id}`] = await get(`/api/students/${id}/embeddings?includeVectors=true`);
    out[`consent ${id}`] = await get(`/api/students/${id}/consent`);
    out[`guardians ${id}`] = await get(`/api/students/${id}/guardians`);
  }
  return out;
}

describe.each(dialects)('backup and restore on %s', (dialect: Dialect) => {
  let api: TestApi;
  let seeded: Seeded;
  let before: Record<string, unknown>;
  let backupFile: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-backups-'));
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    api = await startApi(dialect);
    seeded = await seed(api);
    before = await answers(api.base, api.adminToken, seeded);
    // Taken while the API is up, as the nightly job does.
    const backup = await run('bash', ['scripts/backup.sh', 'backup', dir], { DATABASE_URL: await urlOf(api) });
    expect(backup.code, backup.out).toBe(0);
    backupFile = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.startsWith('rollcall-'))!,
    );
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function restored() {
    const target = await emptyDatabase(dialect);
    cleanup.push(target.drop);
    const restore = await run('bash', ['scripts/backup.sh', 'restore', backupFile], { DATABASE_URL: target.url });
    return { target, restore };
  }

  it('restores into a new database that passes the consistency check and answers as the original did', async () => {
    // The data as written is consistent to begin with (the check raises nothing the API legitimately does).
    expect(await checkConsistency(api.database.db)).toEqual([]);
    expect(path.basename(backupFile)).toMatch(dialect === 'mysql' ? /^rollcall-\d{8}T\d{6}Z\.sql\.gz$/ : /^rollcall-\d{8}T\d{6}Z\.sqlite\.gz$/);

    const { target, restore } = await restored();
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain('The database is consistent.');

    const child = await startApiChild({ DATABASE_URL: target.url });
    cleanup.push(() => child.stop());
    await child.healthy();
    expect(child.output()).not.toContain('Applied migrations');
    const after = await answers(child.base, api.adminToken, seeded);
    expect(after).toEqual(before);
    // The comparison is worth something only if the school was really there.
    const embeddings = after[`embeddings ${seeded.studentIds[0]}`] as { status: number; body: { items: { vector: string }[] } };
    expect(embeddings.body.items).toHaveLength(2);
    expect(Buffer.from(embeddings.body.items[0]!.vector, 'base64')).toHaveLength(128 * 4);
    // Eleven on the roster, and the retired student's kept mark.
    const register = after.register as { body: { rows: { status: string }[] } };
    expect(register.body.rows.map((r) => r.status).sort()).toEqual(['absent', 'absent', 'absent', 'excused', 'late', ...Array(7).fill('present')]);
    expect((after[`registers ${seeded.classIds[0]}`] as { body: { items: unknown[] } }).body.items).toHaveLength(1);
  });

  it('refuses to restore over a database that has tables', async () => {
    const again = await run('bash', ['scripts/backup.sh', 'restore', backupFile], { DATABASE_URL: await urlOf(api) });
    expect(again.code).toBe(2);
    expect(again.out).toMatch(dialect === 'mysql' ? /already has \d+ tables: restore into a new, empty one/ : /exists: stop the API and move it aside/);
  });

  it('names what a damaged restore lacks: orphans, cut vectors, a gap in the change log', async () => {
    const { target, restore } = await restored();
    expect(restore.code, restore.out).toBe(0);
    const database = target.open();
    cleanup.push(() => database.close());
    await database.db.connection().execute(async (conn) => {
      // As a restore does, without the foreign keys that would stop these.
      await sql.raw(dialect === 'mysql' ? 'set foreign_key_checks = 0' : 'pragma foreign_keys = off').execute(conn);
      await conn.deleteFrom('students').where('student_id', '=', seeded.studentIds[0]!).execute();
      const one = await conn.selectFrom('face_embeddings').select('id').where('student_id', '=', seeded.studentIds[1]!).executeTakeFirstOrThrow();
      await conn
        .updateTable('face_embeddings')
        .set({ vector: new Uint8Array(100) })
        .where('id', '=', one.id)
        .execute();
      await conn.deleteFrom('change_log').where('revision', '=', 3).execute();
    });
    const check = await run(process.execPath, ['--import', 'tsx', 'apps/api/src/check.ts', '--json'], { DATABASE_URL: target.url });
    expect(check.code).toBe(1);
    const { problems } = JSON.parse(check.out) as { problems: { code: string; message: string; sample: string[] }[] };
    expect(problems.map((p) => p.code).sort()).toEqual(['embedding-size', 'orphan-row', 'orphan-row', 'orphan-row', 'orphan-row', 'sync-log-gap']);
    expect(problems.filter((p) => p.code === 'orphan-row').map((p) => p.message.split(' ')[0])).toEqual([
      'face_embeddings.student_id',
      'class_students.student_id',
      'consent_history.student_id',
      'guardians.student_id',
    ]);
    for (const p of problems.filter((p) => p.code === 'orphan-row')) expect(p.sample).toEqual([seeded.studentIds[0]]);
  });
});
