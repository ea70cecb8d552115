// Biometric consent on both databases: no face data without granted consent (unless the school's
// policy is off), refusal and withdrawal delete the face data at once and reach a device at its
// next sync, the policy switch is admin-only and audited, and the history is in the subject export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport, MemorySyncTarget, pullSync } from '@rollcall/sync';
import { dialects, grantConsent, hash, startApi, vectorB64, type TestApi } from './context.ts';

const emb = (seed: number) => ({ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(`c${seed}`) });
const enrol = (api: TestApi, id: string, ...seeds: number[]) => api.call('POST', `/api/students/${id}/embeddings`, { embeddings: seeds.map(emb) });
const embeddingRows = (api: TestApi, id: string) => api.database.db.selectFrom('face_embeddings').select('id').where('student_id', '=', id).execute();

describe.each(dialects)('consent on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    for (const id of ['NA', 'GR', 'WD', 'RF', 'RACE']) await api.call('POST', '/api/students', { studentId: id, name: `Name ${id}` });
    classId = (await api.call('POST', '/api/classes', { name: '7B', studentIds: ['NA', 'GR', 'WD', 'RF', 'RACE'] })).body.id;
  });
  afterAll(() => api.close());

  it('refuses face data for a student without granted consent, and stores nothing of the request', async () => {
    const res = await enrol(api, 'NA', 1, 2);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('consent-required');
    expect(res.body.error.details).toEqual({ studentId: 'NA', status: 'not-asked' });
    expect(await embeddingRows(api, 'NA')).toHaveLength(0);
    const student = (await api.call('GET', '/api/students/NA')).body;
    expect(student).toMatchObject({ consent: 'not-asked', cameraFree: true });

    const recorded = await api.call('POST', '/api/students/GR/consent', { status: 'granted', onBehalfOf: 'parent', note: 'paper form 2026/14' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ studentId: 'GR', status: 'granted', cameraFree: false });
    expect(recorded.body.history[0]).toMatchObject({
      status: 'granted',
      onBehalfOf: 'parent',
      note: 'paper form 2026/14',
      recordedBy: { name: 'Head Admin' },
      embeddingsDeleted: 0,
    });
    expect((await enrol(api, 'GR', 3)).status).toBe(201);
    expect((await api.call('GET', '/api/students/GR')).body).toMatchObject({ consent: 'granted', cameraFree: false, embeddingCount: 1 });
  });

  it('deletes the face data on withdrawal in the same change, keeps the student on the roster, and a device drops it at its next sync', async () => {
    await grantConsent(api, 'WD');
    expect((await enrol(api, 'WD', 10, 11, 12)).status).toBe(201);
    const device = await api.device([classId]);
    const target = new MemorySyncTarget();
    const client = fetchTransport({ baseUrl: api.base, token: device.token, timeoutMs: 20_000 });
    await pullSync(client, target);
    const held = [...target.embeddings.values()]
      .filter((e) => e.studentId === 'WD')
      .map((e) => e.id)
      .sort();
    expect(held).toHaveLength(3);
    expect(target.students.get('WD')).toMatchObject({ consent: 'granted', cameraFree: false });

    const withdrawn = await api.call('POST', '/api/students/WD/consent', { status: 'withdrawn', onBehalfOf: 'student', note: 'asked in person' });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', cameraFree: true });
    expect(withdrawn.body.history.map((h: { status: string }) => h.status)).toEqual(['withdrawn', 'granted']);
    expect(withdrawn.body.history[0].embeddingsDeleted).toBe(3);
    expect(await embeddingRows(api, 'WD')).toHaveLength(0);

    // One revision range holds the deletions and the student's new status; the event announces it.
    const events = await api.database.db.selectFrom('events').select('payload').orderBy('id', 'desc').limit(1).execute();
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ type: 'roster.changed', studentIds: ['WD'] });

    await pullSync(client, target);
    expect([...target.embeddings.values()].filter((e) => e.studentId === 'WD')).toEqual([]);
    expect(target.students.get('WD')).toMatchObject({ consent: 'withdrawn', cameraFree: true });
    expect(target.classes.get(classId)!.studentIds).toContain('WD');

    // Refused or withdrawn stops enrolment whatever the policy says.
    expect((await enrol(api, 'WD', 13)).body.error).toMatchObject({ code: 'consent-required', details: { status: 'withdrawn' } });
  });

  it('never leaves face data behind a withdrawal that races an enrolment', async () => {
    await grantConsent(api, 'RACE');
    const [added, withdrawn] = await Promise.all([enrol(api, 'RACE', 20, 21), api.call('POST', '/api/students/RACE/consent', { status: 'withdrawn' })]);
    expect(withdrawn.status).toBe(201);
    // Either the enrolment came first (and the withdrawal deleted it) or it was refused.
    if (added.status === 201) expect(withdrawn.body.history[0].embeddingsDeleted).toBe(2);
    else expect(added.body.error.code).toBe('consent-required');
    expect(await embeddingRows(api, 'RACE')).toHaveLength(0);
  });

  it('records consent in bulk for a class, reporting unknown students and leaving unchanged ones alone', async () => {
    const res = await api.call('POST', '/api/consent', {
      entries: [
        { studentId: 'GR', status: 'granted', onBehalfOf: 'parent' },
        { studentId: 'RF', status: 'refused', onBehalfOf: 'parent', note: 'letter of 3 March' },
        { studentId: 'GHOST', status: 'granted' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { studentId: string; outcome: string }) => [r.studentId, r.outcome])).toEqual([
      ['GR', 'unchanged'],
      ['RF', 'recorded'],
      ['GHOST', 'not-found'],
    ]);
    const report = await api.call('GET', `/api/privacy/consent?classId=${classId}`);
    expect(report.body.counts).toEqual({ 'not-asked': 1, granted: 1, refused: 1, withdrawn: 2 });
    expect(report.body.classes).toEqual([{ id: classId, name: '7B', counts: { 'not-asked': 1, granted: 1, refused: 1, withdrawn: 2 } }]);
    expect(report.body.students.find((s: { studentId: string }) => s.studentId === 'RF')).toMatchObject({
      status: 'refused',
      cameraFree: true,
      onBehalfOf: 'parent',
      note: 'letter of 3 March',
    });
    expect(report.body.students.find((s: { studentId: string }) => s.studentId === 'NA')).toMatchObject({ status: 'not-asked', recordedAt: null });
  });

  it('includes the consent history in the subject export', async () => {
    const exp = await api.call('GET', '/api/students/WD/export');
    expect(exp.body.consentHistory.map((h: { status: string; embeddingsDeleted: number }) => [h.status, h.embeddingsDeleted])).toEqual([
      ['granted', 0],
      ['withdrawn', 3],
    ]);
  });

  it('lets only an admin switch the policy, audits the switch, and re-sends the students it makes camera-free or not', async () => {
    const teacher = await api.teacher([classId]);
    const refused = await api.call('PATCH', '/api/privacy/settings', { consentRequired: false }, { token: teacher.token });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/api/privacy/settings', undefined, { token: teacher.token })).status).toBe(403);
    const before = await api.call('GET', '/api/privacy/settings');
    expect(before.body).toMatchObject({ consentRequired: true, retentionDays: null, retentionFromDefault: true, history: [] });

    const { revision } = (await api.call('GET', '/api/sync?since=0')).body;
    const off = await api.call('PATCH', '/api/privacy/settings', { consentRequired: false });
    expect(off.status).toBe(200);
    expect(off.body.consentRequired).toBe(false);
    expect(off.body.history).toEqual([
      expect.objectContaining({ key: 'consent.required', before: 'true', after: 'false', by: expect.objectContaining({ name: 'Head Admin' }) }),
    ]);
    const delta = (await api.call('GET', `/api/sync?since=${revision}`)).body;
    expect(delta.students.upserted).toEqual([expect.objectContaining({ studentId: 'NA', consent: 'not-asked', cameraFree: false })]);

    // Off: a student not asked may be enrolled; refusal still stops it.
    expect((await enrol(api, 'NA', 30)).status).toBe(201);
    expect((await enrol(api, 'RF', 31)).body.error.code).toBe('consent-required');
    // Setting the same value again changes and audits nothing.
    expect((await api.call('PATCH', '/api/privacy/settings', { consentRequired: false })).body.history).toHaveLength(1);
    const on = await api.call('PATCH', '/api/privacy/settings', { consentRequired: true, retentionDays: 365 });
    expect(on.body).toMatchObject({ consentRequired: true, retentionDays: 365, retentionFromDefault: false });
    expect(on.body.history.map((h: { key: string; after: string }) => [h.key, h.after]).sort()).toEqual([
      ['consent.required', 'false'],
      ['consent.required', 'true'],
      ['marks.retentionDays', '365'],
    ]);
    expect((await api.call('GET', '/api/students/NA')).body).toMatchObject({ cameraFree: true });
  });
});

