// What a caller can cost or learn at the HTTP edge before it is known: the body is read only once
// the caller is identified, with a small limit for public routes and the large one only for
// authenticated batches, and no deep nesting; the cross-site guard compares the scheme when the
// request is known to have come over https; health tells anonymous callers "ok" or not, no more;
// the http-to-https redirect never sends a browser to a host it was merely told.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION } from '../src/db/migrator.ts';
import { redirectToHttps } from '../src/http/redirect.ts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** node:http, not fetch: fetch will not send a Host header of our choosing, nor stream a body the server may not read. */
function send(base: string, method: string, p: string, body: string | undefined, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(p, base);
  const all = { ...headers, ...(body !== undefined && { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: all }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    // The server may answer (401, 413) before it has read a large body: that is the point.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    req.end(body);
  });
}

const codeOf = (r: Reply) => (JSON.parse(r.body) as { error?: { code: string } }).error?.code;
const nested = (bytes: number) => '['.repeat(bytes / 2) + ']'.repeat(bytes / 2);

describe.each(dialects)('HTTP edges before the caller is known on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect, { bodyLimit: '2mb', trustProxy: true });
    await api.call('POST', '/api/students', { studentId: 'E1', name: 'E' });
    classId = (await api.call('POST', '/api/classes', { name: 'E', studentIds: ['E1'] })).body.id;
  });
  afterAll(() => api.close());

  it('reads no body before it knows the caller, and a public route takes only a small one', async () => {
    // Malformed JSON to a route that needs a caller: refused as unauthenticated, the body never parsed.
    const unread = await send(api.base, 'POST', '/api/students', '{"studentId":');
    expect([unread.status, codeOf(unread)]).toEqual([401, 'unauthenticated']);
    // A 100 KB sign-in is no sign-in: too large for a public route.
    const big = JSON.stringify({ email: 'a@school.example', password: 'x'.repeat(100_000) });
    const signIn = await send(api.base, 'POST', '/api/auth/sign-in', big);
    expect([signIn.status, codeOf(signIn)]).toEqual([413, 'payload-too-large']);
    // Megabytes of nesting from anyone: the health check answers while they are in flight.
    const hostile = [1, 2, 3, 4].map((i) => send(api.base, 'POST', i % 2 ? '/api/students' : '/api/auth/sign-in', nested(2_000_000)));
    const started = performance.now();
    const health = await send(api.base, 'GET', '/health', undefined);
    console.log(`[${dialect}] /health answered in ${(performance.now() - started).toFixed(0)} ms beside four anonymous 2 MB nested bodies`);
    expect(health.status).toBe(200);
    expect((await Promise.all(hostile)).map((r) => r.status)).toEqual([401, 413, 401, 413]);
  });

  it('gives the large limit to authenticated batches only, and refuses deep nesting from anyone', async () => {
    const auth = { authorization: `Bearer ${api.adminToken}` };
    const reason = 'r'.repeat(300);
    const marks = Array.from({ length: 500 }, () => ({
      id: uuid(),
      studentId: 'E1',
      deviceId: 'edge',
      markedAt: '2019-01-01T00:00:00Z',
      method: 'manual',
      reason,
    }));
    const batch = JSON.stringify({ marks });
    expect(batch.length).toBeGreaterThan(150_000);
    expect((await send(api.base, 'POST', '/api/attendance', batch, auth)).status).toBe(200);
    // The same size to a route that takes one student is refused before it is parsed.
    const oversized = await send(api.base, 'POST', '/api/students', JSON.stringify({ studentId: 'E2', name: 'n'.repeat(150_000) }), auth);
    expect([oversized.status, codeOf(oversized)]).toEqual([413, 'payload-too-large']);
    const deep = await send(api.base, 'POST', '/api/attendance', `{"marks":${nested(2_000)}}`, auth);
    expect([deep.status, codeOf(deep)]).toEqual([400, 'invalid-json']);
    // Brackets inside strings are text, not nesting.
    const text = await send(api.base, 'POST', '/api/students', JSON.stringify({ studentId: 'E3', name: `${'['.repeat(100)}x` }), auth);
    expect(text.status).toBe(201);
  });

  it('refuses an http origin of its own host when the request came over https', async () => {
    const host = new URL(api.base).host;
    const purge = (headers: Record<string, string>) =>
      send(api.base, 'POST', '/api/admin/purge', undefined, { authorization: `Bearer ${api.adminToken}`, ...headers });
    const overTls = { 'x-forwarded-proto': 'https' };
    expect((await purge({ ...overTls, origin: `http://${host}`, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await purge({ ...overTls, origin: `http://${host}` })).status).toBe(403);
    // Whatever the Origin, a browser that says cross-site or same-site is believed.
    expect((await purge({ origin: `http://${host}`, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await purge({ origin: `https://${host}`, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    // The page's own origin passes, over https and over plain http (where a TLS proxy may hide the scheme).
    expect((await purge({ ...overTls, origin: `https://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await purge({ origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await purge({ origin: `https://${host}` })).status).toBe(200);
  });

  it('tells anonymous callers, teachers and devices whether it is healthy, and only an admin the details', async () => {
    const teacher = await api.teacher([classId]);
    const device = await api.device([classId]);
    for (const token of [null, teacher.token, device.token]) {
      for (const path of ['/health', '/api/health']) {
        const res = await api.call('GET', path, undefined, { token });
        expect([path, res.status, res.body]).toEqual([path, 200, { status: 'ok' }]);
      }
    }
    const admin = await api.call('GET', '/api/health');
    expect(admin.body).toMatchObject({ status: 'ok', version: expect.any(String), database: { dialect, reachable: true, migration: LATEST_MIGRATION } });
    // The probe path is for health checks: status only, even for an admin.
    expect((await api.call('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});

describe('the http-to-https redirect', () => {
  const servers: http.Server[] = [];
  const start = async (opts: Parameters<typeof redirectToHttps>[0]) => {
    const server = http.createServer(redirectToHttps(opts)).listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('sends every request to PUBLIC_URL, whatever Host it names', async () => {
    const base = await start({ publicUrl: 'https://rollcall.school.lan', httpsPort: 8443, names: () => false });
    for (const host of ['evil.example', 'rollcall.school.lan', 'rollcall.school.lan:80']) {
      const res = await send(base, 'GET', '/take-attendance?x=1', undefined, { host });
      expect([host, res.status, res.headers.location]).toEqual([host, 308, 'https://rollcall.school.lan/take-attendance?x=1']);
    }
  });

  it('without PUBLIC_URL, redirects only names the certificate covers and refuses the rest', async () => {
    const base = await start({ publicUrl: null, httpsPort: 8443, names: (name) => name === 'rollcall.school.lan' || name === '10.0.0.5' });
    const known = await send(base, 'GET', '/a?b=1', undefined, { host: 'Rollcall.School.Lan:80' });
    expect([known.status, known.headers.location]).toEqual([308, 'https://rollcall.school.lan:8443/a?b=1']);
    expect((await send(base, 'GET', '/', undefined, { host: '10.0.0.5' })).headers.location).toBe('https://10.0.0.5:8443/');
    for (const host of ['evil.example', 'rollcall.school.lan.evil.example', 'evil.example/rollcall.school.lan']) {
      const res = await send(base, 'GET', '/', undefined, { host });
      expect([host, res.status, res.headers.location]).toEqual([host, 421, undefined]);
    }
  });
});
