// `rollcall import` against the real API (a child process on a throw-away SQLite file): creates
// the students, stores embeddings of the photos that pass the gates, reports the rest, and a
// second run adds nothing. The photo folder is made of symlinks: no photo is copied anywhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../src/api-client.ts';
import { importFolder, type ImportSummary } from '../src/commands/import.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FACES = resolve(process.env.FACES_DIR ?? join(ROOT, '../shared/faces'));
const TWD = join(FACES, 'twd');
const HAVE = existsSync(TWD);
if (!HAVE) console.warn(`[@rollcall/cli] skipping import test: no face photos at ${FACES} (set FACES_DIR)`);

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

let work: string;
let api: ChildProcess;
let client: ApiClient;
let blocked: ImportSummary;
let first: ImportSummary;

describe.skipIf(!HAVE)('rollcall import', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rollcall-import-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_REQUESTS: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${join(work, 'db.sqlite')}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; ; i++) {
      if (api.exitCode !== null) throw new Error(`API exited with ${api.exitCode}`);
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error('API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const setup = await fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@school.test', name: 'Admin', password: 'correct horse battery' }),
    });
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    const token = (
      (await (
        await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'cli' }) })
      ).json()) as { token: string }
    ).token;
    client = apiClient(base, token);

    // Seed layout: <StudentID>_<Name>/<photo>, plus a "student" whose only photo shows two people.
    const seed = join(work, 'raw_images');
    for (const [folder, person] of [
      ['S001_Daryl_Dixon', 'daryl'],
      ['S002_Rick_Grimes', 'rick'],
    ] as const) {
      mkdirSync(join(seed, folder), { recursive: true });
      for (const f of readdirSync(join(TWD, person))) symlinkSync(join(TWD, person, f), join(seed, folder, f));
    }
    mkdirSync(join(seed, 'S003_Group'), { recursive: true });
    symlinkSync(join(TWD, '_groups', readdirSync(join(TWD, '_groups'))[0]!), join(seed, 'S003_Group', 'group.jpg'));
    // No consent recorded yet: every student is reported, none fails the batch, nothing is stored.
    blocked = await importFolder(seed, client);
    await client.setConsentBulk({ body: { entries: ['S001', 'S002', 'S003'].map((studentId) => ({ studentId, status: 'granted', onBehalfOf: 'parent' })) } });
    first = await importFolder(seed, client);
  });

  afterAll(() => {
    api?.kill('SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('reports the students without consent instead of failing, and stores none of their photos', () => {
    expect(blocked.studentsCreated).toBe(3);
    expect(blocked.noConsent).toEqual(['S001', 'S002', 'S003'].map((studentId) => ({ studentId, consent: 'not-asked' })));
    expect(blocked.added).toBe(0);
    expect(blocked.photos).toEqual([]);
  });

  it('creates the students and, once consent is recorded, stores the photos that pass the gates', async () => {
    expect(first.studentsCreated).toBe(0);
    expect(first.noConsent).toEqual([]);
    expect(first.added).toBeGreaterThanOrEqual(4);
    expect(first.photos.find((p) => p.file === 'S003_Group/group.jpg')).toMatchObject({ status: 'rejected', reasons: ['multiple-faces'] });
    const page = await client.listStudents({ query: { q: 'S00' } });
    const total = page.items.reduce((n, s) => n + s.embeddingCount, 0);
    expect(total).toBe(first.added);
  });

  it('adds nothing when run again', async () => {
    const again = await importFolder(join(work, 'raw_images'), client);
    expect(again.studentsCreated).toBe(0);
    expect(again.added).toBe(0);
    expect(again.alreadyStored).toBe(first.added);
    const page = await client.listStudents({ query: { q: 'S00' } });
    expect(page.items.reduce((n, s) => n + s.embeddingCount, 0)).toBe(first.added);
  });
});
