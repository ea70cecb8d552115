// Security probe, HTTP edges: the mark-posting limit follows the
// caller, not the spelling of its credentials; browsers on other sites cannot write; a body that
// does not decompress is the client's error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

describe.each(dialects)('HTTP edges on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect, { markPostsPerMinute: 3, corsOrigins: ['https://portal.school.example'] });
    await api.call('POST', '/api/students', { studentId: 'H1', name: 'H' });
    classId = (await api.call('POST', '/api/classes', { name: 'H', studentIds: ['H1'] })).body.id;
  });
  afterAll(() => api.close());

  const marks = () => ({ marks: [{ id: uuid(), studentId: 'H1', deviceId: 'x', markedAt: '2019-01-01T00:00:00Z', method: 'manual' }] });
  const rows = async () =>
    Number(
      (
        await api.database.db
          .selectFrom('rate_counters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  // Finding 7.
  it('limits mark posts per device however the token is spelled, across instances, and counts nothing for anonymous callers', async () => {
    const device = await api.device([classId]);
    const second = await api.secondInstance();
    const spellings = [`Bearer ${device.token}`, `bearer ${device.token}`, `Bearer  ${device.token}`, `Bearer\t${device.token}`];
    const post = (base: string, authorization: string) =>
      fetch(`${base}/api/attendance`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(marks()) });
    const statuses = [];
    statuses.push((await post(api.base, spellings[0]!)).status, (await post(second.base, spellings[1]!)).status, (await post(api.base, spellings[2]!)).status);
    statuses.push((await post(second.base, spellings[3]!)).status, (await post(api.base, spellings[1]!)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // A session cookie and the same cookie percent-encoded are one caller too.
    const teacher = await api.teacher([classId]);
    const signIn = await api.call('POST', '/api/auth/sign-in', { email: teacher.email, password: teacher.password }, { token: null });
    const secret = signIn.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const encoded = [...secret].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    const byCookie = [];
    for (const value of [secret, encoded, secret, encoded]) {
      byCookie.push((await api.call('POST', '/api/attendance', marks(), { token: null, headers: { cookie: `rollcall_session=${value}` } })).status);
    }
    expect(byCookie).toEqual([200, 200, 200, 429]);
    // Anonymous callers with made-up credentials are refused before the limiter and leave no trace.
    const before = await rows();
    for (let i = 0; i < 30; i++) {
      const res = await api.call('POST', '/api/attendance', marks(), {
        token: null,
        headers: { authorization: `Bearer rcd_${'x'.repeat(4000)}${i}`, cookie: `rollcall_session=${'y'.repeat(4000)}${i}` },
      });
      expect(res.status).toBe(401);
    }
    expect(await rows()).toBe(before);
  });

  // Finding 8.
  it('refuses unsafe methods from a foreign origin, with or without a body', async () => {
    const teacher = await api.teacher([classId]);
    const signIn = await api.call('POST', '/api/auth/sign-in', { email: teacher.email, password: teacher.password }, { token: null });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const evil = { origin: 'https://evil.example' };
    const purge = await api.call('POST', '/api/admin/purge', undefined, { headers: evil });
    expect([purge.status, purge.body.error.code]).toEqual([403, 'forbidden']);
    expect((await api.call('POST', '/api/admin/purge', undefined, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await api.call('POST', '/api/admin/purge', undefined, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await api.call('POST', '/api/auth/sign-out', undefined, { token: null, headers: { cookie, ...evil } })).status).toBe(403);
    expect((await api.call('DELETE', `/api/classes/${classId}`, undefined, { headers: { 'sec-fetch-site': 'same-site' } })).status).toBe(403);
    expect((await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie } })).status).toBe(200);
    // A cookie whose percent-encoding is broken is no session (401), not a server error.
    const broken = await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie: 'rollcall_session=%E0%A4%A' } });
    expect([broken.status, broken.body.error.code]).toEqual([401, 'unauthenticated']);
    // Its own origin, a configured CORS origin, and a client that is no browser may write.
    expect((await api.call('POST', '/api/admin/purge', undefined, { headers: { origin: api.base, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect((await api.call('POST', '/api/admin/purge', undefined, { headers: { origin: 'https://portal.school.example' } })).status).toBe(200);
    expect((await api.call('POST', '/api/admin/purge')).status).toBe(200);
  });

  // Finding 9.
  it('answers a body that does not match its Content-Encoding with a 4xx and a code', async () => {
    for (const [encoding, status, code] of [
      ['gzip', 400, 'invalid-json'],
      ['deflate', 400, 'invalid-json'],
      ['br', 400, 'invalid-json'],
      ['bogus', 415, 'unsupported-media-type'],
    ] as const) {
      const res = await api.call('POST', '/api/students', undefined, { raw: '{"studentId":"Z1","name":"Z"}', headers: { 'content-encoding': encoding } });
      expect([encoding, res.status, res.body.error.code]).toEqual([encoding, status, code]);
    }
    expect((await api.call('GET', '/api/students/Z1')).status).toBe(404);
  });
});
