// The API as a real child process (the entry point `pnpm start` runs), with its output kept, for
// tests of what happens between processes: start-up migrations, a restored database.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { openDatabase, type Database } from '../src/db/database.ts';
import { MYSQL_ROOT, type Dialect } from './context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ApiChild {
  base: string;
  /** stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** The exit code once it has exited, else null. */
  exitCode(): number | null;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Waits until the output contains `text`; fails if the process exits first. */
  waitForOutput(text: string): Promise<void>;
  /** Waits until /health answers 200; fails if the process exits first. */
  healthy(): Promise<void>;
  /** Sends `signal` without waiting for the process to end (see `exited`). */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export async function startApiChild(env: Record<string, string>): Promise<ApiChild> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_REQUESTS: 'false', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  const until = async (what: string, done: () => Promise<boolean> | boolean) => {
    for (;;) {
      if (await done()) return;
      if (!running()) throw new Error(`API exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${out}`);
      await sleep(100);
    }
  };
  return {
    base,
    output: () => out,
    exitCode: () => child.exitCode,
    exited,
    waitForOutput: (text) => until(`printing "${text}"`, () => out.includes(text)),
    healthy: () =>
      until('answering /health', async () => {
        try {
          return (await fetch(`${base}/health`)).ok;
        } catch {
          return false;
        }
      }),
    signal: (signal) => void child.kill(signal),
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An empty database (no tables at all), as a new school's server starts with. */
export async function emptyDatabase(dialect: Dialect): Promise<{ url: string; open: () => Database; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-empty-'));
    const file = path.join(dir, 'rollcall.sqlite');
    return { url: `sqlite:${file}`, open: () => openDatabase({ dialect: 'sqlite', file }), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rollcall_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await createConnection({ uri: MYSQL_ROOT });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const url = `${MYSQL_ROOT}/${name}`;
  return {
    url,
    open: () => openDatabase({ dialect: 'mysql', url, poolSize: 5 }),
    drop: async () => {
      const conn = await createConnection({ uri: MYSQL_ROOT });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
