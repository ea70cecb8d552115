// Students: CRUD, search, paging, deletion of biometric data, and bad input, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

describe.each(dialects)('students on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('creates, reads, updates and lists students', async () => {
    const created = await api.call('POST', '/api/students', { studentId: 'S001', name: 'John Smith', email: 'john@school.example' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ studentId: 'S001', name: 'John Smith', email: 'john@school.example', embeddingCount: 0 });
    await api.call('POST', '/api/students', { studentId: 'S002', name: 'Ada Lovelace' });
    await api.call('POST', '/api/students', { studentId: 's003', name: 'Zoë Ünal' });

    const got = await api.call('GET', '/api/students/S001');
    expect(got.body.name).toBe('John Smith');

    const patched = await api.call('PATCH', '/api/students/S001', { name: 'John A. Smith', email: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'John A. Smith', email: null });

    const byName = await api.call('GET', '/api/students?q=lovelace');
    expect(byName.body.items.map((s: { studentId: string }) => s.studentId)).toEqual(['S002']);
    const byId = await api.call('GET', '/api/students?q=s00');
    expect(byId.body.total).toBe(3);
    const unicode = await api.call('GET', `/api/students?q=${encodeURIComponent('Zoë')}`);
    expect(unicode.body.items[0]?.studentId).toBe('s003');
    const wildcard = await api.call('GET', '/api/students?q=%25');
    expect(wildcard.body.total).toBe(0);

    const page = await api.call('GET', '/api/students?limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.body.items).toHaveLength(1);
  });

  it('keeps ids exact: S001 and s001 are different students on both databases', async () => {
    expect((await api.call('POST', '/api/students', { studentId: 'case1', name: 'Lower' })).status).toBe(201);
    expect((await api.call('POST', '/api/students', { studentId: 'CASE1', name: 'Upper' })).status).toBe(201);
    expect((await api.call('GET', '/api/students/CASE1')).body.name).toBe('Upper');
  });

  it('refuses a duplicate student id with a clear code', async () => {
    const again = await api.call('POST', '/api/students', { studentId: 'S001', name: 'Someone Else' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate-student-id');
    expect((await api.call('GET', '/api/students/S001')).body.name).toBe('John A. Smith');
  });

  it.each([
    ['missing name', { studentId: 'S009' }],
    ['empty id', { studentId: '', name: 'X' }],
    ['id too long', { studentId: 'x'.repeat(65), name: 'X' }],
    ['id with a slash', { studentId: 'a/b', name: 'X' }],
    ['extra field', { studentId: 'S010', name: 'X', photo: 'data:image/jpeg;base64,...' }],
    ['wrong type', { studentId: 12, name: 'X' }],
    ['bad email', { studentId: 'S011', name: 'X', email: 'not-an-email' }],
    ['blank name', { studentId: 'S012', name: '   ' }],
    ['array body', [{ studentId: 'S013', name: 'X' }]],
  ])('answers 400 validation-failed for %s and stores nothing', async (_case, body) => {
    const res = await api.call('POST', '/api/students', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
    expect(res.body.error.message).toMatch(/Invalid request body/);
    const count = await api.call('GET', '/api/students?limit=500');
    expect(count.body.items.map((s: { studentId: string }) => s.studentId)).not.toContain('S009');
  });

  it('answers malformed JSON, a wrong content type and an oversized body with their own codes', async () => {
    const bad = await api.call('POST', '/api/students', undefined, { raw: '{"studentId": "S020", "name": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-json');
    const text = await api.call('POST', '/api/students', undefined, { raw: 'studentId=S020', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported-media-type');
    const huge = await api.call('POST', '/api/students', { studentId: 'S021', name: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload-too-large');
    expect((await api.call('GET', '/api/students/S020')).status).toBe(404);
  });

  it('refuses unknown and repeated query parameters', async () => {
    const unknown = await api.call('GET', '/api/students?sort=name');
    expect(unknown.status).toBe(400);
    const repeated = await api.call('GET', '/api/students?q=a&q=b');
    expect(repeated.status).toBe(400);
    const badLimit = await api.call('GET', '/api/students?limit=100000');
    expect(badLimit.body.error.code).toBe('validation-failed');
  });

  it('answers 404 with codes for unknown students and routes', async () => {
    const missing = await api.call('GET', '/api/students/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('student-not-found');
    expect((await api.call('PATCH', '/api/students/NOPE', { name: 'x' })).body.error.code).toBe('student-not-found');
    expect((await api.call('DELETE', '/api/students/NOPE')).status).toBe(404);
    const route = await api.call('GET', '/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('route-not-found');
  });

  it('deletes a student with their embeddings and marks at once', async () => {
    await api.call('POST', '/api/students', { studentId: 'DEL1', name: 'To Delete' });
    await grantConsent(api, 'DEL1');
    await api.call('POST', '/api/students/DEL1/embeddings', {
      embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, 1), quality: 0.9, sourceHash: hash(1) }],
    });
    const markId = uuid();
    await api.call('POST', '/api/attendance', {
      marks: [{ id: markId, studentId: 'DEL1', deviceId: 'laptop-1', markedAt: '2026-11-24T09:00:00+01:00', method: 'face', similarity: 0.97 }],
    });
    const del = await api.call('DELETE', '/api/students/DEL1');
    expect(del.body).toEqual({ studentId: 'DEL1', embeddingsDeleted: 1, marksDeleted: 1, marksKept: 0 });
    expect((await api.call('GET', '/api/students/DEL1')).status).toBe(404);
    const rows = await api.database.db.selectFrom('face_embeddings').select('id').where('student_id', '=', 'DEL1').execute();
    expect(rows).toHaveLength(0);
    expect((await api.call('GET', '/api/attendance?studentId=DEL1')).body.total).toBe(0);
  });

  it('keeps marks as school records when asked, still deleting the embeddings', async () => {
    await api.call('POST', '/api/students', { studentId: 'DEL2', name: 'Keep Records' });
    await grantConsent(api, 'DEL2');
    await api.call('POST', '/api/students/DEL2/embeddings', {
      embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, 2), quality: 0.9, sourceHash: hash(2) }],
    });
    await api.call('POST', '/api/attendance', {
      marks: [{ id: uuid(), studentId: 'DEL2', deviceId: 'laptop-1', markedAt: '2026-11-24T09:00:00Z', method: 'manual' }],
    });
    const del = await api.call('DELETE', '/api/students/DEL2?keepMarks=true');
    expect(del.body).toEqual({ studentId: 'DEL2', embeddingsDeleted: 1, marksDeleted: 0, marksKept: 1 });
    const marks = await api.call('GET', '/api/attendance?studentId=DEL2');
    expect(marks.body.items).toHaveLength(1);
    expect(marks.body.items[0].studentName).toBeNull();
  });
});
