// Offline sync when an account's classes change: the teacher's browser and the laptop that acts for
// them get the class given on their next pull, with its students and their faces, and lose the class
// taken away with the faces of students on none of their remaining rosters. Other callers carry on
// with deltas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySyncTarget, pullSync } from '@rollcall/sync';
import { MODEL, freshDevice, pullDevice, sorted, syncDevices } from './sync-devices.ts';
import * as scopeRevisions from '../src/db/migrations/0015_scope_revisions.ts';
import { createServices } from '../src/services.ts';
import { scopeOf } from '../src/shared/actor.ts';
import { dialects, freshDatabase, startApi, type TestApi } from './context.ts';

describe.each(dialects)('sync after a change of classes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  const { enrol, classOf, syncClient } = syncDevices(() => api, 'scope');

  it("brings a teacher's laptop and browser the class given to the teacher, and takes away the class taken away with its students' faces", async () => {
    await enrol('SA1', 'SA2', 'SB1', 'SB2', 'SC1');
    const classA = await classOf('Scope A', ['SA1', 'SA2']);
    // SA2 is on both rosters: losing class A leaves them on the laptop for class B.
    const classB = await classOf('Scope B', ['SB1', 'SB2', 'SA2']);
    const classC = await classOf('Scope C', ['SC1']);
    const teacher = await api.teacher([classA, classB]);
    // The teacher registers the laptop for both classes: it acts for them, so it serves only the classes they still have.
    const laptopToken = (await api.clientAs(teacher.token).createDevice({ body: { name: 'Room 12', classIds: [classA, classB] } })).token;
    await api.client.updateUser({ params: { id: teacher.id }, body: { classIds: [classA] } });

    const laptop = syncClient(laptopToken);
    const browser = syncClient(teacher.token);
    const other = syncClient((await api.device([classC])).token);
    const [laptopCache, browserCache, otherCache] = [new MemorySyncTarget(), new MemorySyncTarget(), new MemorySyncTarget()];
    const onlyA = { classes: [classA], students: ['SA1', 'SA2'], faces: ['SA1', 'SA2'] };
    expect(await pullDevice(laptop, laptopCache)).toMatchObject(onlyA);
    expect(await pullDevice(browser, browserCache)).toMatchObject(onlyA);
    expect(await pullDevice(other, otherCache)).toMatchObject({ classes: [classC], students: ['SC1'] });

    // 8:55: the admin gives the teacher class B back.
    await api.client.updateUser({ params: { id: teacher.id }, body: { classIds: [classA, classB] } });
    const both = { reset: true, classes: sorted([classA, classB]), students: ['SA1', 'SA2', 'SB1', 'SB2'], faces: ['SA1', 'SA2', 'SB1', 'SB2'] };
    expect(await pullDevice(laptop, laptopCache)).toEqual(both);
    expect(await pullDevice(browser, browserCache)).toEqual(both);
    expect(laptopCache.embeddings).toEqual((await freshDevice(laptop)).embeddings);
    expect(laptopCache.classes).toEqual((await freshDevice(laptop)).classes);
    // Nothing changed for another classroom: its pull is a delta with nothing in it.
    const unchanged = await pullSync(other, otherCache, { modelId: MODEL });
    expect(unchanged).toMatchObject({ reset: false, students: { upserted: 0, deleted: 0 }, embeddings: { upserted: 0, deleted: 0 }, classes: { upserted: 0 } });

    // The admin takes class A away from its side (the class's teachers): SA1's face leaves both caches, SA2 stays for class B.
    await api.client.setClassTeachers({ params: { id: classA }, body: { userIds: [] } });
    const onlyB = { reset: true, classes: [classB], students: ['SA2', 'SB1', 'SB2'], faces: ['SA2', 'SB1', 'SB2'] };
    expect(await pullDevice(laptop, laptopCache)).toEqual(onlyB);
    expect(await pullDevice(browser, browserCache)).toEqual(onlyB);
    expect(laptopCache.embeddings).toEqual((await freshDevice(laptop)).embeddings);
    expect((await pullSync(other, otherCache, { modelId: MODEL })).reset).toBe(false);

    // Once brought up to date, the next pulls are deltas again.
    await api.call('PATCH', '/api/students/SB1', { name: 'Renamed' });
    const after = await pullSync(laptop, laptopCache, { modelId: MODEL });
    expect(after).toMatchObject({ reset: false, students: { upserted: 1 } });
    expect(laptopCache.students.get('SB1')?.name).toBe('Renamed');
  });

  it("leaves other teachers' devices on deltas, and starts a teacher's again when their role changes", async () => {
    await enrol('SD1', 'SE1');
    const classD = await classOf('Scope D', ['SD1']);
    const classE = await classOf('Scope E', ['SE1']);
    const teacher = await api.teacher([classD]);
    const colleague = await api.teacher([classE]);
    const browser = syncClient(teacher.token);
    const cache = new MemorySyncTarget();
    await pullDevice(browser, cache);

    await api.client.updateUser({ params: { id: colleague.id }, body: { classIds: [classD, classE] } });
    await api.client.setClassTeachers({ params: { id: classE }, body: { userIds: [] } });
    // Setting the same classes again changes nothing.
    await api.client.updateUser({ params: { id: teacher.id }, body: { classIds: [classD] } });
    expect(await pullDevice(browser, cache)).toEqual({ reset: false, classes: [classD], students: ['SD1'], faces: ['SD1'] });

    // An admin's scope is every class.
    await api.client.updateUser({ params: { id: teacher.id }, body: { role: 'admin' } });
    const promoted = await pullDevice(browser, cache);
    expect(promoted.reset).toBe(true);
    expect(promoted.classes).toEqual(expect.arrayContaining([classD, classE]));
    expect(promoted.students).toEqual(expect.arrayContaining(['SD1', 'SE1']));
  });

  it("brings a cover teacher's browser the class covered today, and takes it away with the cover", async () => {
    // A fixed clock at noon: the cover's day is the server's today however long the test takes.
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    const tomorrow = new Date(noon);
    tomorrow.setDate(noon.getDate() + 1);
    // As the server counts school days: in its own zone.
    const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const day = dayOf(noon);
    const school = await startApi(dialect, { now: () => noon.getTime() });
    try {
      const here = syncDevices(() => school, 'scope-noon');
      await here.enrol('SH1', 'SI1');
      const classH = await here.classOf('Scope H', ['SH1']);
      const classI = await here.classOf('Scope I', ['SI1']);
      const teacher = await school.teacher([classH]);
      const browser = here.syncClient(teacher.token);
      const cache = new MemorySyncTarget();
      await pullDevice(browser, cache);

      // Tomorrow's cover changes nothing today.
      await school.call('POST', `/api/classes/${classI}/covers`, { userId: teacher.id, day: dayOf(tomorrow) });
      expect((await pullDevice(browser, cache)).reset).toBe(false);
      const cover = await school.call('POST', `/api/classes/${classI}/covers`, { userId: teacher.id, day });
      expect(await pullDevice(browser, cache)).toEqual({ reset: true, classes: sorted([classH, classI]), students: ['SH1', 'SI1'], faces: ['SH1', 'SI1'] });
      expect((await school.call('DELETE', `/api/covers/${cover.body.id}`)).status).toBe(200);
      expect(await pullDevice(browser, cache)).toEqual({ reset: true, classes: [classH], students: ['SH1'], faces: ['SH1'] });
    } finally {
      await school.close();
    }
  });

  it('answers a pull whose caller was read before their classes changed as of before the change, so the next pull starts again', async () => {
    await enrol('SF1', 'SG1');
    const classF = await classOf('Scope F', ['SF1']);
    const classG = await classOf('Scope G', ['SG1']);
    const teacher = await api.teacher([classF]);
    const browser = syncClient(teacher.token);
    const cache = new MemorySyncTarget();
    await pullDevice(browser, cache);
    // The same services on the same database: the caller is read, then the admin gives the class, then the pull reads its snapshot.
    const services = createServices({ db: api.database.db, dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: null });
    const actor = (await services.auth.authenticate({ bearer: teacher.token }))!;
    await api.client.updateUser({ params: { id: teacher.id }, body: { classIds: [classF, classG] } });
    const late = await services.sync.since(cache.revision, 100, MODEL, { actor, scope: scopeOf(actor) });
    expect(late).toMatchObject({ reset: true, more: false, classes: { upserted: [{ id: classF }] } });
    const given = (await api.client.sync({ query: { since: 0 } })).revision;
    expect(late.revision).toBeLessThan(given);

    // Stored as pullSync stores a page; the next pull brings the class given.
    await cache.reset();
    await cache.applyStudents(late.students);
    await cache.applyEmbeddings(late.embeddings);
    await cache.applyClasses(late.classes);
    await cache.setRevision(late.revision);
    expect(await pullDevice(browser, cache)).toEqual({ reset: true, classes: sorted([classF, classG]), students: ['SF1', 'SG1'], faces: ['SF1', 'SG1'] });
  });

  it('adds a scope revision of 0 to the accounts there are, going down and up again', async () => {
    const { database, drop } = await freshDatabase(dialect);
    try {
      await database.db
        .insertInto('users')
        .values({
          id: 'u1',
          email: 'a@b.example',
          name: 'A',
          role: 'teacher',
          password_hash: 'x',
          disabled_at: null,
          created_at: 1,
          updated_at: 1,
          scope_revision: 7,
        })
        .execute();
      await scopeRevisions.down(database.db);
      // An account from before: no device holds a scope it could have changed since.
      await scopeRevisions.up(database.db);
      const row = await database.db.selectFrom('users').select('scope_revision').executeTakeFirstOrThrow();
      expect(Number(row.scope_revision)).toBe(0);
    } finally {
      await database.close();
      await drop();
    }
  });
});
