// Start-up migrations across real API processes sharing one database: three started at once run
// each migration exactly once, one started while another migrates waits for it, and one of an
// older build refuses a database a newer build migrated while the running instances keep serving.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withMigrationLock } from '../src/db/migration-lock.ts';
import { MIGRATION_TABLE, migrateToLatest } from '../src/db/migrator.ts';
import { emptyDatabase, startApiChild, type ApiChild } from './api-child.ts';
import { dialects } from './context.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/db/migrations');
/** Every migration the code ships, read from the folder rather than from the migrator under test. */
const SHIPPED = fs
  .readdirSync(DIR)
  .filter((f) => /^\d{4}_.*\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const appliedBy = (child: ApiChild) =>
  child
    .output()
    .split('\n')
    .filter((l) => l.startsWith('Applied migrations: '))
    .flatMap((l) => l.slice('Applied migrations: '.length).split(', '));

describe.each(dialects)('start-up migrations on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  async function empty() {
    const fresh = await emptyDatabase(dialect);
    cleanup.push(fresh.drop);
    return fresh;
  }
  async function child(url: string) {
    const c = await startApiChild({ DATABASE_URL: url });
    cleanup.push(() => c.stop());
    return c;
  }
  async function recorded(open: () => ReturnType<Awaited<ReturnType<typeof empty>>['open']>) {
    const database = open();
    try {
      const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(database.db);
      return rows.map((r) => r.name).sort();
    } finally {
      await database.close();
    }
  }

  it('runs every migration exactly once when three instances start together on an empty database', async () => {
    const db = await empty();
    const three = await Promise.all([child(db.url), child(db.url), child(db.url)]);
    await Promise.all(three.map((c) => c.healthy()));

    for (const c of three) expect(c.output()).not.toMatch(/failed to start|already exists|duplicate/i);
    // Between them the three applied each migration once: none twice, none left out.
    expect(three.flatMap(appliedBy).sort()).toEqual(SHIPPED);
    expect(await recorded(db.open)).toEqual(SHIPPED);
    for (const c of three) expect((await fetch(`${c.base}/health`)).status).toBe(200);
  });

  it('makes an instance started in the middle of another migration wait, then apply the rest', async () => {
    const db = await empty();
    const holder = db.open();
    cleanup.push(() => holder.close());
    const FIRST = SHIPPED.slice(0, 5);
    let waiting: ApiChild | null = null;
    await withMigrationLock(holder.db, {}, async (conn) => {
      // An instance of a build that ships only the first five migrations, half way through.
      const migrations: Record<string, Migration> = {};
      for (const name of FIRST) migrations[name] = (await import(path.join(DIR, `${name}.ts`))) as Migration;
      const { error } = await new Migrator({ db: conn, provider: { getMigrations: async () => migrations } }).migrateToLatest();
      expect(error).toBeUndefined();

      waiting = await child(db.url);
      await waiting.waitForOutput('Another instance is migrating the database: waiting for it to finish.');
      // Still waiting: alive, not listening yet.
      expect(waiting.exitCode()).toBeNull();
      await expect(fetch(`${waiting.base}/health`)).rejects.toThrow();
    });
    await waiting!.healthy();
    expect(appliedBy(waiting!)).toEqual(SHIPPED.slice(5));
    expect(await recorded(db.open)).toEqual(SHIPPED);
  });

  it('refuses to start an older build on a database a newer build migrated; running instances keep serving', async () => {
    const db = await empty();
    const database = db.open();
    cleanup.push(() => database.close());
    await migrateToLatest(database.db);
    const running = await child(db.url);
    await running.healthy();

    // A newer build's instance migrated further during a rolling upgrade.
    const NEWER = '9999_from_a_newer_build';
    await database.db
      .insertInto(MIGRATION_TABLE as never)
      .values({ name: NEWER, timestamp: new Date().toISOString() } as never)
      .execute();

    const older = await child(db.url);
    expect(await older.exited).toBe(1);
    expect(older.output()).toContain(
      `Rollcall failed to start: The database has migrations this build does not know (${NEWER}; this build ends at ${SHIPPED.at(-1)})`,
    );
    expect(await recorded(db.open)).toEqual([...SHIPPED, NEWER]);
    // The instance already running goes on answering (its own migrations are all applied).
    expect((await fetch(`${running.base}/health`)).status).toBe(200);
  });
});
