// The registers of several classes in one call, on both databases: the same registers as one call
// per class, every class held to the caller's scope, a cap on how many one call may name, and a
// malformed list refused with the field it is about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, MAX_REGISTER_CLASSES, type Register } from '@rollcall/contracts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

const FROM = '2026-03-02';
const TO = '2026-03-04';
const at = (day: string, hour: number, minute: number) => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`;

describe.each(dialects)('registers of several classes on %s', (dialect) => {
  let api: TestApi;
  /** Three classes with sessions on different days, and one with none. */
  let classes: string[];
  let teacher: { token: string };
  const get = (query: string, token?: string) => api.call('GET', `/api/registers?${query}&from=${FROM}&to=${TO}`, undefined, token ? { token } : {});
  const one = async (classId: string) => (await api.client.listRegisters({ query: { classId, from: FROM, to: TO } })).items;
  /** The registers of a class, in the order the answer gave them. */
  const ofClass = (items: Register[], classId: string) => items.filter((r) => r.session.classId === classId);

  beforeAll(async () => {
    api = await startApi(dialect);
    for (const [id, name] of [
      ['M1', 'Ann Lee'],
      ['M2', 'Ben Ortiz'],
      ['M3', 'Cleo Park'],
      ['M4', 'Dev Shah'],
    ])
      await api.call('POST', '/api/students', { studentId: id, name });
    const rosters = [['M1', 'M2'], ['M2', 'M3', 'M4'], ['M4'], ['M1']];
    classes = [];
    for (const [i, studentIds] of rosters.entries()) classes.push((await api.client.createClass({ body: { name: `Form ${i + 1}`, studentIds } })).id);
    // Each of the first three classes has a session on some of the days; one mark in each, then it ends.
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
    for (const [i, classId] of classes.slice(0, 3).entries()) {
      for (const day of days.slice(i, i + 2)) {
        const sid = (await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: at(day, 8 + i, 0), lateAfterMinutes: 10 })).body.id;
        const marks = [
          { id: uuid(), studentId: rosters[i]![0], sessionId: sid, deviceId: 'laptop-1', markedAt: at(day, 8 + i, 1), method: 'face', similarity: 0.9 },
        ];
        expect((await api.call('POST', '/api/attendance', { marks })).body.results[0].status).toBe('accepted');
        await api.call('POST', `/api/sessions/${sid}/end`, { endsAt: at(day, 8 + i, 45) });
      }
    }
    teacher = await api.teacher(classes.slice(0, 2));
  });
  afterAll(() => api.close());

  it('answers for several classes in one call with the registers one call per class gives', async () => {
    const each = await Promise.all(classes.map(one));
    expect(each.map((items) => items.length)).toEqual([2, 2, 1, 0]);
    const together = (await api.client.listRegisters({ query: { classIds: classes, from: FROM, to: TO } })).items;
    expect(together).toHaveLength(5);
    for (const [i, classId] of classes.entries()) expect(ofClass(together, classId)).toEqual(each[i]);
    // In time order across the classes, as the one-class answer is within its class.
    const starts = together.map((r) => r.session.startsAt);
    expect(starts.map((s) => Date.parse(s))).toEqual(starts.map((s) => Date.parse(s)).sort((a, b) => a - b));

    // The same in every spelling: a comma list, a repeated key, classId beside classIds; a class named twice answers once.
    const comma = await get(`classIds=${classes.join(',')}`);
    expect(comma.status).toBe(200);
    expect(comma.body.items).toEqual(together);
    const repeated = await get(classes.map((id) => `classIds=${id}`).join('&'));
    expect(repeated.body.items).toEqual(together);
    const mixed = await get(`classId=${classes[0]}&classIds=${[classes[0], ...classes.slice(1), classes[2]].join(',')}`);
    expect(mixed.body.items).toEqual(together);
    // One class through classIds is the old call.
    expect((await get(`classIds=${classes[1]}`)).body.items).toEqual(each[1]);
  });

  it("holds every class to the caller's scope: a teacher gets only their classes, and none of a list that names another", async () => {
    const mine = await get(`classIds=${classes[0]},${classes[1]}`, teacher.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(4);
    const other = await get(`classIds=${classes[0]},${classes[2]},${classes[3]}`, teacher.token);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    expect(other.body.error.details).toEqual({ classIds: [classes[2], classes[3]] });
    expect(other.body.error.message).toContain(classes[2]);
    // A class that does not exist is not theirs either: a teacher learns nothing of which ids exist.
    const unknown = uuid();
    expect((await get(`classIds=${classes[0]},${unknown}`, teacher.token)).body.error).toMatchObject({ code: 'forbidden', details: { classIds: [unknown] } });
    // The admin sees everything, and an unknown class by its id.
    const missing = await get(`classIds=${classes[0]},${unknown}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'class-not-found', details: { missing: [unknown] } });
    // The typed client throws the same coded error.
    const refused = await api
      .clientAs(teacher.token)
      .listRegisters({ query: { classIds: [classes[2]!], from: FROM, to: TO } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientError);
    expect((refused as ClientError).code).toBe('forbidden');
  });

  it(`takes at most ${MAX_REGISTER_CLASSES} classes in one call, and says so past it`, async () => {
    const ids = Array.from({ length: MAX_REGISTER_CLASSES }, () => uuid());
    // At the cap the list is read, and its unknown classes named.
    const atCap = await get(`classIds=${ids.join(',')}`);
    expect(atCap.status).toBe(404);
    expect(atCap.body.error.details.missing).toHaveLength(MAX_REGISTER_CLASSES);
    const over = await get(`classId=${uuid()}&classIds=${ids.join(',')}`);
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('validation-failed');
    expect(over.body.error.details.issues[0]).toMatchObject({ path: 'classIds', code: 'too_big', maximum: MAX_REGISTER_CLASSES });
    expect(over.body.error.message).toContain(String(MAX_REGISTER_CLASSES));
    // A class named twice counts once towards the cap.
    expect((await get(`classIds=${[...ids.slice(0, MAX_REGISTER_CLASSES - 1), classes[0], classes[0]].join(',')}`)).status).toBe(404);
  });

  it('reads the marks of registers past the first read of ten thousand sessions', async () => {
    const classId = (await api.client.createClass({ body: { name: 'Form Busy', studentIds: ['M1'] } })).id;
    // Stored as they would be by starting and ending each, a minute apart: ten thousand through the API is slow for nothing.
    const first = Date.parse('2026-04-01T00:00:00Z');
    const rows = Array.from({ length: 10_050 }, (_, i) => {
      const startsAt = first + i * 60_000;
      const day = new Date(startsAt).toISOString().slice(0, 10);
      return {
        id: uuid(),
        class_id: classId,
        starts_at: startsAt,
        ends_at: startsAt + 50_000,
        late_after_minutes: 10,
        day,
        created_at: startsAt,
        period_id: null,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await api.database.db
        .insertInto('class_sessions')
        .values(rows.slice(i, i + 500))
        .execute();
    const last = rows.at(-1)!;
    const mark = {
      id: uuid(),
      studentId: 'M1',
      sessionId: last.id,
      deviceId: 'laptop-1',
      markedAt: new Date(last.starts_at + 10_000).toISOString(),
      method: 'face',
      similarity: 0.9,
    };
    expect((await api.call('POST', '/api/attendance', { marks: [mark] })).body.results[0].status).toBe('accepted');
    const items = (await api.client.listRegisters({ query: { classIds: [classId, classes[0]!], from: '2026-04-01', to: '2026-04-30' } })).items;
    expect(items).toHaveLength(rows.length);
    expect(items.at(-1)!.session.id).toBe(last.id);
    expect(items.at(-1)!.rows[0]).toMatchObject({ studentId: 'M1', status: 'present', markId: mark.id });
    expect(items.filter((r) => r.counts.here > 0)).toHaveLength(1);
  });

  it('refuses a malformed list with the field it is about, and a call naming no class', async () => {
    const a = classes[0]!;
    const issue = async (query: string) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation-failed');
      return res.body.error.details.issues[0] as { path: string; code: string };
    };
    expect(await issue(`classIds=${a},,${classes[1]}`)).toMatchObject({ path: 'classIds.1', code: 'invalid_format' });
    expect(await issue(`classIds=${a},`)).toMatchObject({ path: 'classIds.1' });
    expect(await issue(`classIds=${a},not-a-class`)).toMatchObject({ path: 'classIds.1', code: 'invalid_format' });
    expect(await issue(`classIds=${a}%20,${classes[1]}`)).toMatchObject({ path: 'classIds.0' });
    expect(await issue('classIds=')).toMatchObject({ path: 'classIds.0' });
    expect(await issue(`classIds=${a}&classIds=nope`)).toMatchObject({ path: 'classIds.1' });
    expect(await issue('classId=nope')).toMatchObject({ path: 'classId' });
    expect(await issue('x=1')).toMatchObject({ code: 'unrecognized_keys' });
    const none = await api.call('GET', `/api/registers?from=${FROM}&to=${TO}`);
    expect(none.status).toBe(400);
    expect(none.body.error.details.issues[0]).toMatchObject({ path: 'classIds', code: 'invalid_type' });
  });
});
