// The timetable on both databases: periods that never overlap within a class, term dates in
// order, who reads which periods, a cover teacher who runs a class on that day only, and a
// period's session started once however many laptops (or reloads) start it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

/** Today as the server counts school days (its own zone), and a day `n` days away. */
const localDay = (n = 0) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe.each(dialects)('timetable on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  const period = (classId: string, body: Record<string, unknown>, token?: string) =>
    api.call('POST', `/api/classes/${classId}/periods`, { label: 'Period 1', weekday: 1, startsAt: '09:00', endsAt: '10:00', ...body }, token ? { token } : {});

  beforeAll(async () => {
    api = await startApi(dialect);
    classA = (await api.call('POST', '/api/classes', { name: 'Year 8 Maths' })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Year 9 French' })).body.id;
  });
  afterAll(() => api.close());

  it('adds periods that end after they start and never overlap another of the class on that weekday', async () => {
    const first = await period(classA, { label: 'Period 2', startsAt: '09:50', endsAt: '10:40', lateAfterMinutes: 5 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ classId: classA, label: 'Period 2', weekday: 1, startsAt: '09:50', endsAt: '10:40', lateAfterMinutes: 5 });

    const backwards = await period(classA, { weekday: 2, startsAt: '10:00', endsAt: '09:00' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('validation-failed');
    expect(JSON.stringify(backwards.body.error)).toContain('end after it starts');
    expect((await period(classA, { weekday: 2, startsAt: '9:00' })).body.error.code).toBe('validation-failed');
    expect((await period(classA, { weekday: 8 })).body.error.code).toBe('validation-failed');

    const clash = await period(classA, { label: 'Period 3', startsAt: '10:30', endsAt: '11:30' });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'period-overlap', details: { periodId: first.body.id } });
    expect(clash.body.error.message).toContain('Period 2 from 09:50 to 10:40');
    // Inside another period is an overlap too; touching at the bell is not.
    expect((await period(classA, { startsAt: '10:00', endsAt: '10:10' })).body.error.code).toBe('period-overlap');
    expect((await period(classA, { label: 'Period 3', startsAt: '10:40', endsAt: '11:30' })).status).toBe(201);
    expect((await period(classA, { weekday: 2, startsAt: '09:50', endsAt: '10:40' })).status).toBe(201);
    expect((await period(classB, { startsAt: '09:50', endsAt: '10:40' })).status).toBe(201);

    const { periods } = (await api.call('GET', `/api/timetable?classId=${classA}`)).body;
    expect(periods.map((p: { weekday: number; startsAt: string }) => `${p.weekday} ${p.startsAt}`)).toEqual(['1 09:50', '1 10:40', '2 09:50']);
    expect((await period(uuid(), {})).body.error.code).toBe('class-not-found');
  });

  it('keeps term dates in order and removes terms and periods with clear errors for unknown ones', async () => {
    const backwards = await api.call('POST', '/api/terms', { name: 'Spring', firstDay: '2027-04-10', lastDay: '2027-01-04' });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.error)).toContain('last day cannot come before its first day');
    expect((await api.call('POST', '/api/terms', { name: 'Spring', firstDay: '2027-02-30', lastDay: '2027-03-01' })).body.error.code).toBe('validation-failed');
    const term = await api.call('POST', '/api/terms', { name: 'Spring', firstDay: '2027-01-04', lastDay: '2027-03-26' });
    expect(term.status).toBe(201);
    const oneDay = await api.call('POST', '/api/terms', { name: 'Inset', firstDay: '2027-04-12', lastDay: '2027-04-12' });
    expect(oneDay.status).toBe(201);
    expect((await api.call('GET', '/api/timetable')).body.terms.map((t: { name: string }) => t.name)).toEqual(['Spring', 'Inset']);
    expect((await api.call('DELETE', `/api/terms/${oneDay.body.id}`)).status).toBe(200);
    expect((await api.call('DELETE', `/api/terms/${oneDay.body.id}`)).body.error.code).toBe('term-not-found');
    expect((await api.call('DELETE', `/api/periods/${uuid()}`)).body.error.code).toBe('period-not-found');
    expect((await api.call('DELETE', `/api/covers/${uuid()}`)).body.error.code).toBe('cover-not-found');
  });

  it('shows teachers and laptops the periods of their own classes only; only an admin edits', async () => {
    const teacherA = await api.teacher([classA]);
    const laptopA = await api.device([classA]);
    const classesOf = async (token: string) =>
      new Set((await api.call('GET', '/api/timetable', undefined, { token })).body.periods.map((p: { classId: string }) => p.classId));
    expect(await classesOf(teacherA.token)).toEqual(new Set([classA]));
    expect(await classesOf(laptopA.token)).toEqual(new Set([classA]));
    expect(await classesOf(api.adminToken)).toEqual(new Set([classA, classB]));
    expect((await api.call('GET', `/api/timetable?classId=${classB}`, undefined, { token: teacherA.token })).body.error.code).toBe('forbidden');
    expect((await period(classA, { weekday: 5 }, teacherA.token)).body.error.code).toBe('forbidden');
    expect((await period(classA, { weekday: 5 }, laptopA.token)).body.error.code).toBe('forbidden');
  });

  it('lets a cover teacher see and run the covered class on that day only', async () => {
    const cover = await api.teacher([classB]);
    const later = await api.teacher([classB]);
    const as = (t: string) => ({ token: t });
    expect((await api.call('GET', `/api/classes/${classA}`, undefined, as(cover.token))).status).toBe(403);

    const today = await api.call('POST', `/api/classes/${classA}/covers`, { userId: cover.id, day: localDay() });
    expect(today.status).toBe(201);
    expect(today.body).toMatchObject({ classId: classA, userId: cover.id, day: localDay(), teacherName: expect.stringMatching(/^Teacher/) });
    // The same cover twice is one cover.
    expect((await api.call('POST', `/api/classes/${classA}/covers`, { userId: cover.id, day: localDay() })).body.id).toBe(today.body.id);
    await api.call('POST', `/api/classes/${classA}/covers`, { userId: later.id, day: localDay(1) });

    expect((await api.call('GET', `/api/classes/${classA}`, undefined, as(cover.token))).status).toBe(200);
    const listed = (await api.call('GET', '/api/classes', undefined, as(cover.token))).body.items.map((c: { id: string }) => c.id);
    expect(listed).toContain(classA);
    const started = await api.call('POST', `/api/classes/${classA}/sessions`, { lateAfterMinutes: 5 }, as(cover.token));
    expect(started.status).toBe(201);
    const mine = (await api.call('GET', '/api/timetable', undefined, as(cover.token))).body;
    expect(new Set(mine.periods.map((p: { classId: string }) => p.classId))).toEqual(new Set([classA, classB]));
    expect(mine.covers.map((c: { id: string }) => c.id)).toContain(today.body.id);

    // Tomorrow's cover gives nothing today.
    expect((await api.call('GET', `/api/classes/${classA}`, undefined, as(later.token))).status).toBe(403);
    expect((await api.call('POST', `/api/classes/${classA}/sessions`, {}, as(later.token))).status).toBe(403);

    expect((await api.call('DELETE', `/api/covers/${today.body.id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/classes/${classA}`, undefined, as(cover.token))).status).toBe(403);
    expect((await api.call('POST', `/api/classes/${classA}/covers`, { userId: uuid(), day: localDay() })).body.error.code).toBe('user-not-found');
  });

  it("starts a period's session once a day, however many laptops start it, and a finished one is not started again", async () => {
    const cls = (await api.call('POST', '/api/classes', { name: 'Year 10 Art' })).body.id;
    const p = (await period(cls, { label: 'Period 4', weekday: 3, startsAt: '11:00', endsAt: '12:00', lateAfterMinutes: 7 })).body;
    const laptops = [await api.device([cls]), await api.device([cls])];
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const body = { periodId: p.id, startsAt, endsAt, lateAfterMinutes: 7 };
    const answers = await Promise.all(laptops.map((l) => api.call('POST', `/api/classes/${cls}/sessions`, body, { token: l.token })));
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[1]!.body.id).toBe(answers[0]!.body.id);
    expect(answers[0]!.body).toMatchObject({ active: true, lateAfterMinutes: 7 });
    const reloaded = await api.call('POST', `/api/classes/${cls}/sessions`, body, { token: laptops[0]!.token });
    expect(reloaded.body.id).toBe(answers[0]!.body.id);
    expect((await api.call('GET', `/api/classes/${cls}/sessions`)).body.items).toHaveLength(1);

    // Ended early by the teacher: starting the period again gives the ended session back, not a new one.
    expect((await api.call('POST', `/api/sessions/${reloaded.body.id}/end`, {})).status).toBe(200);
    const again = await api.call('POST', `/api/classes/${cls}/sessions`, body, { token: laptops[1]!.token });
    expect(again.body).toMatchObject({ id: reloaded.body.id, active: false });

    // Sessions without a period are not held to one a day.
    const plain = [await api.call('POST', `/api/classes/${cls}/sessions`, {}), await api.call('POST', `/api/classes/${cls}/sessions`, {})];
    expect(plain[0]!.body.id).not.toBe(plain[1]!.body.id);

    expect((await api.call('POST', `/api/classes/${classA}/sessions`, body)).body.error.code).toBe('period-not-in-class');
    expect((await api.call('POST', `/api/classes/${cls}/sessions`, { ...body, periodId: uuid() })).body.error.code).toBe('period-not-found');
    // Removing the period keeps the session it started; removing the class removes its periods.
    expect((await api.call('DELETE', `/api/periods/${p.id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/sessions/${again.body.id}`)).status).toBe(200);
    await period(cls, { weekday: 4 });
    expect((await api.call('DELETE', `/api/classes/${cls}`)).status).toBe(200);
    expect((await api.call('GET', '/api/timetable')).body.periods.some((x: { classId: string }) => x.classId === cls)).toBe(false);
  });
});
