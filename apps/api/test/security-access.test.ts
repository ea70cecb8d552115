// Security probe, access findings: a scoped caller can neither mark nor
// learn of a student outside its rosters, and an unknown student and another class's student
// answer alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

const emb = (seed: number) => ({ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(`s${seed}`) });

describe.each(dialects)('cross-class access on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    for (const id of ['A1', 'A2', 'B1', 'B2']) await api.call('POST', '/api/students', { studentId: id, name: `Secret ${id}` });
    await grantConsent(api, 'A1', 'A2', 'B1', 'B2');
    classA = (await api.call('POST', '/api/classes', { name: 'A', studentIds: ['A1', 'A2'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'B', studentIds: ['B1', 'B2'] })).body.id;
  });
  afterAll(() => api.close());

  // Finding 1.
  it('rejects a session mark for a student not on that class roster exactly like an unknown student', async () => {
    const teacher = await api.teacher([classA]);
    const device = await api.device([classA]);
    const session = (await api.call('POST', `/api/classes/${classA}/sessions`, {}, { token: teacher.token })).body.id;
    const mark = (studentId: string) => ({ id: uuid(), studentId, sessionId: session, deviceId: 'd', markedAt: new Date().toISOString(), method: 'face' });
    for (const token of [teacher.token, device.token, api.adminToken]) {
      const res = await api.call('POST', '/api/attendance', { marks: [mark('B1'), mark('NOPE'), mark('A1')] }, { token });
      expect(res.status).toBe(200);
      const [other, unknown] = res.body.results;
      expect(other).toEqual({ id: other.id, status: 'rejected', reason: 'student-not-found' });
      expect(unknown).toEqual({ id: unknown.id, status: 'rejected', reason: 'student-not-found' });
    }
    // Nothing of B1 was stored: no name in the session's marks, and class B's own mark is not blocked by a cooldown.
    const marks = (await api.call('GET', `/api/attendance?sessionId=${session}`, undefined, { token: teacher.token })).body.items;
    expect(marks.map((m: { studentId: string }) => m.studentId)).toEqual(['A1']);
    expect(JSON.stringify(marks)).not.toContain('Secret B1');
    const sessionB = (await api.call('POST', `/api/classes/${classB}/sessions`, {})).body.id;
    const b = await api.call('POST', '/api/attendance', { marks: [{ ...mark('B1'), sessionId: sessionB }] });
    expect(b.body.results[0].status).toBe('accepted');
    // A day mark (no session) by a scoped caller answers the same for another class's student and an unknown one.
    const day = (studentId: string) => ({ id: uuid(), studentId, deviceId: 'd', markedAt: new Date().toISOString(), method: 'manual' });
    const dayRes = await api.call('POST', '/api/attendance', { marks: [day('B2'), day('NOPE2')] }, { token: teacher.token });
    expect(dayRes.body.results.map((r: { reason?: string }) => r.reason)).toEqual(['student-not-found', 'student-not-found']);
  });

  // Finding 10.
  it('answers a student of another class exactly like one that does not exist', async () => {
    const teacher = await api.teacher([classA]);
    const device = await api.device([classA]);
    for (const token of [teacher.token, device.token]) {
      const other = await api.call('GET', '/api/students/B1', undefined, { token });
      const none = await api.call('GET', '/api/students/NOBODY', undefined, { token });
      expect(other.status).toBe(404);
      expect([other.status, other.body.error.code]).toEqual([none.status, none.body.error.code]);
      expect(other.body.error.message.replace('B1', 'X')).toBe(none.body.error.message.replace('NOBODY', 'X'));
      const otherEmb = await api.call('GET', '/api/students/B1/embeddings', undefined, { token });
      const noneEmb = await api.call('GET', '/api/students/NOBODY/embeddings', undefined, { token });
      expect([otherEmb.status, otherEmb.body.error.code]).toEqual([noneEmb.status, noneEmb.body.error.code]);
    }
  });

  // Finding 10.
  it('does not send a teacher or device the deleted ids of another class', async () => {
    await api.call('POST', '/api/students', { studentId: 'B9', name: 'Gone B' });
    await api.call('POST', '/api/students', { studentId: 'A9', name: 'Gone A' });
    await api.call('PUT', `/api/classes/${classB}/students/B9`);
    await api.call('PUT', `/api/classes/${classA}/students/A9`);
    await grantConsent(api, 'B9', 'A9');
    await api.call('POST', '/api/students/B9/embeddings', { embeddings: [emb(91)] });
    await api.call('POST', '/api/students/A9/embeddings', { embeddings: [emb(92)] });
    await api.call('POST', '/api/students/A1/embeddings', { embeddings: [emb(93), emb(94)] });
    const device = await api.device([classA]);
    const teacher = await api.teacher([classA]);
    const start = (await api.call('GET', '/api/sync?since=0', undefined, { token: device.token })).body.revision;
    const a1Emb = (await api.call('GET', '/api/students/A1/embeddings')).body.items[0].id;
    const b2 = await api.call('POST', '/api/students/B2/embeddings', { embeddings: [emb(95)] });
    await api.call('DELETE', `/api/students/B2/embeddings/${b2.body.results[0].id}`);
    const b9Emb = (await api.call('GET', '/api/students/B9/embeddings')).body.items.map((e: { id: string }) => e.id);
    const a9Emb = (await api.call('GET', '/api/students/A9/embeddings')).body.items.map((e: { id: string }) => e.id);
    await api.call('DELETE', '/api/students/B9');
    await api.call('DELETE', '/api/students/A9');
    await api.call('DELETE', `/api/students/A1/embeddings/${a1Emb}`);
    await api.call('DELETE', `/api/classes/${(await api.call('POST', '/api/classes', { name: 'C' })).body.id}`);
    for (const token of [device.token, teacher.token]) {
      const delta = (await api.call('GET', `/api/sync?since=${start}`, undefined, { token })).body;
      expect(delta.students.deleted).toEqual(['A9']);
      expect(delta.embeddings.deleted.sort()).toEqual([...a9Emb, a1Emb].sort());
      // A deleted class id still goes to everyone: a device's own class leaves its scope as it is deleted.
      expect(delta.classes.deleted).toHaveLength(1);
    }
    // The admin still sees every deletion.
    const all = (await api.call('GET', `/api/sync?since=${start}`)).body;
    expect(all.students.deleted.sort()).toEqual(['A9', 'B9']);
    expect(all.embeddings.deleted).toEqual(expect.arrayContaining([...b9Emb, ...a9Emb, a1Emb]));
    expect(all.classes.deleted).toHaveLength(1);
  });
});
