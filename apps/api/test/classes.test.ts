// Classes, rosters and sessions on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

describe.each(dialects)('classes and sessions on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
    for (const id of ['A1', 'A2', 'A3']) await api.call('POST', '/api/students', { studentId: id, name: `Name ${id}` });
  });
  afterAll(() => api.close());

  it('creates, renames, lists and deletes classes; names are unique', async () => {
    const c = await api.call('POST', '/api/classes', { name: 'Biology 7B', studentIds: ['A1', 'A2', 'A1'] });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ name: 'Biology 7B', studentCount: 2 });
    expect((await api.call('POST', '/api/classes', { name: 'Biology 7B' })).body.error.code).toBe('duplicate-class-name');
    const other = await api.call('POST', '/api/classes', { name: 'Art' });
    expect((await api.call('PATCH', `/api/classes/${other.body.id}`, { name: 'Biology 7B' })).body.error.code).toBe('duplicate-class-name');
    expect((await api.call('PATCH', `/api/classes/${other.body.id}`, { name: 'Art & Design' })).body.name).toBe('Art & Design');
    const list = await api.call('GET', '/api/classes');
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['Art & Design', 'Biology 7B']);
    expect((await api.call('DELETE', `/api/classes/${other.body.id}`)).body).toEqual({ ok: true });
    expect((await api.call('GET', `/api/classes/${other.body.id}`)).body.error.code).toBe('class-not-found');
    expect((await api.call('POST', '/api/classes', { name: 'Ghosts', studentIds: ['A1', 'NOPE'] })).body.error).toMatchObject({
      code: 'student-not-found',
      details: { missing: ['NOPE'] },
    });
    expect((await api.call('GET', '/api/classes')).body.items).toHaveLength(1);
  });

  it('edits rosters: replace, add one, remove one; students can be in several classes', async () => {
    const c = (await api.call('POST', '/api/classes', { name: 'History' })).body;
    expect((await api.call('PUT', `/api/classes/${c.id}/students`, { studentIds: ['A2', 'A3'] })).body).toEqual({ classId: c.id, studentIds: ['A2', 'A3'] });
    expect((await api.call('PUT', `/api/classes/${c.id}/students/A1`)).body.studentIds).toEqual(['A1', 'A2', 'A3']);
    expect((await api.call('DELETE', `/api/classes/${c.id}/students/A2`)).body.studentIds).toEqual(['A1', 'A3']);
    expect((await api.call('DELETE', `/api/classes/${c.id}/students/A2`)).status).toBe(404);
    expect((await api.call('PUT', `/api/classes/${c.id}/students/NOPE`)).body.error.code).toBe('student-not-found');
    const inClass = await api.call('GET', `/api/students?classId=${c.id}`);
    expect(inClass.body.items.map((s: { studentId: string }) => s.studentId)).toEqual(['A1', 'A3']);
    expect((await api.call('PUT', `/api/classes/${uuid()}/students`, { studentIds: [] })).body.error.code).toBe('class-not-found');
  });

  it('starts a session, ending the one still running, and knows the current one', async () => {
    const c = (await api.call('POST', '/api/classes', { name: 'Chemistry' })).body;
    expect((await api.call('GET', `/api/classes/${c.id}/sessions/current`)).body).toEqual({ session: null });
    const s1 = (await api.call('POST', `/api/classes/${c.id}/sessions`, { lateAfterMinutes: 5 })).body;
    expect(s1).toMatchObject({ classId: c.id, active: true, endsAt: null, lateAfterMinutes: 5 });
    const s2 = (await api.call('POST', `/api/classes/${c.id}/sessions`, {})).body;
    expect(s2.lateAfterMinutes).toBe(10);
    expect((await api.call('GET', `/api/sessions/${s1.id}`)).body.active).toBe(false);
    expect((await api.call('GET', `/api/classes/${c.id}/sessions/current`)).body.session.id).toBe(s2.id);
    const ended = await api.call('PATCH', `/api/sessions/${s2.id}`, { endsAt: new Date().toISOString() });
    expect(ended.body.active).toBe(false);
    expect((await api.call('GET', `/api/classes/${c.id}/sessions/current`)).body).toEqual({ session: null });
    expect((await api.call('GET', `/api/classes/${c.id}/sessions`)).body.items).toHaveLength(2);
    expect((await api.call('DELETE', `/api/sessions/${s1.id}`)).body).toEqual({ ok: true });
    expect((await api.call('GET', `/api/sessions/${s1.id}`)).body.error.code).toBe('session-not-found');
  });

  it('refuses invalid sessions: end before start, bad dates, unknown class', async () => {
    const c = (await api.call('POST', '/api/classes', { name: 'Physics' })).body;
    const backwards = await api.call('POST', `/api/classes/${c.id}/sessions`, { startsAt: '2026-11-24T10:00:00Z', endsAt: '2026-11-24T09:00:00Z' });
    expect(backwards.body.error.code).toBe('validation-failed');
    expect((await api.call('POST', `/api/classes/${c.id}/sessions`, { startsAt: '2026-02-30T10:00:00Z' })).status).toBe(400);
    expect((await api.call('POST', `/api/classes/${c.id}/sessions`, { lateAfterMinutes: -1 })).status).toBe(400);
    expect((await api.call('POST', `/api/classes/${uuid()}/sessions`, {})).body.error.code).toBe('class-not-found');
    expect((await api.call('PATCH', `/api/sessions/${uuid()}`, { lateAfterMinutes: 3 })).body.error.code).toBe('session-not-found');
    expect((await api.call('PATCH', `/api/sessions/${uuid()}`, {})).status).toBe(400);
  });
});
