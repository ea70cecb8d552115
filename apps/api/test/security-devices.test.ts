// Classroom devices against the security probe: a device a teacher registered acts for that
// teacher (their classes only, gone with their account, and the list says who registered it), a
// teacher removes only laptops of their own classes, the device cookie carries a device token
// only, pairing rows do not outlive their code, and a right code is never locked out by someone
// guessing from the same address. Both databases.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceTeacher from '../src/db/migrations/0009_device_teacher.ts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

describe.each(dialects)('device security on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let sessionA: string;
  let sessionB: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'DA1', name: 'Ada Class-A' });
    await api.call('POST', '/api/students', { studentId: 'DB1', name: 'Bea Class-B' });
    classA = (await api.call('POST', '/api/classes', { name: 'Devices A', studentIds: ['DA1'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Devices B', studentIds: ['DB1'] })).body.id;
    sessionA = (await api.call('POST', `/api/classes/${classA}/sessions`, {})).body.id;
    sessionB = (await api.call('POST', `/api/classes/${classB}/sessions`, {})).body.id;
  });
  afterAll(() => api.close());

  const markOf = (token: string, studentId: string, sessionId: string) =>
    api.call(
      'POST',
      '/api/attendance',
      { marks: [{ id: uuid(), studentId, sessionId, deviceId: 'probe', markedAt: new Date().toISOString(), method: 'manual', status: 'present' }] },
      { token },
    );
  const registerAs = async (token: string, classIds: string[]) => {
    const res = await api.call('POST', '/api/devices', { name: `Laptop ${uuid().slice(0, 6)}`, classIds }, { token });
    expect(res.status).toBe(201);
    return res.body as { token: string; device: { id: string }; pairing: { code: string } };
  };

  it('keeps a device a teacher registered to the classes that teacher still teaches', async () => {
    const teacher = await api.teacher([classA, classB]);
    const device = await registerAs(teacher.token, [classA, classB]);
    const sync = async () => (await api.call('GET', '/api/sync?since=0', undefined, { token: device.token })).body;
    expect((await sync()).students.upserted.map((s: { studentId: string }) => s.studentId).sort()).toEqual(['DA1', 'DB1']);

    await api.call('PATCH', `/api/users/${teacher.id}`, { classIds: [classA] });
    expect((await sync()).students.upserted.map((s: { studentId: string }) => s.studentId)).toEqual(['DA1']);
    expect((await api.call('GET', `/api/classes/${classB}/students`, undefined, { token: device.token })).status).toBe(403);
    expect((await markOf(device.token, 'DB1', sessionB)).body.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect((await markOf(device.token, 'DA1', sessionA)).body.results[0].status).toBe('accepted');
    const me = await api.call('GET', '/api/auth/me', undefined, { token: device.token });
    expect(me.body.actor.device.classIds).toEqual([classA]);
  });

  it('says who registered each device, and ends a teacher’s devices when the teacher is disabled or deleted', async () => {
    const disabled = await api.teacher([classA]);
    const gone = await api.teacher([classA]);
    const ofDisabled = await registerAs(disabled.token, [classA]);
    const ofGone = await registerAs(gone.token, [classA]);
    const ofAdmin = await registerAs(api.adminToken, [classA]);
    // A new password leaves the teacher's laptops paired.
    expect((await api.call('PATCH', `/api/users/${disabled.id}`, { password: 'another teacher password 456' })).status).toBe(200);
    expect((await api.call('GET', '/api/auth/me', undefined, { token: ofDisabled.token })).status).toBe(200);

    await api.call('PATCH', `/api/users/${disabled.id}`, { disabled: true });
    expect((await api.call('GET', '/api/auth/me', undefined, { token: ofDisabled.token })).status).toBe(401);
    expect((await markOf(ofDisabled.token, 'DA1', sessionA)).status).toBe(401);

    expect((await api.call('DELETE', `/api/users/${gone.id}`)).status).toBe(200);
    expect((await api.call('GET', '/api/sync?since=0', undefined, { token: ofGone.token })).status).toBe(401);
    // An admin's device serves on whatever happens to teachers.
    expect((await api.call('GET', '/api/auth/me', undefined, { token: ofAdmin.token })).status).toBe(200);

    const listed = (await api.call('GET', '/api/devices')).body.items as { id: string; revoked: boolean; createdBy: { id: string; name: string } | null }[];
    expect(listed.find((d) => d.id === ofDisabled.device.id)).toMatchObject({
      revoked: true,
      createdBy: { id: disabled.id, name: expect.stringMatching(/^Teacher /) },
    });
    expect(listed.find((d) => d.id === ofAdmin.device.id)?.createdBy).toEqual({ id: expect.any(String), name: 'Head Admin' });
    expect(listed.map((d) => d.id)).not.toContain(ofGone.device.id);
  });

  it('links a device a teacher registered before migration 0009 to that teacher, and leaves an admin’s alone', async () => {
    const teacher = await api.teacher([classA]);
    const ofTeacher = await registerAs(teacher.token, [classA]);
    const ofAdmin = await registerAs(api.adminToken, [classA]);
    const db = api.database.db;
    // As such rows were before 0009: a creator, but acting for no one.
    await db.updateTable('api_tokens').set({ user_id: null }).where('id', 'in', [ofTeacher.device.id, ofAdmin.device.id]).execute();
    await deviceTeacher.up(db);
    const rows = await db.selectFrom('api_tokens').select(['id', 'user_id']).where('id', 'in', [ofTeacher.device.id, ofAdmin.device.id]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.user_id]))).toEqual({ [ofTeacher.device.id]: teacher.id, [ofAdmin.device.id]: null });
    await api.call('PATCH', `/api/users/${teacher.id}`, { disabled: true });
    expect((await api.call('GET', '/api/auth/me', undefined, { token: ofTeacher.token })).status).toBe(401);
  });

  it('lets a teacher remove a laptop of their own classes only, or one they registered', async () => {
    const teacherA = await api.teacher([classA]);
    const shared = await api.device([classA, classB]);
    const res = await api.call('DELETE', `/api/devices/${shared.id}`, undefined, { token: teacherA.token });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('ask an admin') });
    expect((await api.call('GET', '/api/auth/me', undefined, { token: shared.token })).status).toBe(200);

    const own = await api.device([classA]);
    expect((await api.call('DELETE', `/api/devices/${own.id}`, undefined, { token: teacherA.token })).status).toBe(200);
  });

  it('takes only a device token from the device cookie', async () => {
    const asCookie = (token: string) => api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie: `rollcall_device=${token}` } });
    expect((await asCookie(api.adminToken)).status).toBe(401);
    const device = await api.device([classA]);
    expect((await asCookie(device.token)).body.actor.kind).toBe('device');
  });

  it('keeps no pairing row past its code, and no code as a fast hash', async () => {
    const db = api.database.db;
    const stale = await api.device([classA]);
    await db
      .insertInto('device_pairings')
      .values({ code_hash: 'f'.repeat(64), token_id: stale.id, sealed_token: 'sealed', expires_at: Date.now() - 1 })
      .execute();
    const created = await registerAs(api.adminToken, [classA]);
    const rows = await db.selectFrom('device_pairings').selectAll().execute();
    expect(rows.map((r) => r.code_hash)).not.toContain('f'.repeat(64));

    const mine = rows.find((r) => r.token_id === created.device.id)!;
    const code = created.pairing.code.replace('-', '');
    for (const fast of [code, `rollcall-pairing\u0000${code}`]) expect(mine.code_hash).not.toBe(createHash('sha256').update(fast).digest('hex'));

    expect((await api.call('POST', '/api/devices/pair', { code }, { token: null })).status).toBe(200);
    expect(await db.selectFrom('device_pairings').selectAll().where('token_id', '=', created.device.id).execute()).toEqual([]);
  });

  it('lets the right code pair after wrong guesses from the same address, which are told to wait', async () => {
    const { pairing, device } = await registerAs(api.adminToken, [classA]);
    const pair = (code: string) => api.call('POST', '/api/devices/pair', { code }, { token: null });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await pair('ZZZZ-ZZZZ')).status);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const res = await pair(pairing.code);
    expect(res.status).toBe(200);
    expect(res.body.device.id).toBe(device.id);
  });
});
