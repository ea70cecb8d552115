// Offline sync of rosters: a whole set read from the current state and paged by cursor (with what
// changes between its pages brought by the next delta), and a roster change that sends a device
// only the students who joined, not the whole class again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResponse } from '@rollcall/contracts';
import { MemorySyncTarget, pullSync, type SyncClient, type SyncQueryInput } from '@rollcall/sync';
import * as rosterJoins from '../src/db/migrations/0014_roster_joins.ts';
import { dialects, freshDatabase, grantConsent, hash, startApi, vectorB64, type TestApi } from './context.ts';

const MODEL = 'faceapi-resnet@1.7.15';
const emb = (seed: number) => ({ modelId: MODEL, vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(`rosters-${seed}`) });
const studentIds = (page: SyncResponse) => page.students.upserted.map((s) => s.studentId).sort();
const owners = (page: SyncResponse) => [...new Set(page.embeddings.upserted.map((e) => e.studentId))].sort();

describe.each(dialects)('roster sync on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let seed = 0;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  /** Students with consent and two embeddings each. */
  const enrol = async (...ids: string[]) => {
    for (const id of ids) expect((await api.call('POST', '/api/students', { studentId: id, name: `Pupil ${id}` })).status).toBe(201);
    await grantConsent(api, ...ids);
    for (const id of ids) expect((await api.call('POST', `/api/students/${id}/embeddings`, { embeddings: [emb(++seed), emb(++seed)] })).status).toBe(201);
  };

  it('sends a device the student who joined its class with their embeddings, and no one else of the class again', async () => {
    await enrol('RA1', 'RA2', 'RA3', 'RA4', 'RB1', 'RB2');
    classA = (await api.call('POST', '/api/classes', { name: 'Rosters A', studentIds: ['RA1', 'RA2', 'RA3'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Rosters B', studentIds: ['RB1'] })).body.id;
    const device = api.clientAs((await api.device([classA])).token);
    const whole = await device.sync({ query: { since: 0 } });
    expect(studentIds(whole)).toEqual(['RA1', 'RA2', 'RA3']);
    expect(whole.embeddings.upserted).toHaveLength(6);

    await api.call('PUT', `/api/classes/${classA}/students/RA4`);
    const joined = await device.sync({ query: { since: whole.revision } });
    expect(studentIds(joined)).toEqual(['RA4']);
    expect(owners(joined)).toEqual(['RA4']);
    expect(joined.embeddings.upserted).toHaveLength(2);
    expect(joined.classes.upserted).toEqual([{ id: classA, name: 'Rosters A', studentIds: ['RA1', 'RA2', 'RA3', 'RA4'] }]);

    // Leaving and replacing a roster: only the id list, and the one who is new to the class.
    await api.call('DELETE', `/api/classes/${classA}/students/RA1`);
    await api.call('PUT', `/api/classes/${classA}/students`, { studentIds: ['RA2', 'RA3', 'RA4', 'RB2'] });
    const changed = await device.sync({ query: { since: joined.revision } });
    expect(studentIds(changed)).toEqual(['RB2']);
    expect(owners(changed)).toEqual(['RB2']);
    expect(changed.classes.upserted).toEqual([{ id: classA, name: 'Rosters A', studentIds: ['RA2', 'RA3', 'RB2', 'RA4'].sort() }]);

    // Another class's joins are none of this device's business; the admin has every student already.
    await api.call('PUT', `/api/classes/${classB}/students/RB2`);
    const elsewhere = await device.sync({ query: { since: changed.revision } });
    expect(elsewhere).toMatchObject({ students: { upserted: [] }, embeddings: { upserted: [] }, classes: { upserted: [] } });
    expect(studentIds((await api.client.sync({ query: { since: changed.revision } })) as SyncResponse)).toEqual([]);
  });

  it('sends whole rosters to a device asking from before roster joins were logged', async () => {
    const device = api.clientAs((await api.device([classA])).token);
    const before = (await device.sync({ query: { since: 0 } })).revision;
    await api.call('PUT', `/api/classes/${classA}/students/RA1`);
    const head = (await api.client.sync({ query: { since: before } })).revision;
    await api.database.db.updateTable('sync_state').set({ member_log_from: head }).where('id', '=', 1).execute();
    try {
      const delta = await device.sync({ query: { since: before } });
      expect(studentIds(delta)).toEqual(['RA1', 'RA2', 'RA3', 'RA4', 'RB2']);
      expect(owners(delta)).toEqual(['RA1', 'RA2', 'RA3', 'RA4', 'RB2']);
    } finally {
      await api.database.db.updateTable('sync_state').set({ member_log_from: 0 }).where('id', '=', 1).execute();
    }
  });

  it('pages a whole set from the state at its first page, and the next delta brings what changed between pages', async () => {
    await enrol('WP0', 'WP2', 'WP3', 'WP4', 'WP5', 'WP6', 'WP1');
    const classW = (await api.call('POST', '/api/classes', { name: 'Whole pages', studentIds: ['WP2', 'WP3', 'WP4', 'WP5', 'WP6'] })).body.id;
    const device = api.clientAs((await api.device([classW])).token);
    // pullSync's view of the API: one page per query, as fetchTransport gives it.
    const asked: SyncQueryInput[] = [];
    const laptop: SyncClient = {
      sync: (query, opts) => {
        asked.push(query);
        return device.sync({ query }, opts);
      },
    };
    let pages = 0;
    const between: SyncClient = {
      async sync(query, opts) {
        const page = await laptop.sync(query, opts);
        if (pages++ === 0) {
          // After the first page (WP2, two embeddings: limit 4 holds one student): a rename of a
          // student sent, a deletion of one not yet sent, a joiner before the cursor, and a new face.
          expect(studentIds(page)).toEqual(['WP2']);
          await api.call('PATCH', '/api/students/WP2', { name: 'Renamed' });
          await api.call('DELETE', '/api/students/WP5');
          await api.call('PUT', `/api/classes/${classW}/students/WP0`);
          await api.call('POST', '/api/students/WP3/embeddings', { embeddings: [emb(++seed)] });
        }
        return page;
      },
    };
    const target = new MemorySyncTarget();
    // Leftovers of an interrupted whole set: a whole set starts from an empty cache.
    await target.applyStudents({ upserted: [{ ...(await device.getStudent({ params: { studentId: 'WP6' } })), studentId: 'GONE' }], deleted: [] });
    const first = await pullSync(between, target, { modelId: MODEL, limit: 4 });
    expect(first.pages).toBeGreaterThan(2);
    expect(target.students.has('GONE')).toBe(false);
    expect([...target.classes.keys()]).toEqual([classW]);
    // The pages after the first read the rows as they are then; WP0 joined behind the cursor.
    expect([...target.students.keys()].sort()).toEqual(['WP2', 'WP3', 'WP4', 'WP6']);
    expect(target.students.get('WP2')?.name).toBe('Pupil WP2');

    asked.length = 0;
    const next = await pullSync(laptop, target, { modelId: MODEL, limit: 4 });
    expect(asked[0]).toMatchObject({ since: first.revision });
    expect(asked.every((q) => q.cursor === undefined)).toBe(true);
    expect(next.reset).toBe(false);
    expect([...target.students.keys()].sort()).toEqual(['WP0', 'WP2', 'WP3', 'WP4', 'WP6']);
    expect(target.students.get('WP2')?.name).toBe('Renamed');
    const truth = new MemorySyncTarget();
    await pullSync(laptop, truth, { modelId: MODEL });
    expect(truth.revision).toBe(target.revision);
    expect([...target.embeddings.keys()].sort()).toEqual([...truth.embeddings.keys()].sort());
    expect(target.classes).toEqual(truth.classes);
  });

  it('refuses a cursor it did not give, or one sent with a revision', async () => {
    const bad = await api.call('GET', '/api/sync?since=0&cursor=bm90LW91cnM');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation-failed');
    const page = await api.call('GET', '/api/sync?since=0&limit=1');
    expect(page.body.cursor).toEqual(expect.any(String));
    const mixed = await api.call('GET', `/api/sync?since=3&cursor=${page.body.cursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.code).toBe('validation-failed');
  });

  it('marks where roster joins began to be logged, going up and down', async () => {
    const { database, drop } = await freshDatabase(dialect);
    try {
      await rosterJoins.down(database.db);
      await database.db.updateTable('sync_state').set({ revision: 42 }).where('id', '=', 1).execute();
      await rosterJoins.up(database.db);
      const row = await database.db.selectFrom('sync_state').select(['revision', 'member_log_from']).executeTakeFirstOrThrow();
      expect([Number(row.revision), Number(row.member_log_from)]).toEqual([42, 42]);
    } finally {
      await database.close();
      await drop();
    }
  });
});
