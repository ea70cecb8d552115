// Hostile-input probe, data left behind: a reused student id must not inherit a deleted pupil's
// kept marks, switching the consent policy on must not leave faces of pupils never asked, and a
// withdrawal or a single deleted embedding must not stay readable in SQLite's write-ahead log.
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

const FACEAPI = 'faceapi-resnet@1.7.15';

describe.each(dialects)('data left behind on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    classId = (await api.call('POST', '/api/classes', { name: 'Data 1' })).body.id;
  });
  afterAll(() => api.close());

  const student = async (id: string) => {
    expect((await api.call('POST', '/api/students', { studentId: id, name: `Pupil ${id}` })).status).toBe(201);
    await api.call('PUT', `/api/classes/${classId}/students/${id}`);
  };
  /** Enrols one photo's vector and returns the stored (unit-length) bytes. */
  const enrol = async (id: string, seed: number) => {
    const res = await api.call('POST', `/api/students/${id}/embeddings`, {
      embeddings: [{ modelId: FACEAPI, vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(`${id}-${seed}`) }],
    });
    expect(res.status).toBe(201);
    const items = (await api.call('GET', `/api/students/${id}/embeddings?includeVectors=true`)).body.items as { id: string; vector: string }[];
    const item = items.find((e) => e.id === res.body.results[0].id)!;
    return { id: item.id, bytes: Buffer.from(item.vector, 'base64') };
  };
  const setPolicy = async (consentRequired: boolean) => expect((await api.call('PATCH', '/api/privacy/settings', { consentRequired })).status).toBe(200);

  it('refuses a new student under the id of a deleted one whose marks were kept, and keeps those marks reportable', async () => {
    await student('REUSE1');
    const session = (await api.call('POST', `/api/classes/${classId}/sessions`, {})).body.id;
    const markId = uuid();
    const marked = await api.call('POST', '/api/attendance', {
      marks: [
        {
          id: markId,
          studentId: 'REUSE1',
          sessionId: session,
          deviceId: 'desk',
          markedAt: new Date().toISOString(),
          method: 'manual',
          status: 'excused',
          reason: 'hospital appointment',
        },
      ],
    });
    expect(marked.body.results[0].status).toBe('accepted');
    await api.call('POST', `/api/sessions/${session}/end`);
    expect((await api.call('DELETE', '/api/students/REUSE1?keepMarks=true')).body).toMatchObject({ marksKept: 1 });

    const again = await api.call('POST', '/api/students', { studentId: 'REUSE1', name: 'A different pupil' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'student-id-retired', details: { studentId: 'REUSE1', marksKept: 1 } });
    expect((await api.call('GET', '/api/students/REUSE1')).status).toBe(404);
    // The kept record is still there, as the school asked.
    const kept = await api.call('GET', '/api/attendance?studentId=REUSE1');
    expect(kept.body.items.map((m: { id: string; reason: string }) => [m.id, m.reason])).toEqual([[markId, 'hospital appointment']]);

    // Deleted with its marks: nothing is left to inherit, so the id is free again.
    await student('REUSE2');
    expect((await api.call('DELETE', '/api/students/REUSE2')).status).toBe(200);
    expect((await api.call('POST', '/api/students', { studentId: 'REUSE2', name: 'Another pupil' })).status).toBe(201);
  });

  it('deletes the faces of pupils never asked when the consent policy is switched back on, and a device drops them', async () => {
    await setPolicy(false);
    await student('NEVER1');
    await student('ASKED1');
    await grantConsent(api, 'ASKED1');
    await enrol('NEVER1', 31);
    await enrol('ASKED1', 32);
    const device = api.clientAs((await api.device([classId])).token);
    const before = await device.sync({ query: { since: 0 } });
    expect(before.embeddings.upserted.filter((e) => e.studentId === 'NEVER1')).toHaveLength(1);

    await setPolicy(true);
    expect((await api.call('GET', '/api/students/NEVER1')).body).toMatchObject({ cameraFree: true, embeddingCount: 0 });
    expect((await api.call('GET', '/api/students/NEVER1/embeddings?includeVectors=true')).body.items).toEqual([]);
    const delta = await device.sync({ query: { since: before.revision } });
    expect(delta.embeddings.deleted).toEqual(before.embeddings.upserted.filter((e) => e.studentId === 'NEVER1').map((e) => e.id));
    const whole = await device.sync({ query: { since: 0 } });
    expect(whole.embeddings.upserted.map((e) => e.studentId).filter((s) => s === 'NEVER1' || s === 'ASKED1')).toEqual(['ASKED1']);
    const rows = await api.database.db.selectFrom('face_embeddings').select('student_id').where('student_id', 'in', ['NEVER1', 'ASKED1']).execute();
    expect(rows.map((r) => r.student_id)).toEqual(['ASKED1']);
  });

  // The bytes of the file: InnoDB's files belong to the MySQL server (see docs/reliability.md).
  const readable = async (bytes: Buffer) => {
    const file = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(api.database.db)).rows[0]!.file;
    return [file, `${file}-wal`]
      .filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(bytes.subarray(0, 32)))
      .map((f) => f.slice(file.length) || 'file');
  };

  it.runIf(dialect === 'sqlite')('leaves no withdrawn vector in the SQLite file or its write-ahead log', async () => {
    await student('WAL1');
    await grantConsent(api, 'WAL1');
    const withdrawn = await enrol('WAL1', 41);
    expect((await readable(withdrawn.bytes)).length).toBeGreaterThan(0);
    expect((await api.call('POST', '/api/students/WAL1/consent', { status: 'withdrawn', onBehalfOf: 'parent' })).status).toBe(201);
    expect(await readable(withdrawn.bytes)).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')('leaves no deleted embedding in the SQLite file or its write-ahead log', async () => {
    await student('WAL2');
    await grantConsent(api, 'WAL2');
    const removed = await enrol('WAL2', 42);
    await enrol('WAL2', 43);
    expect((await api.call('DELETE', `/api/students/WAL2/embeddings/${removed.id}`)).status).toBe(200);
    expect(await readable(removed.bytes)).toEqual([]);
  });
});
