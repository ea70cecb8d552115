// A cover set up on an earlier day changes its teacher's scope at midnight with no write: the first
// request of the day logs it, once for the district, so the teacher's laptop that pulled deltas
// yesterday starts again from a whole set with the covered class's students' faces, and loses them
// the day after. Two instances at midnight log it once; a day with no covers changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySyncTarget, pullSync } from '@rollcall/sync';
import { MODEL, freshDevice, pullDevice, sorted, syncDevices } from './sync-devices.ts';
import { dialects, startApi, type TestApi } from './context.ts';

/** A time on a school day `offset` days from today, and that day as the server counts it (in its own zone). */
function schoolDay(offset: number, hours: number, minutes = 0) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + offset);
  d.setHours(hours, minutes, 0, 0);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { at: d.getTime(), day };
}
const YESTERDAY = schoolDay(-1, 15);
const TODAY = schoolDay(0, 7, 30);
const TOMORROW = schoolDay(1, 7, 30);

describe.each(dialects)('covers beginning and ending at midnight on %s', (dialect) => {
  let api: TestApi;
  let now = YESTERDAY.at;
  const start = async () => (api = await startApi(dialect, { now: () => now }));
  afterEach(() => api.close());

  const { enrol, classOf, syncClient } = syncDevices(() => api, `midnight-${dialect}`);
  const cover = async (classId: string, userId: string, day: string) =>
    expect((await api.call('POST', `/api/classes/${classId}/covers`, { userId, day })).status).toBe(201);
  const db = () => api.database.db;
  const revision = async () => Number((await db().selectFrom('sync_state').select('revision').executeTakeFirstOrThrow()).revision);
  const scopeChanges = async (userId: string) =>
    (await db().selectFrom('change_log').select('revision').where('entity', '=', 'scope').where('entity_id', '=', userId).execute()).length;
  const scopeRevision = async (userId: string) =>
    Number((await db().selectFrom('users').select('scope_revision').where('id', '=', userId).executeTakeFirstOrThrow()).scope_revision);
  const rolledTo = async () => (await db().selectFrom('timetable_state').select('covers_rolled_to').executeTakeFirstOrThrow()).covers_rolled_to;
  const me = (base: string, token: string) => fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

  it("brings the covered class to the teacher's laptop and browser at the day's first pull, and takes it away the day after", async () => {
    now = YESTERDAY.at;
    await start();
    await enrol('MA1', 'MB1', 'MB2', 'MC1');
    const classA = await classOf('Midnight A', ['MA1']);
    const classB = await classOf('Midnight B', ['MB1', 'MB2']);
    const classC = await classOf('Midnight C', ['MC1']);
    // The teacher registered the laptop for both classes when they taught both; class B has since
    // gone to a colleague, so the laptop serves it only on a day the teacher covers it.
    const teacher = await api.teacher([classA, classB]);
    const laptopToken = (await api.clientAs(teacher.token).createDevice({ body: { name: 'Room 3', classIds: [classA, classB] } })).token;
    await api.client.updateUser({ params: { id: teacher.id }, body: { classIds: [classA] } });
    const laptop = syncClient(laptopToken);
    const browser = syncClient(teacher.token);
    const other = syncClient((await api.device([classC])).token);
    const [laptopCache, browserCache, otherCache] = [new MemorySyncTarget(), new MemorySyncTarget(), new MemorySyncTarget()];
    const onlyA = { classes: [classA], students: ['MA1'], faces: ['MA1'] };
    expect(await pullDevice(laptop, laptopCache)).toMatchObject(onlyA);
    expect(await pullDevice(browser, browserCache)).toMatchObject(onlyA);
    await pullDevice(other, otherCache);

    // Yesterday afternoon the office sets up today's cover: nothing changes yet.
    await cover(classB, teacher.id, TODAY.day);
    expect(await pullDevice(laptop, laptopCache)).toMatchObject({ reset: false, ...onlyA });

    // This morning the laptop's first pull is the first request of the day.
    now = TODAY.at;
    const withB = { reset: true, classes: sorted([classA, classB]), students: ['MA1', 'MB1', 'MB2'], faces: ['MA1', 'MB1', 'MB2'] };
    expect(await pullDevice(laptop, laptopCache)).toEqual(withB);
    expect(await pullDevice(browser, browserCache)).toEqual(withB);
    expect(laptopCache.embeddings).toEqual((await freshDevice(laptop)).embeddings);
    expect(laptopCache.classes).toEqual((await freshDevice(laptop)).classes);
    // Logged once: the next pulls are deltas, and another classroom never started again.
    expect(await pullDevice(laptop, laptopCache)).toMatchObject({ reset: false, classes: sorted([classA, classB]) });
    expect((await pullSync(other, otherCache, { modelId: MODEL })).reset).toBe(false);
    expect(await scopeChanges(teacher.id)).toBe(2); // the class taken away yesterday, the cover today

    // The day after, class B leaves with the faces of its students.
    now = TOMORROW.at;
    expect(await pullDevice(laptop, laptopCache)).toEqual({ reset: true, ...onlyA });
    expect(await pullDevice(browser, browserCache)).toEqual({ reset: true, ...onlyA });
    expect(laptopCache.embeddings).toEqual((await freshDevice(laptop)).embeddings);
    expect((await pullSync(other, otherCache, { modelId: MODEL })).reset).toBe(false);
  });

  it('logs the day once when two instances serve its first requests at once', async () => {
    now = YESTERDAY.at;
    await start();
    const classA = await classOf('Race A', []);
    const teacher = await api.teacher([]);
    await cover(classA, teacher.id, TODAY.day);
    const second = await api.secondInstance();
    const before = await revision();

    now = TODAY.at;
    const burst = (base: string) => Array.from({ length: 5 }, () => me(base, teacher.token));
    const statuses = await Promise.all([...burst(api.base), ...burst(second.base)]);
    expect(statuses).toEqual(Array(10).fill(200));
    expect(await revision()).toBe(before + 1);
    expect(await scopeChanges(teacher.id)).toBe(1);
    expect(await scopeRevision(teacher.id)).toBe(before + 1);
    expect(await rolledTo()).toBe(TODAY.day);
    // Rolled, each instance knows it in memory: a later request that day does not look at the marker.
    await db().updateTable('timetable_state').set({ covers_rolled_to: YESTERDAY.day }).execute();
    expect([await me(api.base, teacher.token), await me(second.base, teacher.token)]).toEqual([200, 200]);
    expect(await rolledTo()).toBe(YESTERDAY.day);
    expect(await revision()).toBe(before + 1);
  });

  it('changes nothing but the marker on a day no cover begins or ends, and rolls a gap of several days at once', async () => {
    now = YESTERDAY.at;
    await start();
    const [classA, classB] = [await classOf('Gap A', []), await classOf('Gap B', [])];
    const [t1, t2, t3, idle] = [await api.teacher([]), await api.teacher([]), await api.teacher([]), await api.teacher([])];
    expect(await rolledTo()).toBe(YESTERDAY.day);
    const quiet = schoolDay(-10, 9);
    await db().updateTable('timetable_state').set({ covers_rolled_to: quiet.day }).execute();
    const before = await revision();
    const events = async () =>
      Number(
        (
          await db()
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const eventsBefore = await events();

    // A new instance on a day with no covers around it: the marker moves, nothing is logged.
    const quietInstance = await api.secondInstance();
    now = schoolDay(-9, 9).at;
    expect(await me(quietInstance.base, idle.token)).toBe(200);
    expect(await rolledTo()).toBe(schoolDay(-9, 9).day);
    expect(await revision()).toBe(before);
    expect(await events()).toBe(eventsBefore);
    await quietInstance.close();

    // A server off for days: the covers that began and ended in the gap, and today's, are logged in one go.
    now = YESTERDAY.at;
    await db()
      .updateTable('timetable_state')
      .set({ covers_rolled_to: schoolDay(-4, 9).day })
      .execute();
    await cover(classA, t1.id, schoolDay(-4, 9).day); // ended at the first midnight of the gap
    await cover(classB, t2.id, schoolDay(-2, 9).day); // began and ended while the server was off
    await cover(classB, t3.id, TODAY.day); // begins today
    await cover(classA, idle.id, schoolDay(-6, 9).day); // ended before the gap: not logged again
    const gapStart = await revision();
    const restarted = await api.secondInstance();
    now = TODAY.at;
    expect(await me(restarted.base, idle.token)).toBe(200);
    expect(await revision()).toBe(gapStart + 3);
    expect(await events()).toBe(eventsBefore + 1);
    for (const t of [t1, t2, t3]) expect(await scopeRevision(t.id)).toBe(gapStart + 3);
    expect(await scopeChanges(idle.id)).toBe(0);
    expect(await rolledTo()).toBe(TODAY.day);
  });

  it('starts a database that never rolled at today, logging no one', async () => {
    now = YESTERDAY.at;
    await start();
    const classA = await classOf('Fresh A', []);
    const teacher = await api.teacher([]);
    await cover(classA, teacher.id, YESTERDAY.day);
    await cover(classA, teacher.id, TODAY.day);
    // As after the upgrade that brought the marker: covers there are, and no day rolled yet.
    await db().updateTable('timetable_state').set({ covers_rolled_to: null }).execute();
    const before = await revision();
    const fresh = await api.secondInstance();
    now = TODAY.at;
    expect(await me(fresh.base, teacher.token)).toBe(200);
    expect(await revision()).toBe(before);
    expect(await rolledTo()).toBe(TODAY.day);
  });
});
