// Absence notices beyond the first period, on both databases: the term threshold and the end-of-day
// trigger, the SMS gateway webhook (a real HTTP server here), and an instance hung in the middle of
// a send (its mail server never answers): a second instance sends the notice once the claim runs
// out, and the hung one's late failure does not undo it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, type TestApi } from './context.ts';
import { startInbox, startRelay, type Inbox } from './smtp-inbox.ts';

const MINUTE = 60_000;

/** An SMS gateway: records each POST, answering 503 while `failing`. */
async function startGateway() {
  const gateway = { received: [] as { auth: string | undefined; body: Record<string, string> }[], failing: false, url: '', close: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      if (gateway.failing) return void res.writeHead(503).end();
      gateway.received.push({ auth: req.headers.authorization, body: JSON.parse(text) });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  gateway.close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  return gateway;
}

describe.each(dialects)('guardian notices: triggers, SMS and a hung instance on %s', (dialect) => {
  let api: TestApi;
  let inbox: Inbox;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let shift = 0;
  let n = 0;

  beforeAll(async () => {
    inbox = await startInbox();
    relay = await startRelay(inbox.port);
    gateway = await startGateway();
    api = await startApi(dialect, {
      now: () => Date.now() + shift,
      notices: {
        smtp: { host: '127.0.0.1', port: relay.port, secure: false, user: null, password: null, from: 'office@oak.example' },
        webhook: { url: gateway.url, token: 'gateway-secret' },
        timing: { pollMs: 50, retryBaseMs: 100, leaseMs: 2 * MINUTE },
      },
    });
  });
  afterAll(async () => {
    for (const s of relay.held) s.destroy();
    await api.close();
    await Promise.all([inbox.close(), relay.close(), gateway.close()]);
  });
  afterEach(() => {
    inbox.received.length = 0;
    gateway.received.length = 0;
  });

  const settings = (body: Record<string, unknown>) => api.call('PATCH', '/api/notices/settings', body);
  const notices = async (id: string) => (await api.call('GET', `/api/students/${id}/notices`)).body.items as Record<string, unknown>[];
  const settle = () => new Promise((r) => setTimeout(r, 300));
  async function waitUntil(what: string, check: () => Promise<boolean>) {
    const until = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** A student with one guardian in a class of their own; returns the student id and a function that runs (and ends) a session. */
  async function pupil(guardian: Record<string, unknown>) {
    const id = `T${++n}`;
    await api.call('POST', '/api/students', { studentId: id, name: `Pupil ${n}` });
    expect((await api.call('PUT', `/api/students/${id}/guardians`, { guardians: [guardian] })).status).toBe(200);
    const classId = (await api.call('POST', '/api/classes', { name: `Set ${n}`, studentIds: [id] })).body.id as string;
    const lesson = async (minutesAgo: number) => {
      const startsAt = new Date(Date.now() + shift - minutesAgo * MINUTE).toISOString();
      const sid = (await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt })).body.id as string;
      const endsAt = new Date(Date.parse(startsAt) + 5 * MINUTE).toISOString();
      expect((await api.call('POST', `/api/sessions/${sid}/end`, { endsAt })).status).toBe(200);
    };
    return { id, lesson };
  }

  it('with a term threshold of 3, tells the guardian only at the third unexplained absence', async () => {
    await settings({ trigger: 'term-threshold', threshold: 3, delayMinutes: 0 });
    const p = await pupil({ name: 'Tara Three', email: 'tara@home.example' });
    await p.lesson(40);
    await p.lesson(30);
    await settle();
    expect(await notices(p.id)).toEqual([]);
    await p.lesson(20);
    await inbox.waitFor(1);
    expect(inbox.received.map((m) => m.to)).toEqual([['tara@home.example']]);
    // A fourth the same day: still one notice for the day.
    await p.lesson(10);
    await settle();
    expect(inbox.received).toHaveLength(1);
    await settings({ trigger: 'first-period' });
  });

  it('after the day: the notice waits for the school day’s end', async () => {
    await settings({ trigger: 'day', dayEndsAt: '23:59', delayMinutes: 0 });
    const p = await pupil({ name: 'Dana Day', email: 'dana@home.example' });
    await p.lesson(10);
    const [queued] = await notices(p.id);
    const day = String(queued!.day);
    expect(Date.parse(String(queued!.sendAfter))).toBe(Date.parse(`${day}T23:59:00`));
    await settle();
    expect(inbox.received).toHaveLength(0);
    await settings({ trigger: 'first-period' });
  });

  it('sends to a guardian’s phone through the SMS gateway, retrying while it fails, once', async () => {
    await settings({ delayMinutes: 0 });
    gateway.failing = true;
    const p = await pupil({ name: 'Sol Sms', phone: '+44 7700 900123', language: 'de' });
    await p.lesson(10);
    await waitUntil('a refused attempt', async () => Number((await notices(p.id))[0]?.attempts) >= 1 && (await notices(p.id))[0]?.result !== null);
    expect((await notices(p.id))[0]).toMatchObject({ channel: 'sms', state: 'pending', result: 'the SMS gateway answered HTTP 503' });
    gateway.failing = false;
    await waitUntil('sent', async () => (await notices(p.id))[0]?.state === 'sent');
    await settle();
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]!.auth).toBe('Bearer gateway-secret');
    expect(gateway.received[0]!.body).toMatchObject({ to: '+44 7700 900123', language: 'de', id: (await notices(p.id))[0]!.id });
    expect(gateway.received[0]!.body.text).toContain('Pupil');
    expect(gateway.received[0]!.body.text).toContain('hat gefehlt');
    expect(inbox.received).toHaveLength(0);
  });

  it('an instance hung mid-send: another sends the notice once its claim runs out, and the hung one’s late failure changes nothing', async () => {
    await settings({ delayMinutes: 0 });
    relay.hang = true;
    const p = await pupil({ name: 'Hugo Hung', email: 'hugo@home.example' });
    await p.lesson(10);
    await waitUntil('the first instance hanging on the mail server', async () => relay.held.length === 1);
    expect((await notices(p.id))[0]).toMatchObject({ state: 'pending', attempts: 1 });

    relay.hang = false;
    const second = await api.secondInstance();
    await settle();
    expect(inbox.received).toHaveLength(0); // the claim still holds
    shift += 3 * MINUTE;
    await inbox.waitFor(1);
    await waitUntil('sent', async () => (await notices(p.id))[0]?.state === 'sent');

    relay.held.pop()!.destroy(); // the hung send fails at last
    await settle();
    expect(inbox.received.map((m) => m.to)).toEqual([['hugo@home.example']]);
    expect((await notices(p.id))[0]).toMatchObject({ state: 'sent', attempts: 2 });
    await second.close();
  });

  it('purges notices with the marks of their time when retention runs', async () => {
    const p = await pupil({ name: 'Ria Retained', email: 'ria@home.example' });
    await p.lesson(10);
    await waitUntil('sent', async () => (await notices(p.id))[0]?.state === 'sent');
    expect((await api.call('PATCH', '/api/privacy/settings', { retentionDays: 1 })).status).toBe(200);
    shift += 2 * 86_400_000;
    expect((await api.call('POST', '/api/admin/purge')).body.marksDeleted).toBeGreaterThan(0);
    expect(await notices(p.id)).toEqual([]);
  });
});
