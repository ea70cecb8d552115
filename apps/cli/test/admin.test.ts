// `rollcall admin create` against the real API (a child process on a throw-away SQLite file):
// creates the first admin non-interactively, and is refused once an admin exists.
import { spawnSync } from 'node:child_process';
import { get } from 'node:http';
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

// A connection of its own, closed after: a pooled keep-alive socket left idle while the CLI runs
// (seconds) can be closed by the server just as the next fetch reuses it ("other side closed").
const getJson = (url: string) =>
  new Promise<unknown>((ok, fail) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => ok(JSON.parse(body)));
    }).on('error', fail);
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
    spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'admin', 'create', ...args, '--api', api.base], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', ...(input !== undefined && { input }) });

  // Runs first, while no admin exists: a short password is refused by validation, not by the
  // "an admin already exists" rule, and nothing is created.
  it('reads the password from standard input and refuses a short one', async () => {
    const short = run(['--email', 'x@school.example'], { ROLLCALL_PASSWORD: '' }, 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/validation-failed/);
    expect(await getJson(`${api.base}/api/auth/setup`)).toEqual({ needsAdmin: true });
  });

  it('creates the first admin with the password from the environment, then refuses a second', async () => {
    const first = run(['--email', 'Head@School.example', '--name', 'Head'], { ROLLCALL_PASSWORD: 'a long enough passphrase' });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Created admin head@school.example');
    const signIn = await fetch(`${api.base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'head@school.example', password: 'a long enough passphrase' }) });
    expect(signIn.status).toBe(200);
    const second = run(['--email', 'other@school.example'], { ROLLCALL_PASSWORD: 'another long passphrase' });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('[forbidden]');
  });
});
