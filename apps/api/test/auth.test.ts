// Accounts and devices: first run, sign-in with cookies, throttling, revocation, disabling,
// scoped reads and sync for teachers and devices, privacy export, retention, CORS, rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { ADMIN, dialects, freshDatabase, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

const emb = (seed: number) => ({ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(`a${seed}`) });

describe.each(dialects)('accounts and devices on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  beforeAll(async () => {
    api = await startApi(dialect, {
      throttle: { windowMs: 60_000, perPair: 3, perAccount: 3, perAddress: 50, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      corsOrigins: ['https://portal.school.example'],
      markPostsPerMinute: 1000,
    });
    for (const id of ['SA1', 'SA2', 'SB1']) await api.call('POST', '/api/students', { studentId: id, name: `Name ${id}` });
    classA = (await api.call('POST', '/api/classes', { name: 'A', studentIds: ['SA1', 'SA2'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'B', studentIds: ['SB1'] })).body.id;
    await grantConsent(api, 'SA1', 'SB1');
    await api.call('POST', '/api/students/SA1/embeddings', { embeddings: [emb(1), emb(2)] });
    await api.call('POST', '/api/students/SB1/embeddings', { embeddings: [emb(3)] });
  });
  afterAll(() => api.close());

  it('offers the first-run setup only while no admin exists', async () => {
    const { database, drop } = await freshDatabase(dialect);
    const { app, hub } = createApp({
      config: {
        cooldownSeconds: 60,
        bodyLimit: '1mb',
        webDist: null,
        logRequests: false,
        corsOrigins: [],
        retentionDays: null,
        markPostsPerMinute: 100,
        trustProxy: false,
      },
      database,
      log: () => {},
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const post = (body: unknown) =>
      fetch(`${base}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await fetch(`${base}/api/auth/setup`)).json()).toEqual({ needsAdmin: true });
    expect((await fetch(`${base}/api/students`)).status).toBe(401);
    expect((await post({ email: 'a@s.example', name: 'A', password: 'short' })).status).toBe(400);
    const [one, two] = await Promise.all([
      post({ email: 'a@s.example', name: 'A', password: 'long enough pass' }),
      post({ email: 'b@s.example', name: 'B', password: 'long enough pass' }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 403]);
    expect(await (await fetch(`${base}/api/auth/setup`)).json()).toEqual({ needsAdmin: false });
    hub.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await database.close();
    await drop();
  });

  it('signs in with an HttpOnly SameSite cookie and signs out', async () => {
    const res = await api.call('POST', '/api/auth/sign-in', { email: 'ADMIN@school.example', password: ADMIN.password }, { token: null });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/rollcall_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie } })).body.actor.kind).toBe('user');
    await api.call('POST', '/api/auth/sign-out', undefined, { token: null, headers: { cookie } });
    expect((await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie } })).status).toBe(401);
  });

  it('throttles failed sign-ins per account, even for the right password, with Retry-After', async () => {
    await api.call('POST', '/api/users', { email: 'victim@s.example', name: 'V', role: 'teacher', password: 'the right password' });
    for (let i = 0; i < 3; i++) {
      const bad = await api.call('POST', '/api/auth/sign-in', { email: 'victim@s.example', password: `guess ${i}` }, { token: null });
      expect(bad.status).toBe(401);
      expect(bad.body.error).toEqual({ code: 'unauthenticated', message: 'Wrong email or password.', details: { reason: 'wrong-credentials' } });
    }
    const locked = await api.call('POST', '/api/auth/sign-in', { email: 'victim@s.example', password: 'the right password' }, { token: null });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate-limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // An unknown email answers exactly like a wrong password.
    const unknown = await api.call('POST', '/api/auth/sign-in', { email: 'nobody@s.example', password: 'whatever' }, { token: null });
    expect(unknown.body.error).toEqual({ code: 'unauthenticated', message: 'Wrong email or password.', details: { reason: 'wrong-credentials' } });
  });

  it('stops a revoked device token at once', async () => {
    const device = await api.device([classA]);
    expect((await api.call('GET', '/api/sync?since=0', undefined, { token: device.token })).status).toBe(200);
    expect((await api.call('DELETE', `/api/devices/${device.id}`)).status).toBe(200);
    const after = await api.call('GET', '/api/sync?since=0', undefined, { token: device.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect((await api.call('GET', '/api/devices')).body.items.find((d: { id: string }) => d.id === device.id).revoked).toBe(true);
    expect((await api.call('GET', '/api/students', undefined, { token: 'rcd_forged' })).status).toBe(401);
    expect((await api.call('GET', '/api/students', undefined, { headers: { authorization: 'Basic abc' }, token: null })).status).toBe(401);
  });

  it('ends sessions and tokens of a disabled account, and protects the last admin', async () => {
    const teacher = await api.teacher([classA]);
    expect((await api.call('GET', '/api/students', undefined, { token: teacher.token })).status).toBe(200);
    await api.call('PATCH', `/api/users/${teacher.id}`, { disabled: true });
    expect((await api.call('GET', '/api/students', undefined, { token: teacher.token })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/sign-in', { email: teacher.email, password: teacher.password }, { token: null })).status).toBe(401);
    const me = (await api.call('GET', '/api/auth/me')).body.actor.user.id;
    expect((await api.call('PATCH', `/api/users/${me}`, { role: 'teacher' })).body.error.code).toBe('forbidden');
    expect((await api.call('DELETE', `/api/users/${me}`)).body.error.code).toBe('forbidden');
    expect((await api.call('POST', '/api/users', { email: ADMIN.email, name: 'Dup', role: 'teacher', password: 'long enough pass' })).body.error.code).toBe(
      'duplicate-email',
    );
  });

  it('shows a teacher only their own classes, students and marks', async () => {
    const teacher = await api.teacher([classB]);
    const as = { token: teacher.token };
    expect((await api.call('GET', '/api/classes', undefined, as)).body.items.map((c: { name: string }) => c.name)).toEqual(['B']);
    expect((await api.call('GET', '/api/students', undefined, as)).body.items.map((s: { studentId: string }) => s.studentId)).toEqual(['SB1']);
    expect((await api.call('GET', `/api/students?classId=${classA}`, undefined, as)).status).toBe(403);
    const sA = (await api.call('POST', `/api/classes/${classA}/sessions`, {})).body.id;
    await api.call('POST', '/api/attendance', {
      marks: [{ id: uuid(), studentId: 'SA1', sessionId: sA, deviceId: 'x', markedAt: new Date().toISOString(), method: 'face' }],
    });
    expect((await api.call('GET', '/api/attendance', undefined, as)).body.total).toBe(0);
    expect((await api.call('GET', `/api/attendance?sessionId=${sA}`, undefined, as)).status).toBe(403);
    const stats = await api.call('GET', '/api/stats/daily?from=2000-01-01&to=2100-01-01', undefined, as);
    expect(stats.body.days.every((d: { classId: string | null }) => d.classId === classB)).toBe(true);
    // A day mark (no session) only for a student on the teacher's roster; another's answers like an unknown id.
    const day = await api.call(
      'POST',
      '/api/attendance',
      {
        marks: [
          { id: uuid(), studentId: 'SA2', deviceId: 'x', markedAt: new Date().toISOString(), method: 'manual' },
          { id: uuid(), studentId: 'SB1', deviceId: 'x', markedAt: new Date().toISOString(), method: 'manual' },
        ],
      },
      as,
    );
    expect(day.body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual(['student-not-found', 'accepted']);
  });

  it('syncs a device only its classes, and follows roster changes and deletions', async () => {
    const device = await api.device([classA]);
    const as = { token: device.token };
    const full = (await api.call('GET', '/api/sync?since=0', undefined, as)).body;
    expect(full.students.upserted.map((s: { studentId: string }) => s.studentId).sort()).toEqual(['SA1', 'SA2']);
    expect(full.embeddings.upserted.map((e: { studentId: string }) => e.studentId)).toEqual(['SA1', 'SA1']);
    expect(full.classes.upserted.map((c: { id: string }) => c.id)).toEqual([classA]);
    // SB1 (with an old embedding) joins class A: the delta brings the student and the embedding.
    await api.call('PUT', `/api/classes/${classA}/students/SB1`);
    const delta = (await api.call('GET', `/api/sync?since=${full.revision}`, undefined, as)).body;
    expect(delta.students.upserted.map((s: { studentId: string }) => s.studentId)).toContain('SB1');
    expect(delta.embeddings.upserted.map((e: { studentId: string }) => e.studentId)).toContain('SB1');
    expect(delta.classes.upserted[0].studentIds).toContain('SB1');
    // Deleting a student reaches the device as a deletion of the student and their embeddings.
    const embIds = full.embeddings.upserted.map((e: { id: string }) => e.id);
    await api.call('DELETE', '/api/students/SA1');
    const gone = (await api.call('GET', `/api/sync?since=${delta.revision}`, undefined, as)).body;
    expect(gone.students.deleted).toContain('SA1');
    expect(gone.embeddings.deleted.sort()).toEqual(embIds.sort());
    // A device cannot read a student outside its classes (told, as for an unknown id, that none exists).
    await api.call('POST', '/api/students', { studentId: 'SX', name: 'Elsewhere' });
    expect((await api.call('GET', '/api/students/SX', undefined, as)).status).toBe(404);
  });

  it('exports everything stored about a student, and purges by retention', async () => {
    await api.call('POST', '/api/students', { studentId: 'EXP', name: 'Export Me', email: 'exp@s.example' });
    await api.call('PUT', `/api/classes/${classB}/students/EXP`);
    await grantConsent(api, 'EXP');
    await api.call('POST', '/api/students/EXP/embeddings', { embeddings: [emb(50)] });
    const markId = uuid();
    await api.call('POST', '/api/attendance', { marks: [{ id: markId, studentId: 'EXP', deviceId: 'x', markedAt: '2020-01-06T08:00:00Z', method: 'manual' }] });
    await api.call('PATCH', `/api/attendance/${markId}`, { status: 'excused', reason: 'note' });
    const out = (await api.call('GET', '/api/students/EXP/export')).body;
    expect(out.student).toMatchObject({ studentId: 'EXP', email: 'exp@s.example' });
    expect(out.classes.map((c: { name: string }) => c.name)).toEqual(['B']);
    expect(out.embeddings).toHaveLength(1);
    expect(typeof out.embeddings[0].vector).toBe('string');
    expect(out.marks.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([[markId, 'excused']]);
    expect(out.audit).toHaveLength(1);
    // No retention configured here: purge deletes nothing.
    expect((await api.call('POST', '/api/admin/purge')).body).toEqual({ marksDeleted: 0, auditDeleted: 0, before: null });
  });

  it('answers CORS only for the configured origin', async () => {
    const ok = await fetch(`${api.base}/api/health`, { headers: { origin: 'https://portal.school.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://portal.school.example');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await fetch(`${api.base}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.base}/api/attendance`, {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.school.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });
});

describe.each(dialects)('limits and retention on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect, { markPostsPerMinute: 3, retentionDays: 30 });
    await api.call('POST', '/api/students', { studentId: 'R1', name: 'R' });
  });
  afterAll(() => api.close());

  it('rate-limits mark posting per caller with Retry-After', async () => {
    const post = (token?: string | null) =>
      api.call(
        'POST',
        '/api/attendance',
        { marks: [{ id: uuid(), studentId: 'R1', deviceId: 'x', markedAt: '2019-01-01T00:00:00Z', method: 'manual' }] },
        token === undefined ? {} : { token },
      );
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another caller has its own allowance.
    const device = await api.device([(await api.call('POST', '/api/classes', { name: 'R', studentIds: ['R1'] })).body.id]);
    expect((await post(device.token)).status).toBe(200);
  });

  it('purges marks older than the retention period', async () => {
    const before = await api.call('GET', '/api/attendance?studentId=R1');
    expect(before.body.total).toBeGreaterThan(0);
    const purged = (await api.call('POST', '/api/admin/purge')).body;
    expect(purged.marksDeleted).toBe(before.body.total);
    expect((await api.call('GET', '/api/attendance?studentId=R1')).body.total).toBe(0);
  });
});
