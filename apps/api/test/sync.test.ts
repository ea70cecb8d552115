// Offline sync: full set at since=0, compact deltas, deletions, paging, and a server reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeVector } from '@rollcall/contracts';
import { dialects, grantConsent, hash, startApi, vectorB64, type TestApi } from './context.ts';

const emb = (seed: number) => ({ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(seed) });

describe.each(dialects)('sync on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('returns the whole canonical set at since=0 and only changes after', async () => {
    const empty = await api.call('GET', '/api/sync?since=0');
    expect(empty.body).toMatchObject({ since: 0, revision: 0, more: false, reset: false, students: { upserted: [], deleted: [] } });

    await api.call('POST', '/api/students', { studentId: 'S1', name: 'One' });
    await api.call('POST', '/api/students', { studentId: 'S2', name: 'Two' });
    await grantConsent(api, 'S1', 'S2');
    await api.call('POST', '/api/students/S1/embeddings', { embeddings: [emb(1), emb(2)] });
    await api.call('POST', '/api/students/S2/embeddings', { embeddings: [{ ...emb(3), modelId: 'human-faceres@3.3.6', vector: vectorB64(1024, 3) }] });
    const cls = (await api.call('POST', '/api/classes', { name: 'C', studentIds: ['S1'] })).body;

    const full = await api.call('GET', '/api/sync?since=0');
    expect(full.body.students.upserted.map((s: { studentId: string }) => s.studentId).sort()).toEqual(['S1', 'S2']);
    expect(full.body.embeddings.upserted).toHaveLength(3);
    expect(decodeVector(full.body.embeddings.upserted[0].vector)).toHaveLength(128);
    expect(full.body.classes.upserted).toEqual([{ id: cls.id, name: 'C', studentIds: ['S1'] }]);
    // Vectors travel as base64 text, not JSON number arrays.
    expect(typeof full.body.embeddings.upserted[0].vector).toBe('string');
    const onlyFaceapi = await api.call('GET', '/api/sync?since=0&modelId=faceapi-resnet@1.7.15');
    expect(onlyFaceapi.body.embeddings.upserted).toHaveLength(2);

    const rev = full.body.revision;
    expect((await api.call('GET', `/api/sync?since=${rev}`)).body).toMatchObject({
      revision: rev,
      students: { upserted: [] },
      embeddings: { upserted: [], deleted: [] },
    });

    await api.call('PATCH', '/api/students/S2', { name: 'Two Renamed' });
    const e = (await api.call('GET', '/api/students/S1/embeddings')).body.items[0].id;
    await api.call('DELETE', `/api/students/S1/embeddings/${e}`);
    const delta = await api.call('GET', `/api/sync?since=${rev}`);
    expect(delta.body.students.upserted.map((s: { name: string }) => s.name)).toEqual(['Two Renamed']);
    expect(delta.body.embeddings).toEqual({ upserted: [], deleted: [e] });

    const rev2 = delta.body.revision;
    await api.call('DELETE', '/api/students/S1');
    const afterDelete = await api.call('GET', `/api/sync?since=${rev2}`);
    expect(afterDelete.body.students.deleted).toEqual(['S1']);
    expect(afterDelete.body.embeddings.deleted).toHaveLength(1);
    expect(afterDelete.body.classes.upserted).toEqual([{ id: cls.id, name: 'C', studentIds: [] }]);
    // A device that starts now gets no tombstones, just the current set.
    const fresh = await api.call('GET', '/api/sync?since=0');
    expect(fresh.body.students.deleted).toEqual([]);
    expect(fresh.body.students.upserted.map((s: { studentId: string }) => s.studentId)).toEqual(['S2']);
  });

  it('pages a whole set by cursor and a delta by revision, and tells a device from the future to reset', async () => {
    const start = (await api.call('GET', '/api/sync?since=0')).body.revision;
    for (let i = 0; i < 7; i++) await api.call('POST', '/api/students', { studentId: `P${i}`, name: `Page ${i}` });
    const pageThrough = async (from: number) => {
      const seen: string[] = [];
      let since = from;
      let cursor: string | null = null;
      let pages = 0;
      for (;;) {
        const page = await api.call('GET', `/api/sync?since=${since}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.students.upserted.map((s: { studentId: string }) => s.studentId));
        ({ revision: since, cursor } = page.body);
        pages++;
        if (!page.body.more) return { seen, pages, revision: since };
        // A whole set records its revision only with its last page.
        if (from === 0) expect(page.body.revision).toBe(0);
      }
    };
    const whole = await pageThrough(0);
    expect(whole.pages).toBeGreaterThan(2);
    expect(new Set(whole.seen).size).toBe(whole.seen.length);
    for (let i = 0; i < 7; i++) expect(whole.seen).toContain(`P${i}`);
    const changes = await pageThrough(start);
    expect(changes.pages).toBeGreaterThan(2);
    expect(changes.seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `P${i}`));
    const since = changes.revision;
    expect(whole.revision).toBe(since);
    const future = await api.call('GET', `/api/sync?since=${since + 1000}`);
    expect(future.body.reset).toBe(true);
    expect(future.body.students.upserted.length).toBeGreaterThan(7);
    expect((await api.call('GET', '/api/sync?since=-1')).status).toBe(400);
  });
});
