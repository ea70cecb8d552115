// writeTransaction on MySQL reads committed rows from the write pool, whose sessions are set so once
// per connection (no `SET TRANSACTION` before each), while reads and other transactions keep the
// server's REPEATABLE READ, which a sync page's single snapshot relies on.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Executor, type ServiceContext } from '../src/shared/context.ts';
import { dialects, freshDatabase } from './context.ts';

describe.skipIf(!dialects.includes('mysql'))('writeTransaction on MySQL', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let ctx: ServiceContext;

  beforeAll(async () => {
    fresh = await freshDatabase('mysql');
    const { db, writeDb } = fresh.database;
    ctx = { db, ...(writeDb && { writeDb }), dialect: 'mysql', now: Date.now, cooldownMs: 0 };
    await sql`CREATE TABLE iso_probe (id INT PRIMARY KEY, v INT NOT NULL)`.execute(db);
    await sql`INSERT INTO iso_probe VALUES (1, 0)`.execute(db);
  });
  afterAll(async () => {
    await fresh.database.close();
    await fresh.drop();
  });

  /** Reads the probe, lets another connection commit a change, and reads it again in the same transaction. */
  const readTwice = async (read: () => Promise<number>, bump: number) => {
    const first = await read();
    await sql`UPDATE iso_probe SET v = ${bump} WHERE id = 1`.execute(ctx.db);
    return [first, await read()];
  };
  const probe = async (db: Executor) => Number((await sql<{ v: number }>`SELECT v FROM iso_probe WHERE id = 1`.execute(db)).rows[0]!.v);

  it('runs on connections whose sessions read committed rows', async () => {
    const level = await writeTransaction(ctx, async (trx) => (await sql<{ l: string }>`SELECT @@session.tx_isolation AS l`.execute(trx)).rows[0]!.l);
    expect(level).toBe('READ-COMMITTED');
  });

  it('sees a row another connection committed during it', async () => {
    const [first, second] = await writeTransaction(ctx, (trx) => readTwice(() => probe(trx), 1));
    expect([first, second]).toEqual([0, 1]);
  });

  it('leaves other transactions one snapshot each', async () => {
    const [first, second] = await ctx.db.transaction().execute((trx) => readTwice(() => probe(trx), 2));
    expect([first, second]).toEqual([1, 1]);
  });
});
