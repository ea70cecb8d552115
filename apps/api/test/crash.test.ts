// The API killed (SIGKILL) in the middle of batches, then restarted: no batch is half-written and
// every mark the devices' outboxes resend is stored exactly once. The API runs as a real child
// process; the devices use the web app's own outbox and sender.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from '../../../scripts/reliability/api-process.ts';
import { batchWatcher, newStats, setUp, startDevice } from '../../../scripts/reliability/fleet.ts';
import { dialects, freshDatabase } from './context.ts';
import type { Database } from '../src/db/database.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(dialects)('API crash on %s', (dialect) => {
  let api: ApiProcess;
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    database = fresh.database;
    drop = fresh.drop;
    api = apiProcess({ DATABASE_URL: fresh.url, MARK_POSTS_PER_MINUTE: '1000000' }, await freePort());
    await api.start();
  });
  afterAll(async () => {
    await api.kill();
    await database.close();
    await drop();
  });

  it('leaves no batch half-written and stores every resent mark exactly once', async () => {
    const setup = await setUp(api.base, 3, 10);
    // Watch the batches in flight, to inspect them the moment the process dies.
    const watcher = batchWatcher();
    const stats = newStats();
    const devices = setup.devices.map((d) => startDevice(api.base, d, stats, { intervalMs: 10, timeoutMs: 5_000, fetch: watcher.fetch }));
    // Kill only once some batches are in flight (on a slow machine this may take a moment).
    for (let i = 0; i < 100 && watcher.inFlight().length === 0; i++) await sleep(50);
    await sleep(1500);
    const cut = watcher.inFlight();
    await api.kill('SIGKILL');
    for (const ids of cut) {
      const stored = await database.db.selectFrom('attendance_marks').select('id').where('id', 'in', ids).execute();
      expect([0, ids.length]).toContain(stored.length);
    }
    await sleep(500);
    await api.start();
    for (const d of devices) d.stop();
    for (let i = 0; i < 60; i++) {
      await Promise.all(devices.map((d) => d.sender.flush()));
      if ((await Promise.all(devices.map((d) => d.outbox.store.count()))).every((c) => c.pending === 0)) break;
      await sleep(500);
    }
    await Promise.all(devices.map((d) => d.sender.stop()));
    const generated = devices.flatMap((d) => d.generated);
    const rows = await database.db.selectFrom('attendance_marks').select('id').execute();
    const stored = new Set(rows.map((r) => r.id));
    expect(generated.length).toBeGreaterThan(100);
    expect(stats.networkErrors + cut.length).toBeGreaterThan(0);
    expect(generated.filter((m) => !stored.has(m.id))).toEqual([]);
    expect(rows.length).toBe(generated.length);
    expect((await Promise.all(devices.map((d) => d.outbox.store.count()))).every((c) => c.pending === 0 && c.failed === 0)).toBe(true);
  });
});
