// Offline sync when students leave a device's classes: a student taken off a roster, or whose class
// is deleted, leaves every scoped device (a classroom laptop, a teacher's browser) with their faces
// unless they are still on one of its classes; an admin's browser keeps every student.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySyncTarget, pullSync, type SyncClient } from '@rollcall/sync';
import { MODEL, sorted, syncDevices } from './sync-devices.ts';
import { dialects, startApi, type TestApi } from './context.ts';

describe.each(dialects)('sync when students leave a class on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  const { enrol, classOf, syncClient } = syncDevices(() => api, 'leave');
  /** A device's cache after a pull: its students, and whose faces it holds. */
  const pull = async (client: SyncClient, target: MemorySyncTarget) => {
    const result = await pullSync(client, target, { modelId: MODEL, limit: 5 });
    const owners = new Set([...target.embeddings.values()].map((e) => e.studentId));
    return { reset: result.reset, students: sorted(target.students.keys()), faces: sorted(owners) };
  };
  /** What a fresh device of the same caller would hold now: a cache brought up to date must equal it. */
  const truth = async (client: SyncClient) => {
    const fresh = new MemorySyncTarget();
    await pullSync(client, fresh, { modelId: MODEL });
    return { students: sorted(fresh.students.keys()), embeddings: sorted(fresh.embeddings.keys()), classes: sorted(fresh.classes.keys()) };
  };
  const held = (t: MemorySyncTarget) => ({ students: sorted(t.students.keys()), embeddings: sorted(t.embeddings.keys()), classes: sorted(t.classes.keys()) });

  it('takes a student off a laptop with their faces when they leave its only class, and keeps one still on another of its classes', async () => {
    const [l1, l2, y1] = ['LV1', 'LV2', 'LV3'];
    await enrol(l1, l2, y1);
    const classX = await classOf('Leave X', [l1, l2]);
    // LV2 is on both rosters: leaving X keeps them on the laptop that also serves Y.
    const classY = await classOf('Leave Y', [l2, y1]);
    const teacher = await api.teacher([classX]);
    const onlyX = syncClient((await api.device([classX])).token);
    const both = syncClient((await api.device([classX, classY])).token);
    const browser = syncClient(teacher.token);
    const admin = syncClient(api.adminToken);
    const [onlyXCache, bothCache, browserCache, adminCache] = [new MemorySyncTarget(), new MemorySyncTarget(), new MemorySyncTarget(), new MemorySyncTarget()];
    expect(await pull(onlyX, onlyXCache)).toMatchObject({ students: [l1, l2], faces: [l1, l2] });
    expect(await pull(both, bothCache)).toMatchObject({ students: [l1, l2, y1], faces: [l1, l2, y1] });
    expect(await pull(browser, browserCache)).toMatchObject({ students: [l1, l2], faces: [l1, l2] });
    await pull(admin, adminCache);

    await api.client.removeFromRoster({ params: { id: classX, studentId: l1 } });
    await api.client.removeFromRoster({ params: { id: classX, studentId: l2 } });

    // A delta, not a whole set: the class's new roster is all the server sends, and the device drops who is on none of its rosters.
    expect(await pull(onlyX, onlyXCache)).toEqual({ reset: false, students: [], faces: [] });
    expect(held(onlyXCache)).toEqual(await truth(onlyX));
    expect(await pull(browser, browserCache)).toEqual({ reset: false, students: [], faces: [] });
    expect(held(browserCache)).toEqual(await truth(browser));
    expect(await pull(both, bothCache)).toEqual({ reset: false, students: [l2, y1], faces: [l2, y1] });
    expect(held(bothCache)).toEqual(await truth(both));
    // An admin holds every student, on a roster or not.
    const adminNow = await pull(admin, adminCache);
    expect(adminNow.students).toEqual(expect.arrayContaining([l1, l2, y1]));
    expect(adminNow.faces).toEqual(expect.arrayContaining([l1, l2, y1]));
    expect(held(adminCache)).toEqual(await truth(admin));
  });

  it("drops a deleted class's students with their faces from a laptop, keeping those on its other class", async () => {
    const [d1, d2, x1] = ['DL1', 'DL2', 'DL3'];
    await enrol(d1, d2, x1);
    const classZ = await classOf('Deleted Z', [d1, d2]);
    const classW = await classOf('Kept W', [d2, x1]);
    const laptop = syncClient((await api.device([classZ, classW])).token);
    const admin = syncClient(api.adminToken);
    const [laptopCache, adminCache] = [new MemorySyncTarget(), new MemorySyncTarget()];
    expect(await pull(laptop, laptopCache)).toMatchObject({ students: [d1, d2, x1], faces: [d1, d2, x1] });
    await pull(admin, adminCache);

    await api.client.deleteClass({ params: { id: classZ } });

    expect(await pull(laptop, laptopCache)).toEqual({ reset: false, students: [d2, x1], faces: [d2, x1] });
    expect(held(laptopCache)).toEqual(await truth(laptop));
    expect(laptopCache.classes.has(classZ)).toBe(false);
    const adminNow = await pull(admin, adminCache);
    expect(adminNow.students).toEqual(expect.arrayContaining([d1, d2, x1]));
    expect(adminNow.faces).toEqual(expect.arrayContaining([d1, d2, x1]));
    expect(held(adminCache)).toEqual(await truth(admin));
  });
});
