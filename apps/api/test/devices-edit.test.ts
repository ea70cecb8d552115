// An admin renames a classroom laptop or changes its classes (PATCH /api/devices/:id) without
// pairing it again, and the paired laptop follows: its next pull is a whole set of its new classes,
// the class given arriving with its students' faces and the class taken away leaving with those on
// no remaining roster. Refusals (unknown, revoked, no class, not an admin) and the race with a pull
// read just before the change, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, routes } from '@rollcall/contracts';
import { MemorySyncTarget, pullSync, type SyncClient } from '@rollcall/sync';
import { MODEL, freshDevice, pullDevice, sorted, syncDevices } from './sync-devices.ts';
import * as deviceScopes from '../src/db/migrations/0017_device_scope_revisions.ts';
import { createServices } from '../src/services.ts';
import { scopeOf } from '../src/shared/actor.ts';
import { dialects, freshDatabase, startApi, uuid, type TestApi } from './context.ts';

describe.each(dialects)('editing a classroom laptop on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  const { enrol, classOf, syncClient } = syncDevices(() => api, 'edit');
  const edit = (id: string, body: unknown, token?: string) => api.call('PATCH', `/api/devices/${id}`, body, token === undefined ? {} : { token });
  /** Pairs a registered laptop as the laptop does, and syncs through its device cookie. */
  const pairedLaptop = async (code: string): Promise<SyncClient> => {
    const res = await api.call('POST', '/api/devices/pair', { code }, { token: null });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const client = createClient(routes, {
      baseUrl: api.base,
      fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as object), cookie } }),
    });
    return { sync: (query, opts) => client.sync({ query }, opts) };
  };

  it('renames a laptop and changes its classes; the list and the laptop itself say so', async () => {
    const classA = await classOf('Edit A', []);
    const classB = await classOf('Edit B', []);
    const created = await api.client.createDevice({ body: { name: 'Room 3', classIds: [classA] } });
    const id = created.device.id;

    const renamed = await edit(id, { name: 'Room 4' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id, name: 'Room 4', classIds: [classA], revoked: false });
    // A class named twice is served once.
    const moved = await edit(id, { classIds: [classB, classB] });
    expect(moved.body).toMatchObject({ id, name: 'Room 4', classIds: [classB] });
    const both = await api.client.updateDevice({ params: { id }, body: { name: 'Room 5', classIds: [classA, classB] } });
    expect(both).toMatchObject({ name: 'Room 5', classIds: sorted([classA, classB]) });
    expect((await api.client.listDevices()).items.find((d) => d.id === id)).toMatchObject({ name: 'Room 5', classIds: sorted([classA, classB]) });
    const me = await api.call('GET', '/api/auth/me', undefined, { token: created.token });
    expect(me.body.actor).toMatchObject({ kind: 'device', device: { id, name: 'Room 5', classIds: sorted([classA, classB]) } });
  });

  it('refuses an unknown laptop, an unknown class, no class, nothing to change, a revoked laptop, and anyone but an admin', async () => {
    const classA = await classOf('Refuse A', []);
    const teacher = await api.teacher([classA]);
    const own = await api.clientAs(teacher.token).createDevice({ body: { name: 'Room 8', classIds: [classA] } });
    const id = own.device.id;

    expect(await edit(uuid(), { name: 'Ghost' })).toMatchObject({ status: 404, body: { error: { code: 'device-not-found' } } });
    const unknownClass = await edit(id, { classIds: [classA, uuid()] });
    expect(unknownClass).toMatchObject({ status: 404, body: { error: { code: 'class-not-found' } } });
    expect((await edit(id, { classIds: [] })).body.error.code).toBe('validation-failed');
    const nothing = await edit(id, {});
    expect(nothing.body.error).toMatchObject({ code: 'validation-failed', details: { issues: [{ params: { check: 'nothing-to-update' } }] } });
    // Not even the teacher who registered it, nor the laptop itself: a timetable is the school's.
    expect((await edit(id, { name: 'Mine' }, teacher.token)).status).toBe(403);
    expect((await edit(id, { name: 'Mine' }, own.token)).status).toBe(403);
    // Nothing refused changed anything.
    expect((await api.client.listDevices()).items.find((d) => d.id === id)).toMatchObject({ name: 'Room 8', classIds: [classA] });

    await api.client.revokeDevice({ params: { id } });
    const revoked = await edit(id, { name: 'Room 9', classIds: [classA] });
    expect(revoked).toMatchObject({ status: 409, body: { error: { code: 'device-revoked' } } });
    expect((await api.client.listDevices()).items.find((d) => d.id === id)).toMatchObject({ name: 'Room 8', revoked: true });
  });

  it("brings a paired laptop the class given, with its students' faces, and takes away the class taken away with its students", async () => {
    await enrol('EA1', 'EAB', 'EB1', 'EC1');
    const classA = await classOf('Move A', ['EA1', 'EAB']);
    // EAB is on both A and B: losing A leaves them on the laptop for B.
    const classB = await classOf('Move B', ['EB1', 'EAB']);
    const classC = await classOf('Move C', ['EC1']);
    const created = await api.client.createDevice({ body: { name: 'Room 12', classIds: [classA, classB] } });
    const laptop = await pairedLaptop(created.pairing.code);
    const other = syncClient((await api.device([classA])).token);
    const [laptopCache, otherCache] = [new MemorySyncTarget(), new MemorySyncTarget()];
    expect(await pullDevice(laptop, laptopCache)).toEqual({
      reset: false,
      classes: sorted([classA, classB]),
      students: ['EA1', 'EAB', 'EB1'],
      faces: ['EA1', 'EAB', 'EB1'],
    });
    await pullDevice(other, otherCache);

    // Only its name: the laptop carries on with deltas.
    await api.client.updateDevice({ params: { id: created.device.id }, body: { name: 'Room 12 (left)' } });
    expect((await pullDevice(laptop, laptopCache)).reset).toBe(false);
    // The same classes again change nothing either.
    await api.client.updateDevice({ params: { id: created.device.id }, body: { classIds: [classB, classA] } });
    expect((await pullDevice(laptop, laptopCache)).reset).toBe(false);

    // The timetable changes: the laptop now serves B and C.
    await api.client.updateDevice({ params: { id: created.device.id }, body: { classIds: [classB, classC] } });
    expect(await pullDevice(laptop, laptopCache)).toEqual({
      reset: true,
      classes: sorted([classB, classC]),
      students: ['EAB', 'EB1', 'EC1'],
      faces: ['EAB', 'EB1', 'EC1'],
    });
    const fresh = await freshDevice(laptop);
    expect(laptopCache.embeddings).toEqual(fresh.embeddings);
    expect(laptopCache.classes).toEqual(fresh.classes);
    expect(laptopCache.students).toEqual(fresh.students);
    // Another laptop of class A is not touched: a delta with nothing in it.
    const unchanged = await pullSync(other, otherCache, { modelId: MODEL });
    expect(unchanged).toMatchObject({ reset: false, students: { upserted: 0, deleted: 0 }, embeddings: { upserted: 0, deleted: 0 }, classes: { upserted: 0 } });

    // Once brought up to date, the next pulls are deltas again.
    await api.call('PATCH', '/api/students/EC1', { name: 'Renamed' });
    expect(await pullSync(laptop, laptopCache, { modelId: MODEL })).toMatchObject({ reset: false, students: { upserted: 1 } });
    expect(laptopCache.students.get('EC1')?.name).toBe('Renamed');
  });

  it("gives a teacher's laptop a class its teacher has, and still cuts it to the teacher's classes", async () => {
    await enrol('ET1', 'EU1', 'EV1');
    const classT = await classOf('Teach T', ['ET1']);
    const classU = await classOf('Teach U', ['EU1']);
    const classV = await classOf('Teach V', ['EV1']);
    const teacher = await api.teacher([classT, classU]);
    const created = await api.clientAs(teacher.token).createDevice({ body: { name: 'Room 20', classIds: [classT] } });
    const laptop = syncClient(created.token);
    const cache = new MemorySyncTarget();
    expect(await pullDevice(laptop, cache)).toMatchObject({ classes: [classT], students: ['ET1'] });

    // V is not the teacher's: the laptop acts for them, so it reaches T and U only.
    await api.client.updateDevice({ params: { id: created.device.id }, body: { classIds: [classT, classU, classV] } });
    expect(await pullDevice(laptop, cache)).toEqual({ reset: true, classes: sorted([classT, classU]), students: ['ET1', 'EU1'], faces: ['ET1', 'EU1'] });
    // Given V, the teacher's own scope change brings it.
    await api.client.updateUser({ params: { id: teacher.id }, body: { classIds: [classT, classU, classV] } });
    expect(await pullDevice(laptop, cache)).toEqual({
      reset: true,
      classes: sorted([classT, classU, classV]),
      students: ['ET1', 'EU1', 'EV1'],
      faces: ['ET1', 'EU1', 'EV1'],
    });
  });

  it('answers a pull whose laptop was read before its classes changed as of before the change, so the next pull starts again', async () => {
    await enrol('EF1', 'EG1');
    const classF = await classOf('Race F', ['EF1']);
    const classG = await classOf('Race G', ['EG1']);
    const created = await api.client.createDevice({ body: { name: 'Room 30', classIds: [classF] } });
    const laptop = syncClient(created.token);
    const cache = new MemorySyncTarget();
    await pullDevice(laptop, cache);
    // The same services on the same database: the laptop is read, then the admin changes its classes, then the pull reads its snapshot.
    const services = createServices({ db: api.database.db, dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: null });
    const actor = (await services.auth.authenticate({ bearer: created.token }))!;
    await api.client.updateDevice({ params: { id: created.device.id }, body: { classIds: [classG] } });
    const late = await services.sync.since(cache.revision, 100, MODEL, { actor, scope: scopeOf(actor) });
    expect(late).toMatchObject({ reset: true, more: false, classes: { upserted: [{ id: classF }] } });
    const changed = (await api.client.sync({ query: { since: 0 } })).revision;
    expect(late.revision).toBeLessThan(changed);

    // Stored as pullSync stores a page; the next pull brings the new class and drops the old one.
    await cache.reset();
    await cache.applyStudents(late.students);
    await cache.applyEmbeddings(late.embeddings);
    await cache.applyClasses(late.classes);
    await cache.setRevision(late.revision);
    expect(await pullDevice(laptop, cache)).toEqual({ reset: true, classes: [classG], students: ['EG1'], faces: ['EG1'] });
  });

  it('adds a scope revision of 0 to the devices there are, going down and up again', async () => {
    const { database, drop } = await freshDatabase(dialect);
    try {
      const token = {
        id: 't1',
        kind: 'device',
        token_hash: 'h',
        name: 'Room',
        user_id: null,
        created_by: null,
        created_at: 1,
        last_used_at: null,
        revoked_at: null,
      };
      await database.db
        .insertInto('api_tokens')
        .values({ ...token, scope_revision: 7 })
        .execute();
      await deviceScopes.down(database.db);
      // A device from before: no laptop holds classes an admin could have changed since.
      await deviceScopes.up(database.db);
      const row = await database.db.selectFrom('api_tokens').select('scope_revision').executeTakeFirstOrThrow();
      expect(Number(row.scope_revision)).toBe(0);
    } finally {
      await database.close();
      await drop();
    }
  });
});
