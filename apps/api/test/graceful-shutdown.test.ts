// SIGTERM on a real API process, on both databases, as a rolling restart sends it: /health turns
// 503 at once while a batch being posted is still answered; once the drain is over the live event
// stream ends with a reconnect hint, new connections are refused, the batch completes with 200 and
// is stored, and the process exits 0.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMark, PostMarksResult } from '@rollcall/contracts';
import { setUp, type Setup } from '../../../scripts/reliability/fleet.ts';
import { emptyDatabase, startApiChild, type ApiChild } from './api-child.ts';
import { dialects } from './context.ts';

/** A POST whose body is sent in two parts, so the request is still in flight between them. */
function slowPost(base: string, path: string, token: string, body: string) {
  const url = new URL(path, base);
  const bytes = Buffer.from(body);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': bytes.length, authorization: `Bearer ${token}` },
  });
  const answered = new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.once('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
  });
  const half = Math.floor(bytes.length / 2);
  req.write(bytes.subarray(0, half));
  req.flushHeaders();
  return { finish: () => req.end(bytes.subarray(half)), answered };
}

/** A live event stream held open; resolves `ended` with everything it received once the server ends it. */
async function openStream(base: string, token: string) {
  const res = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value);
    }
  })();
  return { first: text, ended };
}

describe.each(dialects)('graceful shutdown on %s', (dialect) => {
  let api: ApiChild;
  let drop: () => Promise<void>;
  let open: Awaited<ReturnType<typeof emptyDatabase>>['open'];
  let setup: Setup;
  beforeAll(async () => {
    const empty = await emptyDatabase(dialect);
    drop = empty.drop;
    open = empty.open;
    // Long enough for the probes below to run inside the drain on a busy machine.
    api = await startApiChild({ DATABASE_URL: empty.url, SHUTDOWN_DRAIN_SECONDS: '4' });
    await api.healthy();
    setup = await setUp(api.base, 1, 3);
  });
  afterAll(async () => {
    await api.stop();
    await drop();
  });

  it('drains, finishes the batch in flight, ends the event stream and exits 0', async () => {
    const stream = await openStream(api.base, setup.adminToken);
    expect(stream.first).toContain('retry: 2000');
    const device = setup.devices[0]!;
    const marks: NewMark[] = device.students.map((studentId, i) => ({
      id: randomUUID(),
      studentId,
      deviceId: 'shutdown-test',
      markedAt: new Date(Date.now() - 3_600_000 + i * 1000).toISOString(),
      method: 'face',
      similarity: 0.95,
    }));
    const batch = slowPost(api.base, '/api/attendance', device.token, JSON.stringify({ marks }));

    api.signal('SIGTERM');
    await api.waitForOutput('draining');
    const health = await fetch(`${api.base}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'draining' });
    expect((await fetch(`${api.base}/api/health`)).status).toBe(503);

    // The drain is over once the server ends the stream: it tells the client when to reconnect (elsewhere).
    const received = await stream.ended;
    expect(received).toMatch(/retry: 2000\n\n$/);
    await expect(fetch(`${api.base}/health`)).rejects.toThrow();

    batch.finish();
    const answer = await batch.answered;
    expect(answer.status).toBe(200);
    expect((answer.json as PostMarksResult).results.map((r) => r.status)).toEqual(marks.map(() => 'accepted'));
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('Stopped');

    const database = open();
    try {
      const stored = await database.db
        .selectFrom('attendance_marks')
        .select('id')
        .where(
          'id',
          'in',
          marks.map((m) => m.id),
        )
        .execute();
      expect(stored).toHaveLength(marks.length);
    } finally {
      await database.close();
    }
  });
});
