// @rollcall/sync against the real API, on SQLite and MySQL: the outbox and sender of the web app
// and the load harness, and pullSync. Faults are made by a real HTTP proxy in front of the API
// (answers lost after the API acted, a 503 with Retry-After), never by mocking the API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMark, PostMarksResult } from '@rollcall/contracts';
import {
  alwaysOnline,
  fetchTransport,
  MemoryOutboxStore,
  MemorySyncTarget,
  Outbox,
  pullSync,
  Sender,
  type MarkTransport,
  type SyncClient,
} from '@rollcall/sync';
import { ManualClock, stateWhere } from '@rollcall/sync/testing';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

/** What the proxy does with one request: pass it on, pass it on but drop the answer, or answer by itself. */
type Fault = 'pass' | 'lose-answer' | { status: number; body: unknown; headers?: Record<string, string> };

/** A real HTTP hop between device and API that can misbehave like a flaky network or a load balancer. */
async function faultyProxy(target: string, decide: (req: http.IncomingMessage, n: number) => Fault) {
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const fault = decide(req, ++n);
      if (typeof fault === 'object') {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(JSON.stringify(fault.body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const k of ['content-type', 'authorization', 'accept']) if (typeof req.headers[k] === 'string') headers[k] = req.headers[k];
      const up = await fetch(target + req.url, { method: req.method!, headers, ...(chunks.length && { body: Buffer.concat(chunks) }) });
      const text = await up.text();
      // The API has acted on the request; the device never hears about it.
      if (fault === 'lose-answer') return void req.socket.destroy();
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Wraps a transport to keep every answer, so a test can check what the API said. */
function recording(inner: MarkTransport) {
  const answers: PostMarksResult['results'] = [];
  const transport: MarkTransport = {
    async postMarks(marks) {
      const res = await inner.postMarks(marks);
      answers.push(...res.results);
      return res;
    },
  };
  return { transport, answers };
}

const sid = (i: number) => `S${String(i).padStart(3, '0')}`;

describe.each(dialects)('outbox and sync client against the API on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  let token: string;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    api = await startApi(dialect);
    for (let i = 1; i <= 30; i++) await api.call('POST', '/api/students', { studentId: sid(i), name: `Student ${i}` });
    classId = (await api.call('POST', '/api/classes', { name: 'Outbox class', studentIds: Array.from({ length: 30 }, (_, i) => sid(i + 1)) })).body.id;
    // Marks come from a registered classroom device, with its bearer token, as in a classroom.
    token = (await api.device([classId])).token;
  });
  afterAll(async () => {
    for (const c of closers) await c();
    await api.close();
  });

  const transportTo = (base: string) => fetchTransport({ baseUrl: base, token: () => token, timeoutMs: 20_000 });

  function device(transport: MarkTransport, batchSize = 50) {
    const clock = new ManualClock(Date.now());
    const store = new MemoryOutboxStore();
    const outbox = new Outbox(store, () => clock.now());
    const sender = new Sender({ outbox, transport, clock, network: alwaysOnline, batchSize, random: () => 0.5 });
    return { clock, store, outbox, sender };
  }

  // Each test marks in its own two-hour slot, so the API's 1-minute cooldown never links two tests.
  let slot = 0;
  let slotStart = 0;
  async function newSession(): Promise<string> {
    slotStart = Date.UTC(2026, 10, 2, 6) + ++slot * 7_200_000;
    const res = await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: new Date(slotStart).toISOString() });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  let tick = 0;
  const mark = (studentId: string, over: Partial<NewMark> = {}): NewMark => ({
    id: uuid(),
    studentId,
    deviceId: 'laptop-1',
    markedAt: new Date(slotStart + 60_000 + (++tick % 3_600) * 1000).toISOString(),
    method: 'face',
    similarity: 0.93,
    ...over,
  });

  async function storedIds(sessionId: string): Promise<{ id: string; student_id: string }[]> {
    return api.database.db.selectFrom('attendance_marks').select(['id', 'student_id']).where('session_id', '=', sessionId).execute();
  }

  it('sends marks in batches and forgets each one once the API confirmed it', async () => {
    const sessionId = await newSession();
    const { transport, answers } = recording(transportTo(api.base));
    const { outbox, sender } = device(transport, 8);
    const marks = Array.from({ length: 30 }, (_, i) => mark(sid(i + 1), { sessionId }));
    for (const m of marks) await outbox.enqueue(m);
    const result = await sender.flush();
    expect(result).toEqual({ confirmed: 30, failed: 0, requests: 4, error: null, pending: 0 });
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill('accepted'));
    expect((await storedIds(sessionId)).map((r) => r.id).sort()).toEqual(marks.map((m) => m.id).sort());
    expect(sender.state).toMatchObject({ phase: 'idle', pending: 0, failed: 0, lastError: null });
  });

  it('resends a batch whose answer was lost: the API says duplicate, the outbox forgets it, it is stored once', async () => {
    const sessionId = await newSession();
    let lose = true;
    const proxy = await faultyProxy(api.base, (req) => (req.method === 'POST' && lose ? 'lose-answer' : 'pass'));
    closers.push(proxy.close);
    const { transport, answers } = recording(transportTo(proxy.base));
    const { outbox, sender } = device(transport);
    const marks = [mark(sid(1), { sessionId }), mark(sid(2), { sessionId }), mark(sid(3), { sessionId })];
    for (const m of marks) await outbox.enqueue(m);

    const first = await sender.flush();
    expect(first).toMatchObject({ confirmed: 0, pending: 3, error: { code: 'network' } });
    expect(sender.state).toMatchObject({ phase: 'backoff', attempt: 1, pending: 3 });
    // The API stored them even though the device did not hear it.
    expect(await storedIds(sessionId)).toHaveLength(3);

    lose = false;
    const second = await sender.flush();
    expect(second).toMatchObject({ confirmed: 3, pending: 0, error: null });
    expect(answers).toEqual(marks.map((m) => ({ id: m.id, status: 'duplicate', reason: 'already-received', existingId: m.id })));
    expect((await storedIds(sessionId)).map((r) => r.id).sort()).toEqual(marks.map((m) => m.id).sort());
  });

  it('waits out a 503 with Retry-After, then sends everything once the server is back', async () => {
    const sessionId = await newSession();
    let outage = 2;
    const proxy = await faultyProxy(api.base, (req) =>
      req.method === 'POST' && outage-- > 0
        ? {
            status: 503,
            body: { error: { code: 'database-unavailable', message: 'The database is unavailable; retry shortly.' } },
            headers: { 'retry-after': '5' },
          }
        : 'pass',
    );
    closers.push(proxy.close);
    const { outbox, sender, clock } = device(transportTo(proxy.base));
    const marks = Array.from({ length: 5 }, (_, i) => mark(sid(i + 1), { sessionId }));
    for (const m of marks) await outbox.enqueue(m);
    sender.start();

    for (const attempt of [1, 2]) {
      const s = await stateWhere(sender, (st) => st.phase === 'backoff' && st.attempt === attempt);
      expect(s).toMatchObject({ pending: 5, lastError: { code: 'database-unavailable', status: 503 } });
      expect(s.nextRetryAt! - clock.now()).toBeGreaterThanOrEqual(5000);
      expect(await storedIds(sessionId)).toHaveLength(0);
      clock.runNext();
    }
    await stateWhere(sender, (st) => st.phase === 'idle' && st.pending === 0);
    await sender.stop();
    expect(sender.state).toMatchObject({ attempt: 0, lastError: null });
    expect((await storedIds(sessionId)).map((r) => r.id).sort()).toEqual(marks.map((m) => m.id).sort());
  });

  it('isolates poisoned marks by splitting the batch, and stores every good one', async () => {
    const sessionId = await newSession();
    const { transport, answers } = recording(transportTo(api.base));
    const { store, outbox, sender } = device(transport);
    const good = Array.from({ length: 20 }, (_, i) => mark(sid(i + 1), { sessionId }));
    // Rows an older app version (or a damaged IndexedDB) left behind: they skip enqueue's check.
    const poisoned = [{ ...mark(sid(21), { sessionId }), markedAt: '2026-11-24T08:00:00' }, { ...mark(sid(22), { sessionId }), confidence: 0.9 } as NewMark];
    for (const m of [...good.slice(0, 7), poisoned[0]!, ...good.slice(7, 15), poisoned[1]!, ...good.slice(15)]) await store.put(m);

    const result = await sender.flush();
    expect(result).toMatchObject({ confirmed: 20, failed: 2, pending: 0, error: null });
    const failed = await outbox.failed();
    expect(failed.map((f) => [f.mark.id, f.reason])).toEqual(poisoned.map((m) => [m.id, 'invalid']));
    expect(failed[0]!.detail).toMatch(/validation-failed/);
    expect(answers.filter((a) => a.status === 'accepted')).toHaveLength(20);
    expect((await storedIds(sessionId)).map((r) => r.id).sort()).toEqual(good.map((m) => m.id).sort());
  });

  it('sets aside marks the API rejects, with the reason, and does not send them again', async () => {
    const sessionId = await newSession();
    const { outbox, sender } = device(transportTo(api.base));
    const ok = mark(sid(1), { sessionId });
    const ghost = mark('S999', { sessionId });
    const noSession = mark(sid(2), { sessionId: uuid() });
    for (const m of [ok, ghost, noSession]) await outbox.enqueue(m);
    expect(await sender.flush()).toMatchObject({ confirmed: 1, failed: 2, pending: 0 });
    expect((await outbox.failed()).map((f) => [f.mark.id, f.reason])).toEqual([
      [ghost.id, 'student-not-found'],
      [noSession.id, 'session-not-found'],
    ]);
    expect(sender.state).toMatchObject({ pending: 0, failed: 2 });
    expect((await sender.flush()).requests).toBe(0);
  });

  it('publishes one outbox state (pending, sending, refused with the reason) and lets a refused mark be retried or discarded', async () => {
    const sessionId = await newSession();
    const { outbox, sender } = device(transportTo(api.base));
    const seen: { pending: number; sending: number; refused: number }[] = [];
    outbox.subscribe((s) => seen.push({ pending: s.pending, sending: s.sending, refused: s.refused.length }));
    const ok = mark(sid(3), { sessionId });
    const late = mark('S998', { sessionId });
    const stray = mark('S997', { sessionId });
    for (const m of [ok, late, stray]) await outbox.enqueue(m);
    await sender.flush();
    expect(seen).toContainEqual({ pending: 3, sending: 3, refused: 0 });
    expect(outbox.state).toMatchObject({ pending: 0, sending: 0, loaded: true });
    expect(outbox.state.refused.map((f) => [f.mark.id, f.reason])).toEqual([
      [late.id, 'student-not-found'],
      [stray.id, 'student-not-found'],
    ]);

    // The office enrols the late student; the teacher retries that mark and discards the other.
    await api.client.createStudent({ body: { studentId: 'S998', name: 'Late Enrolment' } });
    await api.client.addToRoster({ params: { id: classId, studentId: 'S998' } });
    await outbox.retry([late.id]);
    expect(outbox.state.refused.map((f) => f.mark.id)).toEqual([stray.id]);
    expect(await sender.flush()).toMatchObject({ confirmed: 1, failed: 0 });
    await outbox.discard([stray.id]);
    expect(outbox.state).toMatchObject({ pending: 0, sending: 0, refused: [] });
    expect((await storedIds(sessionId)).map((r) => r.id).sort()).toEqual([ok.id, late.id].sort());
    // Later tests count the roster's students.
    await api.client.deleteStudent({ params: { studentId: 'S998' } });
  });

  it('stops on a revoked token and surfaces unauthorized', async () => {
    const revoked = await api.device([classId]);
    const list = await api.call('GET', '/api/devices');
    expect(list.status).toBe(200);
    const del = await api.call('DELETE', `/api/devices/${revoked.id}`);
    expect(del.status).toBeLessThan(300);
    const transport = fetchTransport({ baseUrl: api.base, token: revoked.token });
    const { outbox, sender } = device(transport);
    await outbox.enqueue(mark(sid(1)));
    const result = await sender.flush();
    expect(result.error).toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(sender.state).toMatchObject({ phase: 'unauthorized', pending: 1, nextRetryAt: null });
  });

  it('10 devices with their own outboxes, sending overlapping marks at once, leave one mark per student per session', async () => {
    const sessionId = await newSession();
    const shared = Array.from({ length: 5 }, (_, i) => mark(sid(i + 1), { sessionId, deviceId: 'laptop-0' }));
    const devices = await Promise.all(
      Array.from({ length: 10 }, async (_, d) => {
        const { transport, answers } = recording(transportTo(api.base));
        const dev = { ...device(transport, 7), answers };
        // Every laptop sees all 30 students, in its own order, with its own mark ids; some also
        // resend marks another laptop made (the same ids).
        for (let i = 0; i < 30; i++) await dev.outbox.enqueue(mark(sid(((i + d * 3) % 30) + 1), { sessionId, deviceId: `laptop-${d}` }));
        if (d % 2) for (const m of shared) await dev.outbox.enqueue(m);
        return dev;
      }),
    );
    await Promise.all(
      devices.map(async ({ sender }) => {
        // Flush until settled: on SQLite a concurrent write may be answered 503, which is retried.
        for (let i = 0; i < 20; i++) {
          const r = await sender.flush();
          if (r.pending === 0 && !r.error) return;
        }
        throw new Error(`device never settled: ${JSON.stringify(sender.state)}`);
      }),
    );
    for (const d of devices) expect(await d.outbox.counts()).toEqual({ pending: 0, failed: 0 });
    const rows = await storedIds(sessionId);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.student_id)).size).toBe(30);
    const answers = devices.flatMap((d) => d.answers);
    expect(answers.filter((a) => a.status === 'accepted')).toHaveLength(30);
    expect(answers.filter((a) => a.status === 'rejected')).toHaveLength(0);
  });

  describe('pullSync', () => {
    const emb = (seed: number) => ({ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, seed), quality: 0.9, sourceHash: hash(`sync-${seed}`) });

    /** What a fresh device gets from since=0, to compare an incrementally updated cache with. */
    async function fullSet(client: SyncClient) {
      const fresh = new MemorySyncTarget();
      await pullSync(client, fresh);
      return fresh;
    }
    const snapshot = (t: MemorySyncTarget) => ({
      students: Object.fromEntries([...t.students].map(([k, s]) => [k, s.name])),
      embeddings: [...t.embeddings.keys()].sort(),
      classes: Object.fromEntries([...t.classes].map(([k, c]) => [k, [...c.studentIds].sort()])),
    });

    it('applies a delta after edits and deletions so the cache equals a fresh full sync', async () => {
      const client = transportTo(api.base);
      await grantConsent(api, 'S001', 'S002');
      await api.call('POST', '/api/students/S001/embeddings', { embeddings: [emb(1), emb(2)] });
      await api.call('POST', '/api/students/S002/embeddings', { embeddings: [emb(3)] });
      const cache = new MemorySyncTarget();
      const first = await pullSync(client, cache, { limit: 10 });
      expect(first.pages).toBeGreaterThan(1);
      expect(cache.students.size).toBe(30);
      expect(cache.embeddings.size).toBe(3);
      expect(cache.classes.get(classId)?.studentIds).toHaveLength(30);

      await api.call('PATCH', '/api/students/S002', { name: 'Two Renamed' });
      const e1 = (await api.call('GET', '/api/students/S001/embeddings')).body.items[0].id;
      await api.call('DELETE', `/api/students/S001/embeddings/${e1}`);
      expect((await api.call('DELETE', '/api/students/S003')).status).toBe(200);
      const delta = await pullSync(client, cache);
      expect(delta).toMatchObject({ pages: 1, reset: false, students: { deleted: 1 } });
      expect(delta.embeddings.deleted).toBeGreaterThanOrEqual(1);
      expect(cache.students.get('S002')?.name).toBe('Two Renamed');
      expect(cache.students.has('S003')).toBe(false);
      expect(cache.embeddings.has(e1)).toBe(false);
      expect(cache.classes.get(classId)?.studentIds).not.toContain('S003');
      expect(snapshot(cache)).toEqual(snapshot(await fullSet(client)));
      expect(cache.revision).toBe((await fullSet(client)).revision);
    });

    it('keeps the revision at the last applied page when the connection drops mid-pages, and catches up after', async () => {
      for (let i = 1; i <= 6; i++) {
        await api.call('POST', '/api/students', { studentId: `P${i}`, name: `Paged ${i}` });
        // On the device's class roster: a device syncs only the students of its classes.
        await api.call('PUT', `/api/classes/${classId}/students/P${i}`);
      }
      let gets = 0;
      const proxy = await faultyProxy(api.base, (req) => (req.method === 'GET' && ++gets === 2 ? 'lose-answer' : 'pass'));
      closers.push(proxy.close);
      const client = transportTo(proxy.base);
      const cache = new MemorySyncTarget();
      const revisions: number[] = [];
      const setRevision = cache.setRevision.bind(cache);
      cache.setRevision = async (r) => {
        revisions.push(r);
        await setRevision(r);
      };
      await expect(pullSync(client, cache, { limit: 4 })).rejects.toMatchObject({ code: 'network' });
      expect(revisions).toHaveLength(1);
      expect(cache.revision).toBe(revisions[0]);
      // What is cached is exactly the first page: a device that resumes from here misses nothing.
      const firstPage = await transportTo(api.base).sync({ since: 0, limit: 4 });
      expect(firstPage.revision).toBe(cache.revision);
      expect([...cache.students.keys()].sort()).toEqual(firstPage.students.upserted.map((s) => s.studentId).sort());

      await pullSync(client, cache, { limit: 4 });
      expect(snapshot(cache)).toEqual(snapshot(await fullSet(transportTo(api.base))));
      expect(cache.students.has('P6')).toBe(true);
    });
  });
});
