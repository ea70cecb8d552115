// A student's subject-access export after a correction, on both databases: the mark still says
// who first marked the student, and each audit entry says who changed which status to which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

describe.each(dialects)('subject-access export on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'K1', name: 'Kit Moss' });
  });
  afterAll(() => api.close());

  it('keeps the first marker after corrections and names who made each change', async () => {
    const classId = (await api.call('POST', '/api/classes', { name: 'Form K', studentIds: ['K1'] })).body.id;
    const laptop = await api.device([classId]);
    const sessionId = (await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: '2026-03-02T08:00:00+01:00', lateAfterMinutes: 10 })).body.id;
    const markId = uuid();
    const sent = await api.call(
      'POST',
      '/api/attendance',
      { marks: [{ id: markId, studentId: 'K1', sessionId, deviceId: 'laptop', markedAt: '2026-03-02T08:20:00+01:00', method: 'face', similarity: 0.95 }] },
      { token: laptop.token },
    );
    expect(sent.body.results[0]).toMatchObject({ status: 'accepted', markStatus: 'late' });
    const teacher = await api.teacher([classId]);
    expect((await api.call('PATCH', `/api/attendance/${markId}`, { status: 'present', reason: 'bus was late' }, { token: teacher.token })).status).toBe(200);
    expect((await api.call('PATCH', `/api/attendance/${markId}`, { status: 'excused', reason: 'Doctor' })).status).toBe(200);

    const out = (await api.call('GET', '/api/students/K1/export')).body;
    const deviceName = (await api.call('GET', '/api/devices')).body.items[0].name;
    const teacherName = (await api.call('GET', '/api/users')).body.items.find((u: { id: string }) => u.id === teacher.id).name;
    expect(out.marks).toHaveLength(1);
    // The correction's reason is on the mark too, as the register and the exports show it.
    expect(out.marks[0]).toMatchObject({ id: markId, status: 'excused', reason: 'Doctor', markedBy: 'Head Admin', firstMarkedBy: deviceName });
    expect(out.audit).toEqual([
      { markId, action: 'update', from: 'late', to: 'present', by: teacherName, reason: 'bus was late', at: expect.any(String) },
      { markId, action: 'update', from: 'present', to: 'excused', by: 'Head Admin', reason: 'Doctor', at: expect.any(String) },
    ]);
    // The mark's own audit trail says the same.
    const trail = (await api.call('GET', `/api/attendance/${markId}/audit`)).body.items;
    expect(trail.map((a: { by: string }) => a.by)).toEqual([teacherName, 'Head Admin']);
  });

  it('names the marker itself when a mark was never corrected', async () => {
    const markId = uuid();
    await api.call('POST', '/api/attendance', {
      marks: [{ id: markId, studentId: 'K1', deviceId: 'gate', markedAt: '2026-03-03T07:50:00+01:00', method: 'manual' }],
    });
    const out = (await api.call('GET', '/api/students/K1/export')).body;
    expect(out.marks.find((m: { id: string }) => m.id === markId)).toMatchObject({ markedBy: 'Head Admin', firstMarkedBy: 'Head Admin' });
  });
});
