// Learned embeddings from classroom devices and teachers (POST /api/students/:id/learned-embeddings):
// who may post them (the roster checked inside the write), consent, the per-student cap, how each
// was confirmed, bad vectors, duplicates and sync, on both databases. Each student here has an
// enrolment photo and each post rests on a mark the caller made (sightings.ts); what the server
// refuses of a face itself is in security-learning.test.ts.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeVector, float32ToBytes, MAX_LEARNED_PER_STUDENT } from '@rollcall/contracts';
import { dialects, grantConsent, startApi, vectorB64, type TestApi } from './context.ts';
import { b64, enrolPhoto, markSeen, near, unit } from './sightings.ts';

const FACEAPI = 'faceapi-resnet@1.7.15';
const learned = { deviceId: 'browser-1a2b3c4d', how: 'clear-mark', sightedAt: '2026-12-03T08:55:12.000Z' } as const;
/** A frame of the posted-for student: its vector is made in `post`, near that student's photo. */
const emb = (seed: number, over: Record<string, unknown> = {}) => ({ modelId: FACEAPI, vector: `frame:${seed}`, quality: 0.9, learned, ...over });
const photos = new Map<string, Float32Array>();
let classOfAll = '';
/**
 * Posts as `token` (the admin when undefined) after the caller marked the student by camera, each
 * frame then a new view of the student's photo seen at that mark. `seen: false` posts without marking.
 */
const post = async (
  api: TestApi,
  studentId: string,
  embeddings: Record<string, unknown>[],
  token?: string | null,
  opts: { seen?: boolean; method?: 'face' | 'manual' } = {},
) => {
  const at = opts.seen === false ? new Date().toISOString() : (await markSeen(api, classOfAll, studentId, token, opts.method)).at;
  const photo = photos.get(studentId) ?? unit(1);
  const body = embeddings.map((e) => {
    const frame = typeof e.vector === 'string' && e.vector.startsWith('frame:') ? b64(near(photo, 0.975, Number(e.vector.slice(6)))) : e.vector;
    const sighted = e.learned && typeof e.learned === 'object' ? { learned: { ...e.learned, sightedAt: at } } : {};
    return { ...e, vector: frame, ...sighted };
  });
  return api.call('POST', `/api/students/${studentId}/learned-embeddings`, { embeddings: body }, token === undefined ? {} : { token });
};
/**
 * Waits (by condition, not by time) until another connection to this test's MySQL database is in a
 * query locking `table` rows: with the rows held by the test, that query is waiting for them.
 * (MariaDB lists such a waiter in PROCESSLIST at once, not always in INNODB_TRX.)
 */
async function waitingFor(api: TestApi, table: string) {
  for (let tries = 0; tries < 500; tries++) {
    const { rows } = await sql<{ n: number }>`
      SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
      WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE ${`%from \`${table}\`%for update%`}`.execute(api.database.db);
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no query came to wait for the ${table} rows`);
}
const learnedCount = async (api: TestApi, studentId: string) =>
  (await api.call('GET', `/api/students/${studentId}/embeddings`)).body.items.filter((e: { origin: string }) => e.origin === 'sighting').length;

