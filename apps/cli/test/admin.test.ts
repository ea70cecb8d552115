// `rollcall admin create` against the real API (a child process on a throw-away SQLite file):
// creates the first admin non-interactively, and is refused once an admin exists.
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from '../../../scripts/reliability/api-process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

// Each request on a connection of its own, closed after. spawnSync blocks this process while the
// CLI runs (seconds), so a pooled keep-alive socket can be closed by the server unseen and then
// reused by the next fetch ("other side closed", seen in CI).
const request = (method: string, url: string, body?: unknown) =>
  new Promise<{ status: number; json: unknown }>((ok, fail) => {
    const req = httpRequest(url, { method, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => ok({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', fail).end(body === undefined ? undefined : JSON.stringify(body));
  });

describe('rollcall admin create', () => {
  let work: string;
  let api: ApiProcess;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rollcall-admin-'));
    api = apiProcess({ DATABASE_URL: `sqlite:${join(work, 'db.sqlite')}` }, await freePort());
    await api.start();
  });
  afterAll(async () => {
    await api.kill();
    rmSync(work, { recursive: true, force: true });
  });

  const run = (args: string[], env: Record<string, string>, input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'admin', 'create', ...args, '--api', api.base], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      ...(input !== undefined && { input }),
    });

  // Runs first, while no admin exists: a short password is refused by validation, not by the
  // "an admin already exists" rule, and nothing is created.
  it('reads the password from standard input and refuses a short one', async () => {
    const short = run(['--email', 'x@school.example'], { ROLLCALL_PASSWORD: '' }, 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/validation-failed/);
    expect((await request('GET', `${api.base}/api/auth/setup`)).json).toEqual({ needsAdmin: true });
  });

  it('creates the first admin with the password from the environment, then refuses a second', async () => {
    const first = run(['--email', 'Head@School.example', '--name', 'Head'], { ROLLCALL_PASSWORD: 'a long enough passphrase' });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Created admin head@school.example');
    const signIn = await request('POST', `${api.base}/api/auth/sign-in`, { email: 'head@school.example', password: 'a long enough passphrase' });
    expect(signIn.status).toBe(200);
    const second = run(['--email', 'other@school.example'], { ROLLCALL_PASSWORD: 'another long passphrase' });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('[forbidden]');
  });
});
