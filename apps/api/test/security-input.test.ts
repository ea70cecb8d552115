// Security probe, hostile input and erasure: instants a response
// cannot hold, names that spoof the display, wildcards in search, and a deleted student's name
// left behind in JSON copies and in the SQLite file.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

describe.each(dialects)('hostile input on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'I1', name: 'Input One' });
    classId = (await api.call('POST', '/api/classes', { name: 'Inputs', studentIds: ['I1'] })).body.id;
  });
  afterAll(() => api.close());

  // Finding 4.
  it('refuses instants outside years 1970-9999 in UTC, and the session list keeps working', async () => {
    for (const startsAt of ['9999-12-31T23:59:59.999-23:59', '1969-12-31T23:59:59.999Z', '1970-01-01T00:30:00+01:00']) {
      const res = await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt });
      expect([startsAt, res.status, res.body.error?.code]).toEqual([startsAt, 400, 'validation-failed']);
      const mark = await api.call('POST', '/api/attendance', { marks: [{ id: uuid(), studentId: 'I1', deviceId: 'x', markedAt: startsAt, method: 'manual' }] });
      expect([startsAt, mark.status]).toEqual([startsAt, 400]);
    }
    const edge = await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: '9999-12-31T23:59:59.999Z' });
    expect(edge.status).toBe(201);
    const list = await api.call('GET', `/api/classes/${classId}/sessions`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { startsAt: string }) => s.startsAt)).toContain('9999-12-31T23:59:59.999Z');
  });

  // Finding 13.
  it('refuses names with controls, bidi overrides, zero-width characters or lone surrogates, and keeps real names', async () => {
    const bad = [
      'Nul\u0000Byte',
      'Tab\tName',
      'Line\nBreak',
      'Ali\u202Egnp.exe',
      'Isolate\u2067x\u2069',
      'Zero\u200Bwidth',
      'Joiner\u200D',
      'B\uFEFFom',
      'Soft\u00ADhyphen',
    ];
    for (const name of bad) {
      const res = await api.call('POST', '/api/students', { studentId: `B${bad.indexOf(name)}`, name });
      expect([JSON.stringify(name), res.status, res.body.error.code]).toEqual([JSON.stringify(name), 400, 'validation-failed']);
    }
    // A lone surrogate can only be sent as a JSON escape.
    for (const [path, raw] of [
      ['/api/students', '{"studentId":"LS1","name":"Half \\ud800 pair"}'],
      ['/api/classes', '{"name":"\\udc00 class"}'],
      ['/api/users', '{"email":"ls@s.example","name":"x\\ud83d","role":"teacher","password":"long enough pass"}'],
    ] as const) {
      const res = await api.call('POST', path, undefined, { raw });
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'validation-failed']);
    }
    expect((await api.call('PATCH', `/api/classes/${classId}`, { name: 'Class\u202D' })).status).toBe(400);
    expect((await api.call('POST', '/api/devices', { name: 'Room\u0007', classIds: [classId] })).status).toBe(400);
    for (const [studentId, name] of [
      ['G1', 'Zoë Ahmadi-Nasab'],
      ['G2', 'محمد\u200Cرضا'],
      ['G3', 'Family 👨\u200D👩\u200D👧'],
      ['G4', 'José Ñúñez'],
      ['G5', '王小明'],
    ] as const) {
      const res = await api.call('POST', '/api/students', { studentId, name });
      expect([name, res.status, res.body.name]).toEqual([name, 201, name]);
    }
  });

  // Finding 13.
  it('searches for _, % and \\ literally', async () => {
    for (const [studentId, name] of [
      ['W1', 'snake_case kid'],
      ['W2', 'snakeXcase kid'],
      ['W3', '100% sure'],
      ['W4', '1000 sure'],
      ['W5', 'back\\slash'],
      ['W6', 'bang!mark'],
      ['W_7', 'underscore id'],
    ] as const) {
      expect((await api.call('POST', '/api/students', { studentId, name })).status).toBe(201);
    }
    const search = async (q: string) =>
      (await api.call('GET', `/api/students?q=${encodeURIComponent(q)}`)).body.items.map((s: { studentId: string }) => s.studentId);
    expect(await search('e_c')).toEqual(['W1']);
    expect(await search('0%')).toEqual(['W3']);
    expect(await search('k\\s')).toEqual(['W5']);
    expect(await search('g!m')).toEqual(['W6']);
    expect(await search('w_')).toEqual(['W_7']);
    expect(await search('SNAKE')).toEqual(['W1', 'W2']);
  });
});

describe.each(dialects)('erasure of a deleted student on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  const NAME = 'Quintessa Vandermolen';

  async function enrolMarkAndDelete(studentId: string, keepMarks: boolean) {
    await api.call('POST', '/api/students', { studentId, name: NAME });
    const classId = (await api.call('POST', '/api/classes', { name: `E ${studentId}`, studentIds: [studentId] })).body.id;
    await grantConsent(api, studentId);
    await api.call('POST', `/api/students/${studentId}/embeddings`, {
      embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, 77), quality: 0.9, sourceHash: hash(studentId) }],
    });
    const vector = (await api.call('GET', `/api/students/${studentId}/embeddings?includeVectors=true`)).body.items[0].vector as string;
    const session = (await api.call('POST', `/api/classes/${classId}/sessions`, {})).body.id;
    const markId = uuid();
    await api.call('POST', '/api/attendance', {
      marks: [{ id: markId, studentId, sessionId: session, deviceId: 'x', markedAt: new Date().toISOString(), method: 'face' }],
    });
    await api.call('PATCH', `/api/attendance/${markId}`, { status: 'excused', reason: 'doctor' });
    expect(JSON.stringify((await api.call('GET', `/api/attendance/${markId}/audit`)).body)).toContain(NAME);
    expect((await api.call('DELETE', `/api/students/${studentId}${keepMarks ? '?keepMarks=true' : ''}`)).status).toBe(200);
    return { markId, vector: Buffer.from(vector, 'base64') };
  }

  // Finding 6.
  it('leaves the name in no audit entry, event or other row', async () => {
    const { markId } = await enrolMarkAndDelete('ER1', false);
    const audit = await api.call('GET', `/api/attendance/${markId}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].before).toMatchObject({ studentId: 'ER1', studentName: null });
    const { markId: kept } = await enrolMarkAndDelete('ER2', true);
    expect((await api.call('GET', `/api/attendance/${kept}`)).body?.studentName ?? null).toBeNull();
    const db = api.database.db;
    for (const table of ['attendance_audit', 'events', 'attendance_marks', 'students', 'change_log']) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      expect([table, JSON.stringify(rows.rows).includes(NAME)]).toEqual([table, false]);
    }
  });

  // Finding 5: the bytes of the file. InnoDB's files belong to the MySQL server (see docs/reliability.md).
  it.runIf(dialect === 'sqlite')('overwrites the name and the embedding in the SQLite file and empties its log', async () => {
    const { vector } = await enrolMarkAndDelete('ER3', false);
    const file = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(api.database.db)).rows[0]!.file;
    for (const f of [file, `${file}-wal`]) {
      const bytes = fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0);
      expect([f, bytes.includes(Buffer.from(NAME)), bytes.includes(vector.subarray(0, 32))]).toEqual([f, false, false]);
    }
  });
});