describe.each(dialects)('retention setting on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect, { retentionDays: 30 });
  });
  afterAll(() => api.close());

  it('defaults to MARK_RETENTION_DAYS and purges by the value an admin sets', async () => {
    expect((await api.call('GET', '/api/privacy/settings')).body).toMatchObject({ retentionDays: 30, retentionDefaultDays: 30, retentionFromDefault: true });
    await api.call('POST', '/api/students', { studentId: 'OLD', name: 'Old Marks' });
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    await api.call('POST', '/api/attendance', {
      marks: [40, 100].map((d) => ({ id: crypto.randomUUID(), studentId: 'OLD', deviceId: 'd', markedAt: daysAgo(d), method: 'manual' })),
    });
    // An admin keeps marks for 60 days: only the 100-day-old one goes.
    await api.call('PATCH', '/api/privacy/settings', { retentionDays: 60 });
    expect((await api.call('POST', '/api/admin/purge')).body.marksDeleted).toBe(1);
    // Keep for ever (null) overrides the server's default.
    await api.call('PATCH', '/api/privacy/settings', { retentionDays: null });
    expect((await api.call('GET', '/api/privacy/settings')).body).toMatchObject({ retentionDays: null, retentionFromDefault: false });
    expect((await api.call('POST', '/api/admin/purge')).body.marksDeleted).toBe(0);
  });
});
