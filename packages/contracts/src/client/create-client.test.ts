// createClient against a real local HTTP server: one method per JSON route of the table, paths
// and queries built from the route, answers parsed, and one error type that onError hears first.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../api.ts';
import { ClientError } from './client-error.ts';
import { createClient, routeUrl } from './create-client.ts';

let server: http.Server;
let base: string;
let reply: (res: http.ServerResponse) => void;
const seen: { method: string; url: string; auth: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      reply(res);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

const student = {
  studentId: 'S.1',
  name: 'Ann',
  email: null,
  embeddingCount: 0,
  consent: 'granted' as const,
  cameraFree: false,
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
};

describe('createClient', () => {
  it('builds each call from the route table: method, params, query, body and token', async () => {
    const api = createClient(routes, { baseUrl: `${base}/`, token: 'tok' });
    reply = json(200, student);
    seen.length = 0;
    expect(await api.updateStudent({ params: { studentId: 'S.1' }, body: { name: 'Ann' } })).toEqual(student);
    reply = json(200, { items: [], total: 0, limit: 10, offset: 0 });
    await api.listStudents({ query: { q: 'a&b', limit: 10 } });
    expect(seen.map((s) => [s.method, s.url, s.auth, s.body])).toEqual([
      ['PATCH', '/api/students/S.1', 'Bearer tok', '{"name":"Ann"}'],
      ['GET', '/api/students?q=a%26b&limit=10', 'Bearer tok', ''],
    ]);
    // A stream is opened by URL (EventSource), never as a JSON call.
    expect('events' in api).toBe(false);
    expect(routeUrl(routes.events, {}, base)).toBe(`${base}/api/events`);
  });

  it('throws one ClientError with the API code, status, Retry-After and details, and tells onError first', async () => {
    const heard: ClientError[] = [];
    const api = createClient(routes, { baseUrl: base, onError: (e) => heard.push(e) });
    reply = json(429, { error: { code: 'rate-limited', message: 'Slow down.', details: { limit: 5 } } }, { 'retry-after': '7' });
    const err = await api.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect(err).toMatchObject({
      code: 'rate-limited',
      status: 429,
      retryAfterMs: 7000,
      details: { limit: 5 },
      message: 'Slow down.',
      route: 'GET /api/auth/me',
      kind: 'http',
    });
    expect(heard).toEqual([err]);

    reply = json(200, { not: 'a me' });
    expect(await api.me().catch((e: unknown) => e)).toMatchObject({ code: 'bad-response', status: 200 });
    const closed = createClient(routes, { baseUrl: 'http://127.0.0.1:9' });
    expect(await closed.health().catch((e: unknown) => e)).toMatchObject({ code: 'network', status: 0, kind: 'network' });
  });
});
