// A real restart in the middle of a send, on both databases: the API runs as its own process (as
// `pnpm dev` starts it), ends a session, claims the notice and is killed (SIGKILL) while its mail
// server has not answered; a new API on the same database sends the notice once the dead one's
// claim has run out, and exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { parseDatabaseUrl } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { ADMIN, dialects, freshDatabase } from './context.ts';
import { startInbox, startRelay, type Inbox } from './smtp-inbox.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MINUTE = 60_000;

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the API exited (${code}): ${out}`)));
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 30_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(dialects)('a restart in the middle of a send on %s', (dialect) => {
  let inbox: Inbox;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let child: ChildProcess | null = null;
  let watcher: Database;

  beforeAll(async () => {
    inbox = await startInbox();
    relay = await startRelay(inbox.port);
    fresh = await freshDatabase(dialect);
    watcher = openDatabase(parseDatabaseUrl(fresh.url, 2));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    for (const s of relay.held) s.destroy();
    await watcher.close();
    await fresh.database.close();
    await fresh.drop();
    await Promise.all([inbox.close(), relay.close()]);
  });

  it('sends the notice a killed API had claimed, once, from the API started after it', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: fresh.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_REQUESTS: 'false',
      WEB_DIST: path.join(ROOT, 'no-web-app-here'),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay.port),
      NOTICE_FROM: 'office@oak.example',
    };
    child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'apps/api/src/main.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForLine(child, /Rollcall listening on/);

    const base = `http://127.0.0.1:${port}`;
    let token = '';
    const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(base + p, {
        method,
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, cookie: res.headers.get('set-cookie') };
    };
    const setup = await call('POST', '/api/auth/setup', ADMIN);
    expect(setup.status).toBe(201);
    token = (await call('POST', '/api/tokens', { name: 'test' }, { cookie: setup.cookie!.split(';')[0]! })).body.token;
    await call('POST', '/api/students', { studentId: 'K1', name: 'Kim Killed' });
    await call('PUT', '/api/students/K1/guardians', { guardians: [{ name: 'Kai Killed', email: 'kai@home.example' }] });
    const classId = (await call('POST', '/api/classes', { name: 'Form 9K', studentIds: ['K1'] })).body.id;
    const session = await call('POST', `/api/classes/${classId}/sessions`, { startsAt: new Date(Date.now() - 30 * MINUTE).toISOString() });

    relay.hang = true;
    expect((await call('POST', `/api/sessions/${session.body.id}/end`)).status).toBe(200);
    await waitUntil('the API sending to a mail server that does not answer', async () => relay.held.length === 1);
    const claimed = await watcher.db.selectFrom('notice_outbox').selectAll().executeTakeFirstOrThrow();
    expect([claimed.state, Number(claimed.attempts), claimed.claim_token !== null]).toEqual(['pending', 1, true]);

    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = null;
    relay.hang = false;

    // The new API, on a clock that can move past the dead one's claim.
    let shift = 0;
    const { hub, notices } = createApp({
      config: {
        cooldownSeconds: 60,
        bodyLimit: '1mb',
        webDist: null,
        logRequests: false,
        corsOrigins: [],
        retentionDays: null,
        markPostsPerMinute: 1000,
        trustProxy: false,
      },
      database: fresh.database,
      now: () => Date.now() + shift,
      notices: {
        smtp: { host: '127.0.0.1', port: relay.port, secure: false, user: null, password: null, from: 'office@oak.example' },
        webhook: null,
        timing: { pollMs: 50 },
      },
      log: () => {},
    });
    try {
      await new Promise((r) => setTimeout(r, 400));
      expect(inbox.received).toHaveLength(0); // the dead API's claim still holds
      shift = 3 * MINUTE;
      const t0 = Date.now();
      await inbox.waitFor(1);
      console.log(`[${dialect}] after the restart, the claim ran out and the notice arrived ${Date.now() - t0} ms later`);
      await waitUntil('sent', async () => (await watcher.db.selectFrom('notice_outbox').select('state').executeTakeFirstOrThrow()).state === 'sent');
      await new Promise((r) => setTimeout(r, 400));
      expect(inbox.received.map((m) => m.to)).toEqual([['kai@home.example']]);
      expect(inbox.received[0]!.mail.subject).toMatch(/^Kim Killed was absent/);
      const sent = await watcher.db.selectFrom('notice_outbox').selectAll().executeTakeFirstOrThrow();
      expect([sent.state, Number(sent.attempts), sent.claim_token]).toEqual(['sent', 2, null]);
    } finally {
      hub.stop();
      await notices.stop();
    }
  }, 90_000);
});
