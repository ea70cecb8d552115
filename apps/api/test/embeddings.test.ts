// Embeddings: binary storage, model and dimension checks, duplicate photos, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeVector } from '@rollcall/contracts';
import { dialects, grantConsent, hash, startApi, vectorB64, type TestApi } from './context.ts';

const FACEAPI = 'faceapi-resnet@1.7.15';
const FACERES = 'human-faceres@3.3.6';
const emb = (seed: number, over: Record<string, unknown> = {}) => ({
  modelId: FACEAPI,
  vector: vectorB64(128, seed),
  quality: 0.8,
  sourceHash: hash(seed),
  ...over,
});

describe.each(dialects)('embeddings on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'S001', name: 'John' });
    await grantConsent(api, 'S001');
  });
  afterAll(() => api.close());

  it('stores several embeddings, unit length, as float32 bytes, and lists them', async () => {
    const res = await api.call('POST', '/api/students/S001/embeddings', {
      embeddings: [emb(1), emb(2), { ...emb(3), modelId: FACERES, vector: vectorB64(1024, 3) }],
    });
    expect(res.status).toBe(201);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'created']);

    const row = await api.database.db.selectFrom('face_embeddings').select(['vector', 'dim']).where('model_id', '=', FACEAPI).executeTakeFirstOrThrow();
    expect(row.vector.byteLength).toBe(128 * 4);
    expect(row.dim).toBe(128);

    const list = await api.call('GET', '/api/students/S001/embeddings');
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items[0].vector).toBeUndefined();
    const withVectors = await api.call('GET', `/api/students/S001/embeddings?includeVectors=true&modelId=${FACEAPI}`);
    expect(withVectors.body.items).toHaveLength(2);
    const v = decodeVector(withVectors.body.items[0].vector)!;
    expect(v).toHaveLength(128);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect((await api.call('GET', '/api/students/S001')).body.embeddingCount).toBe(3);
  });

  it('adds nothing for a photo it already has (same content hash), also within one request', async () => {
    const again = await api.call('POST', '/api/students/S001/embeddings', { embeddings: [emb(1), emb(4), emb(4)] });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'created', 'duplicate']);
    expect(again.body.results[1].id).toBe(again.body.results[2].id);
    expect((await api.call('GET', '/api/students/S001')).body.embeddingCount).toBe(4);
  });

  const nan = (v: Float32Array) => void (v[5] = Number.NaN);
  const inf = (v: Float32Array) => void (v[0] = Number.POSITIVE_INFINITY);
  it.each([
    ['a wrong dimension', emb(9, { vector: vectorB64(127, 9) }), 'embedding-wrong-dimension'],
    ['faceres size under the 128-d model', emb(9, { vector: vectorB64(1024, 9) }), 'embedding-wrong-dimension'],
    ['a NaN', emb(9, { vector: vectorB64(128, 9, nan) }), 'embedding-not-finite'],
    ['an Infinity', emb(9, { vector: vectorB64(128, 9, inf) }), 'embedding-not-finite'],
    ['all zeros', emb(9, { vector: Buffer.alloc(512).toString('base64') }), 'embedding-all-zero'],
    ['an unknown model', emb(9, { modelId: 'facenet@1' }), 'unknown-model'],
    ['text that is not base64', emb(9, { vector: '!!!!not base64!!' }), 'embedding-not-base64'],
    ['a JSON array instead of base64', emb(9, { vector: [0.1, 0.2] }), 'validation-failed'],
    ['a quality above 1', emb(9, { quality: 1.5 }), 'validation-failed'],
    ['a bad hash', emb(9, { sourceHash: 'abc' }), 'validation-failed'],
  ])('refuses %s with 400 and stores nothing of the request', async (_case, bad, code) => {
    const before = (await api.call('GET', '/api/students/S001')).body.embeddingCount;
    const res = await api.call('POST', '/api/students/S001/embeddings', { embeddings: [emb(10), bad] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    if (code !== 'validation-failed') expect(res.body.error.details).toEqual({ index: 1 });
    expect((await api.call('GET', '/api/students/S001')).body.embeddingCount).toBe(before);
  });

  it('refuses an empty list and more than 50 at once', async () => {
    expect((await api.call('POST', '/api/students/S001/embeddings', { embeddings: [] })).status).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => emb(100 + i));
    expect((await api.call('POST', '/api/students/S001/embeddings', { embeddings: many })).status).toBe(400);
  });

  it('answers 404 for an unknown student, and deletes one embedding', async () => {
    const unknown = await api.call('POST', '/api/students/NOPE/embeddings', { embeddings: [emb(20)] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('student-not-found');
    const list = await api.call('GET', '/api/students/S001/embeddings');
    const id = list.body.items[0].id;
    expect((await api.call('DELETE', `/api/students/S001/embeddings/${id}`)).body).toEqual({ ok: true });
    const gone = await api.call('DELETE', `/api/students/S001/embeddings/${id}`);
    expect(gone.body.error.code).toBe('embedding-not-found');
    expect((await api.call('DELETE', '/api/students/S001/embeddings/not-a-uuid')).body.error.code).toBe('validation-failed');
  });

  it('stores one copy when the same photo is posted in parallel', async () => {
    const body = { embeddings: [emb(30)] };
    const results = await Promise.all(Array.from({ length: 8 }, () => api.call('POST', '/api/students/S001/embeddings', body)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.body.results[0].status === 'created')).toHaveLength(1);
    const rows = await api.database.db.selectFrom('face_embeddings').select('id').where('source_hash', '=', hash(30)).execute();
    expect(rows).toHaveLength(1);
  });
  it('keeps where a learned embedding came from, lists it apart from photos, caps it per student, and deletes it', async () => {
    await api.call('POST', '/api/students', { studentId: 'S050', name: 'Lena' });
    await grantConsent(api, 'S050');
    const learned = (seed: number) => emb(seed, { learned: { deviceId: 'laptop-7', how: 'clear-mark', sightedAt: '2026-11-27T08:55:12.000Z' } });
    expect((await api.call('POST', '/api/students/S050/embeddings', { embeddings: [emb(50), learned(51)] })).status).toBe(201);
    const items = (await api.call('GET', '/api/students/S050/embeddings')).body.items;
    expect(items.map((e: { origin: string }) => e.origin).sort()).toEqual(['photo', 'sighting']);
    const sighting = items.find((e: { origin: string }) => e.origin === 'sighting');
    expect(sighting.learned).toEqual({ deviceId: 'laptop-7', how: 'clear-mark', sightedAt: '2026-11-27T08:55:12.000Z' });
    expect(items.find((e: { origin: string }) => e.origin === 'photo').learned).toBeUndefined();

    // Up to MAX_LEARNED_PER_STUDENT (6): five more fit, the seventh is refused and nothing of that request is kept.
    expect((await api.call('POST', '/api/students/S050/embeddings', { embeddings: [52, 53, 54, 55, 56].map(learned) })).status).toBe(201);
    const full = await api.call('POST', '/api/students/S050/embeddings', { embeddings: [emb(57), learned(58)] });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('learned-embeddings-full');
    expect((await api.call('GET', '/api/students/S050')).body.embeddingCount).toBe(7);
    // A photo is never capped; a learned one already held is a duplicate, not a new one.
    expect(
      (await api.call('POST', '/api/students/S050/embeddings', { embeddings: [emb(57), learned(51)] })).body.results.map((r: { status: string }) => r.status),
    ).toEqual(['created', 'duplicate']);

    // Removing a learned embedding makes room again.
    expect((await api.call('DELETE', `/api/students/S050/embeddings/${sighting.id}`)).status).toBe(200);
    expect((await api.call('POST', '/api/students/S050/embeddings', { embeddings: [learned(58)] })).status).toBe(201);
  });

  it('refuses a learned embedding with an unknown way of confirming', async () => {
    const res = await api.call('POST', '/api/students/S001/embeddings', {
      embeddings: [emb(60, { learned: { deviceId: 'x', how: 'guessed', sightedAt: '2026-11-27T08:55:12.000Z' } })],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
  });
});
