// Helpers for tests that run the repository's scripts against a test API's database: a command run
// from the repository root, and the DATABASE_URL a script needs to reach that database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { MYSQL_ROOT, type TestApi } from './context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs a command from the repository root; resolves with its exit code and output. */
export function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** The DATABASE_URL of a running test API's database. */
export async function urlOf(api: TestApi): Promise<string> {
  if (api.dialect === 'mysql') {
    const { rows } = await sql<{ name: string }>`select database() as name`.execute(api.database.db);
    return `${MYSQL_ROOT}/${rows[0]!.name}`;
  }
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(api.database.db);
  return `sqlite:${rows[0]!.file}`;
}
