// fetchTransport (the contracts client) against a real local HTTP server: request shape, injected headers, every kind of
// failure mapped to what the sender should do, the request timeout, and contract checks on answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError } from '@rollcall/contracts';
import { failureAction, fetchTransport } from '../src/index.ts';
import { sampleMark } from '../src/testing/index.ts';

type Reply = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let reply: Reply;
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      reply(req, body, res);
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

async function failure(p: Promise<unknown>): Promise<ClientError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClientError);
  return err as ClientError;
}

describe('fetchTransport', () => {
  it('posts marks as JSON to the contract route with fresh headers each time, and parses the answer', async () => {
    let token = 'one';
    const t = fetchTransport({ baseUrl: `${base}/`, token: () => token });
    reply = (_req, body, res) =>
      json(res, 200, { results: (JSON.parse(body) as { marks: { id: string }[] }).marks.map((m) => ({ id: m.id, status: 'accepted' })) });
    const mark = sampleMark();
    seen.length = 0;
    expect(await t.postMarks([mark])).toEqual({ results: [{ id: mark.id, status: 'accepted' }] });
    token = 'two';
    await t.postMarks([mark]);
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.headers['content-type']])).toEqual([
      ['POST', '/api/attendance', 'Bearer one', 'application/json'],
      ['POST', '/api/attendance', 'Bearer two', 'application/json'],
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ marks: [mark] });
  });

  it('maps each failure to retry, split or unauthorized, keeping the API code and Retry-After', async () => {
    const t = fetchTransport({ baseUrl: base });
    const cases: [number, unknown, Record<string, string>, string, string, number | undefined][] = [
      [503, { error: { code: 'database-unavailable', message: 'down' } }, { 'retry-after': '2' }, 'database-unavailable', 'retry', 2000],
      [500, { error: { code: 'internal', message: 'x' } }, {}, 'internal', 'retry', undefined],
      [502, '<html>bad gateway</html>', {}, 'http-502', 'retry', undefined],
      [429, { error: { code: 'rate-limited', message: 'slow down' } }, { 'retry-after': '30' }, 'rate-limited', 'retry', 30_000],
      [404, { error: { code: 'route-not-found', message: 'x' } }, {}, 'route-not-found', 'retry', undefined],
      [400, { error: { code: 'validation-failed', message: 'Invalid request body. marks.0.id: Invalid UUID' } }, {}, 'validation-failed', 'split', undefined],
      [413, { error: { code: 'payload-too-large', message: 'x' } }, {}, 'payload-too-large', 'split', undefined],
      [401, { error: { code: 'unauthenticated', message: 'sign in' } }, {}, 'unauthenticated', 'unauthorized', undefined],
      [403, { error: { code: 'forbidden', message: 'no' } }, {}, 'forbidden', 'unauthorized', undefined],
    ];
    for (const [status, body, headers, code, action, retryAfterMs] of cases) {
      reply = (_req, _body, res) => (typeof body === 'string' ? (res.writeHead(status), res.end(body)) : json(res, status, body, headers));
      const err = await failure(t.postMarks([sampleMark()]));
      expect({ kind: err.kind, status: err.status, code: err.code, action: failureAction(err), retryAfterMs: err.retryAfterMs }).toEqual({
        kind: 'http',
        status,
        code,
        action,
        retryAfterMs,
      });
    }
    const err = await failure(t.postMarks([sampleMark()]));
    expect(err.route).toBe('POST /api/attendance');
  });

  it('reports an answer that breaks the contract as bad-response, to be retried', async () => {
    const t = fetchTransport({ baseUrl: base });
    for (const body of [{ results: [{ id: 'nope', status: 'accepted' }] }, { ok: true }]) {
      reply = (_req, _b, res) => json(res, 200, body);
      const err = await failure(t.postMarks([sampleMark()]));
      expect([err.kind, err.code, failureAction(err)]).toEqual(['bad-response', 'bad-response', 'retry']);
    }
    reply = (_req, _b, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"results": ['));
    expect((await failure(t.postMarks([sampleMark()]))).kind).toBe('bad-response');
  });

  it('reports a dropped connection as network and a silent server as timeout', async () => {
    const t = fetchTransport({ baseUrl: base, timeoutMs: 200 });
    reply = (req) => req.socket.destroy();
    const dropped = await failure(t.postMarks([sampleMark()]));
    expect([dropped.kind, dropped.code, failureAction(dropped)]).toEqual(['network', 'network', 'retry']);

    reply = () => {}; // never answers
    const silent = await failure(t.postMarks([sampleMark()]));
    expect([silent.kind, silent.code, failureAction(silent)]).toEqual(['timeout', 'timeout', 'retry']);

    // Headers sent, body never finished: the timeout still covers reading it.
    reply = (_req, _b, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.write('{"results":'));
    expect((await failure(t.postMarks([sampleMark()]))).kind).toBe('timeout');

    const closed = fetchTransport({ baseUrl: 'http://127.0.0.1:9' });
    expect((await failure(closed.postMarks([sampleMark()]))).kind).toBe('network');
  });

  it('aborts with the caller signal', async () => {
    const t = fetchTransport({ baseUrl: base });
    reply = () => {};
    const controller = new AbortController();
    const p = t.postMarks([sampleMark()], { signal: controller.signal });
    controller.abort();
    expect((await failure(p)).kind).toBe('network');
  });

  it('asks for a sync page with its query and parses it', async () => {
    const t = fetchTransport({ baseUrl: base });
    const page = {
      since: 3,
      revision: 9,
      more: false,
      cursor: null,
      reset: false,
      scoped: false,
      serverTime: '2026-11-24T08:00:00.000Z',
      students: { upserted: [], deleted: ['S1'] },
      embeddings: { upserted: [], deleted: [] },
      classes: { upserted: [], deleted: [] },
    };
    reply = (_req, _b, res) => json(res, 200, page);
    seen.length = 0;
    expect(await t.sync({ since: 3, modelId: 'human-faceres@3.3.6', limit: 100 })).toEqual(page);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/sync?since=3&modelId=human-faceres%403.3.6&limit=100' });
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });
});