describe.each(dialects)('learned embeddings on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let n = 0;
  /** A student on class A's roster, with consent granted unless told otherwise. */
  const student = async (consent = true) => {
    const id = `L${++n}`;
    await api.call('POST', '/api/students', { studentId: id, name: `Learner ${n}` });
    await api.call('PUT', `/api/classes/${classA}/students/${id}`);
    photos.set(id, unit(1000 + n));
    if (consent) {
      await grantConsent(api, id);
      await enrolPhoto(api, id, photos.get(id)!, id);
    }
    return id;
  };

  beforeAll(async () => {
    api = await startApi(dialect);
    classA = (await api.call('POST', '/api/classes', { name: 'Class A' })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Class B' })).body.id;
    classOfAll = classA;
  });
  afterAll(() => api.close());

  it('stores a learned embedding with its provenance, hashed by its stored bytes, and lists it as learned', async () => {
    const id = await student();
    const res = await post(api, id, [emb(1)]);
    expect(res.status).toBe(201);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0].status).toBe('created');
    const items = (await api.call('GET', `/api/students/${id}/embeddings?includeVectors=true`)).body.items.filter(
      (e: { origin: string }) => e.origin === 'sighting',
    );
    expect(items).toHaveLength(1);
    // Posted by the admin: recorded under the admin, not the browser id sent.
    expect(items[0]).toMatchObject({
      origin: 'sighting',
      learned: { how: 'clear-mark', deviceId: expect.stringMatching(/^user:/) },
      sourceHash: res.body.results[0].sourceHash,
    });
    const stored = float32ToBytes(decodeVector(items[0].vector)!);
    expect(res.body.results[0].sourceHash).toBe(createHash('sha256').update(stored).digest('hex'));
  });

  it('lets a device or a teacher of the class post, and answers student-not-found to those of another class', async () => {
    const id = await student();
    const callers = {
      deviceOfA: (await api.device([classA])).token,
      teacherOfA: (await api.teacher([classA])).token,
      deviceOfB: (await api.device([classB])).token,
      teacherOfB: (await api.teacher([classB])).token,
      anonymous: null,
    };
    const got: Record<string, string> = {};
    let seed = 100;
    for (const [who, token] of Object.entries(callers)) {
      const res = await post(api, id, [emb(++seed)], token);
      got[who] = res.status === 201 ? 'created' : res.body.error.code;
    }
    expect(got).toEqual({
      deviceOfA: 'created',
      teacherOfA: 'created',
      deviceOfB: 'student-not-found',
      teacherOfB: 'student-not-found',
      anonymous: 'unauthenticated',
    });
    // The same answer for an id that exists nowhere.
    expect((await post(api, 'NOBODY', [emb(120)], callers.deviceOfA)).body.error.code).toBe('student-not-found');
    expect((await post(api, 'NOBODY', [emb(121)])).body.error.code).toBe('student-not-found');
    expect(await learnedCount(api, id)).toBe(2);
  });

  it('refuses a student without granted consent, and one whose consent was withdrawn', async () => {
    const none = await student(false);
    const res = await post(api, none, [emb(200)]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('consent-required');
    const withdrawn = await student();
    await api.call('POST', `/api/students/${withdrawn}/consent`, { status: 'withdrawn', onBehalfOf: 'parent' });
    expect((await post(api, withdrawn, [emb(201)])).body.error.code).toBe('consent-required');
    expect(await learnedCount(api, none)).toBe(0);
    expect(await learnedCount(api, withdrawn)).toBe(0);
  });

  it('keeps at most the cap of learned embeddings per student: a new one at the cap replaces the oldest, and devices drop it', async () => {
    const id = await student();
    const device = await api.device([classA]);
    const ids: string[] = [];
    for (let i = 0; i < MAX_LEARNED_PER_STUDENT; i += 2) {
      const res = await post(api, id, [emb(300 + i), emb(301 + i)], device.token);
      expect(res.status).toBe(201);
      ids.push(...res.body.results.map((r: { id: string }) => r.id));
    }
    const before = (await api.clientAs(device.token).sync({ query: { since: 0 } })).revision;
    const next = await post(api, id, [emb(399)], device.token);
    expect(next.status).toBe(201);
    const now: string[] = (await api.call('GET', `/api/students/${id}/embeddings`)).body.items
      .filter((e: { origin: string }) => e.origin === 'sighting')
      .map((e: { id: string }) => e.id);
    expect(now).toHaveLength(MAX_LEARNED_PER_STUDENT);
    expect(now).toContain(next.body.results[0].id);
    // One of the first post's two went (both were learned at the same moment).
    const gone = ids.filter((i) => !now.includes(i));
    expect(gone).toHaveLength(1);
    expect(ids.slice(0, 2)).toContain(gone[0]);
    expect((await api.clientAs(device.token).sync({ query: { since: before } })).embeddings.deleted).toEqual(gone);
    // What it already holds is a duplicate, not one more.
    expect((await post(api, id, [emb(302)], device.token)).body.results[0].status).toBe('duplicate');
    expect(await learnedCount(api, id)).toBe(MAX_LEARNED_PER_STUDENT);
  });

  it('records a paired laptop as itself and a person as themself, whatever device id either sends', async () => {
    const id = await student();
    const device = await api.device([classA]);
    const teacher = await api.teacher([classA]);
    await post(api, id, [emb(700, { learned: { ...learned, deviceId: 'someone-else' } })], device.token);
    // A teacher naming the paired laptop does not make the student's page say "laptop Room 12".
    await post(api, id, [emb(701, { learned: { ...learned, deviceId: device.id } })], teacher.token);
    const items = (await api.call('GET', `/api/students/${id}/embeddings`)).body.items.filter((e: { origin: string }) => e.origin === 'sighting');
    expect(items.map((e: { learned: { deviceId: string } }) => e.learned.deviceId).sort()).toEqual([device.id, `user:${teacher.id}`.slice(0, 36)].sort());
  });

  it("records how each was confirmed from the caller's mark, not from what it says: a camera mark or a teacher's confirmation of a review item", async () => {
    const id = await student();
    const device = (await api.device([classA])).token;
    const teacher = (await api.teacher([classA])).token;
    expect((await post(api, id, [emb(702, { learned: { ...learned, how: 'review-confirmed' } })], device)).status).toBe(201);
    expect((await post(api, id, [emb(703)], teacher, { method: 'manual' })).status).toBe(201);
    const items = (await api.call('GET', `/api/students/${id}/embeddings`)).body.items.filter((e: { origin: string }) => e.origin === 'sighting');
    expect(items.map((e: { learned: { how: string; deviceId: string } }) => [e.learned.deviceId.startsWith('user:'), e.learned.how])).toEqual([
      [false, 'clear-mark'],
      [true, 'review-confirmed'],
    ]);
  });

  it('checks the roster with the student locked: one taken off the class while the post waits gets nothing', async () => {
    const id = await student();
    const device = (await api.device([classA])).token;
    await markSeen(api, classA, id, device);
    // Another writer holds the student and takes them off class A. On MySQL the post waits for that
    // lock and must then see the roster as it is; a check made before waiting would still find the
    // student on it and store the embedding. (SQLite serialises every query of this one process
    // behind the open transaction, so there the post cannot start before the commit.)
    const { pending } = await api.database.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('students').select('student_id').where('student_id', '=', id);
      if (dialect === 'mysql') q = q.forUpdate();
      await q.execute();
      await trx.deleteFrom('class_students').where('student_id', '=', id).where('class_id', '=', classA).execute();
      const pending = post(api, id, [emb(704)], device, { seen: false });
      if (dialect === 'mysql') await waitingFor(api, 'students');
      // Wrapped: returning the promise itself would make the transaction wait for the post it blocks.
      return { pending };
    });
    const answer = await pending;
    expect(answer.body.error?.code).toBe('student-not-found');
    expect(await learnedCount(api, id)).toBe(0);
  });

  it('answers duplicate for the same vector posted again, by any caller, and within one post', async () => {
    const id = await student();
    const first = await post(api, id, [emb(400), emb(400)]);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'duplicate']);
    const again = await post(api, id, [emb(400, { learned: { ...learned, deviceId: 'another-laptop' } })], (await api.teacher([classA])).token);
    expect(again.status).toBe(201);
    expect(again.body.results[0]).toEqual({ ...first.body.results[0], status: 'duplicate' });
    expect(await learnedCount(api, id)).toBe(1);
  });

  const nan = (v: Float32Array) => void (v[5] = Number.NaN);
  it.each([
    ['a wrong size', emb(9, { vector: vectorB64(127, 9) }), 'embedding-wrong-dimension'],
    ['a NaN', emb(9, { vector: vectorB64(128, 9, nan) }), 'embedding-not-finite'],
    ['all zeros', emb(9, { vector: Buffer.alloc(512).toString('base64') }), 'embedding-all-zero'],
    ['no provenance', emb(9, { learned: undefined }), 'validation-failed'],
    ['a source hash of its own', emb(9, { sourceHash: 'a'.repeat(64) }), 'validation-failed'],
    ['an unknown way of confirming', emb(9, { learned: { ...learned, how: 'guessed' } }), 'validation-failed'],
  ])('refuses %s with 400 and stores nothing of the post', async (_case, bad, code) => {
    const id = await student();
    const res = await post(api, id, [emb(10), bad]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await learnedCount(api, id)).toBe(0);
  });

  it('refuses an empty post and more than a few at once', async () => {
    const id = await student();
    expect((await post(api, id, [])).body.error.code).toBe('validation-failed');
    expect(
      (
        await post(
          api,
          id,
          [1, 2, 3, 4, 5].map((s) => emb(500 + s)),
        )
      ).body.error.code,
    ).toBe('validation-failed');
  });

  it("reaches the class's devices at their next sync, with where it came from", async () => {
    const id = await student();
    const device = await api.device([classA]);
    const before = (await api.clientAs(device.token).sync({ query: { since: 0 } })).revision;
    const added = (await post(api, id, [emb(600)], device.token)).body.results[0].id;
    const delta = await api.clientAs(device.token).sync({ query: { since: before } });
    const got = delta.embeddings.upserted.find((e) => e.id === added);
    expect(got).toMatchObject({ studentId: id, origin: 'sighting', learned: { how: 'clear-mark', deviceId: device.id } });
    expect(got?.vector).toBeTruthy();
  });
});
