// A whole lesson on a paired classroom laptop, with no one signed in: it starts a session of its
// class, marks by face and by hand, lists the session's and today's marks, ends the session, and
// the register and the day's statistics agree. It cannot reach other classes, admin pages, or
// marks, sessions and registers from long ago. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, grantConsent, startApi, uuid, type TestApi } from './context.ts';

const DAY_MS = 24 * 60 * 60_000;
const dayOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe.each(dialects)('a lesson on a paired laptop alone on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let cookie: string;
  const today = dayOf(Date.now());
  const asLaptop = (method: string, path: string, body?: unknown) => api.call(method, path, body, { token: null, headers: { cookie } });
  const mark = (studentId: string, sessionId: string, extra: Record<string, unknown> = {}) => ({
    id: uuid(),
    studentId,
    sessionId,
    deviceId: 'room-20-browser',
    markedAt: new Date().toISOString(),
    method: 'face',
    ...extra,
  });

  beforeAll(async () => {
    api = await startApi(dialect);
    for (const [studentId, name] of [
      ['L1', 'Lena One'],
      ['L2', 'Luis Two'],
      ['L3', 'Lior Three'],
      ['X1', 'Xena Other'],
    ])
      await api.call('POST', '/api/students', { studentId, name });
    await grantConsent(api, 'L1', 'X1');
    classA = (await api.call('POST', '/api/classes', { name: 'Lesson A', studentIds: ['L1', 'L2', 'L3'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Lesson B', studentIds: ['X1'] })).body.id;
    // Paired the way an admin does it: register the laptop, then the laptop trades the code.
    const { pairing } = (await api.call('POST', '/api/devices', { name: 'Room 20', classIds: [classA] })).body;
    const paired = await api.call('POST', '/api/devices/pair', { code: pairing.code }, { token: null });
    cookie = paired.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(() => api.close());

  it('starts, marks, lists, corrects and ends a session of its class; the register and the statistics agree', async () => {
    const started = await asLaptop('POST', `/api/classes/${classA}/sessions`, { lateAfterMinutes: 10 });
    expect(started.status).toBe(201);
    const sessionId: string = started.body.id;
    expect((await asLaptop('GET', `/api/classes/${classA}/sessions/current`)).body.session.id).toBe(sessionId);

    const face = mark('L1', sessionId, { similarity: 0.8 });
    const posted = await asLaptop('POST', '/api/attendance', { marks: [face, mark('L2', sessionId, { method: 'manual', status: 'late' })] });
    expect(posted.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);

    // The live log after a reload: the session's marks, and today's marks of its classes.
    const ofSession = await asLaptop('GET', `/api/attendance?sessionId=${sessionId}`);
    expect(ofSession.status).toBe(200);
    expect(ofSession.body.items.map((m: { studentId: string }) => m.studentId).sort()).toEqual(['L1', 'L2']);
    const ofToday = await asLaptop('GET', `/api/attendance?from=${today}&to=${today}&classId=${classA}`);
    expect(ofToday.status).toBe(200);
    expect(ofToday.body.total).toBe(2);

    // A correction by hand on the register changes the face mark, and its audit names the laptop.
    const corrected = await asLaptop('POST', '/api/attendance', { marks: [mark('L1', sessionId, { method: 'manual', status: 'excused', reason: 'dentist' })] });
    expect(corrected.body.results[0]).toMatchObject({ status: 'accepted', existingId: face.id });
    const audit = await api.call('GET', `/api/attendance/${face.id}/audit`);
    expect(audit.body.items.map((a: { by: string | null }) => a.by)).toEqual(['Room 20']);

    const ended = await asLaptop('POST', `/api/sessions/${sessionId}/end`, {});
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ session: { id: sessionId, active: false }, markedAbsent: 1 });

    const register = await asLaptop('GET', `/api/sessions/${sessionId}/register`);
    const statuses = Object.fromEntries(register.body.rows.map((r: { studentId: string; status: string }) => [r.studentId, r.status]));
    expect(statuses).toEqual({ L1: 'excused', L2: 'late', L3: 'absent' });
    const stats = await api.call('GET', `/api/stats/daily?from=${today}&to=${today}&classId=${classA}`);
    expect(stats.body.days).toHaveLength(1);
    expect(stats.body.days[0]).toMatchObject({ sessions: 1, present: 0, late: 1, excused: 1, absent: 1 });
  });

  it('is refused other classes, admin work and marks from long ago, each with a code', async () => {
    const forbidden = async (method: string, path: string, body?: unknown) => {
      const res = await asLaptop(method, path, body);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 403, code: 'forbidden' });
      return res;
    };
    const sessionB = (await api.call('POST', `/api/classes/${classB}/sessions`, {})).body.id;
    await forbidden('POST', `/api/classes/${classB}/sessions`, {});
    await forbidden('POST', `/api/sessions/${sessionB}/end`, {});
    await forbidden('GET', `/api/attendance?from=${today}&classId=${classB}`);
    await forbidden('GET', `/api/attendance?sessionId=${sessionB}`);
    const posted = await asLaptop('POST', '/api/attendance', { marks: [mark('X1', sessionB, { method: 'manual', status: 'present' })] });
    expect(posted.body.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });

    // A laptop reads the lesson in front of it, not the class's history.
    const noDay = await forbidden('GET', '/api/attendance');
    expect(noDay.body.error.message).toContain('sign in with your own account');
    expect(noDay.body.error.details.earliest).toBe(dayOf(Date.now() - DAY_MS));
    await forbidden('GET', `/api/attendance?from=${dayOf(Date.now() - 30 * DAY_MS)}&to=${today}`);
    const oldStart = new Date(Date.now() - 30 * DAY_MS);
    const oldSession = (
      await api.call('POST', `/api/classes/${classA}/sessions`, {
        startsAt: oldStart.toISOString(),
        endsAt: new Date(oldStart.getTime() + 3_600_000).toISOString(),
      })
    ).body.id;
    await forbidden('GET', `/api/attendance?sessionId=${oldSession}`);
    expect((await asLaptop('GET', `/api/attendance?from=${dayOf(Date.now() - DAY_MS)}`)).status).toBe(200);
    // Nor through the sessions and their registers.
    await forbidden('GET', `/api/sessions/${oldSession}`);
    await forbidden('GET', `/api/sessions/${oldSession}/register`);
    await forbidden('GET', `/api/classes/${classA}/sessions`);
    await forbidden('GET', `/api/classes/${classA}/sessions?from=${encodeURIComponent(oldStart.toISOString())}`);
    const recent = await asLaptop('GET', `/api/classes/${classA}/sessions?from=${encodeURIComponent(new Date(Date.now() - DAY_MS).toISOString())}`);
    expect(recent.status).toBe(200);
    expect(recent.body.items.map((x: { id: string }) => x.id)).not.toContain(oldSession);
    expect((await api.call('GET', `/api/sessions/${oldSession}/register`)).status).toBe(200);

    // Staff and admin work stays with people.
    await forbidden('GET', '/api/users');
    await forbidden('GET', `/api/stats/daily?from=${today}&to=${today}`);
    await forbidden('DELETE', `/api/sessions/${oldSession}`);
    await forbidden('PATCH', `/api/sessions/${oldSession}`, { lateAfterMinutes: 5 });
  });
});
