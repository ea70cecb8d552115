// Live events across a restore on both databases. A backup keeps the events table's counter where
// it stood (mysqldump writes AUTO_INCREMENT into CREATE TABLE; VACUUM INTO copies sqlite_sequence),
// so the restored server numbers new events from the backup's last one again, below ids an open
// dashboard already saw. That dashboard, reconnecting with its Last-Event-ID, is told to start from
// the server's newest event and fetch what it shows again, and hears every event after that.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@rollcall/contracts';
import { LiveChannel } from '@rollcall/sync';
import { stateWhere } from '@rollcall/sync/testing';
import { lastEventId, pruneEvents } from '../src/features/events/events.repository.ts';
import { emptyDatabase, startApiChild } from './api-child.ts';
import { dialects, freshDatabase, startApi, type Dialect } from './context.ts';
import { run, urlOf } from './run-from-root.ts';

const backupScript = (args: string[], databaseUrl: string) => run('bash', ['scripts/backup.sh', ...args], { DATABASE_URL: databaseUrl });

describe.each(dialects)('live events across a restore on %s', (dialect: Dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-event-backups-'));
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a dashboard that saw ids past the restored head is reset to the head, then hears every new event', async () => {
    const api = await startApi(dialect, { eventPollMs: 50 });
    let closed = false;
    cleanup.push(async () => void (closed || (await api.close())));
    await api.client.createStudent({ body: { studentId: 'R1', name: 'Rhea' } });
    const backup = await backupScript(['backup', dir], await urlOf(api));
    expect(backup.code, backup.out).toBe(0);
    const atBackup = await lastEventId(api.database.db);

    // A dashboard stays open through the restore; the balancer sends its reconnection wherever `base` says.
    let base = api.base;
    const channel = new LiveChannel({
      baseUrl: 'http://balancer.invalid',
      token: api.adminToken,
      fetch: (url, init) => fetch(String(url).replace('http://balancer.invalid', base), init),
    });
    cleanup.push(async () => channel.stop());
    const heard: LiveEvent[] = [];
    channel.on((event) => heard.push(event));
    let resets = 0;
    channel.onReset(() => resets++);
    channel.start();
    await stateWhere(channel, (s) => s.phase === 'open');
    // Written after the backup, seen by the dashboard, lost by the restore.
    for (const id of ['R2', 'R3', 'R4']) await api.client.createStudent({ body: { studentId: id, name: id } });
    const seen = await lastEventId(api.database.db);
    expect(seen).toBeGreaterThanOrEqual(atBackup + 3);
    await stateWhere(channel, (s) => s.lastEventId === String(seen));

    const target = await emptyDatabase(dialect);
    cleanup.push(target.drop);
    const restore = await backupScript(['restore', path.join(dir, fs.readdirSync(dir)[0]!)], target.url);
    expect(restore.code, restore.out).toBe(0);
    const restoredDb = target.open();
    cleanup.push(() => restoredDb.close());
    const head = await lastEventId(restoredDb.db);
    expect(head).toBe(atBackup);

    const child = await startApiChild({ DATABASE_URL: target.url });
    cleanup.push(() => child.stop());
    await child.healthy();
    base = child.base;
    // The old server goes away; the dashboard reconnects to the restored one with Last-Event-ID `seen`.
    closed = true;
    await api.close();
    await stateWhere(channel, (s) => s.phase === 'open' && s.lastEventId === String(head));
    expect(resets).toBe(1);

    // The restored counter carries on from the backup: the next event reuses an id the dashboard saw.
    const before = heard.length;
    const res = await fetch(`${child.base}/api/students`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ studentId: 'R5', name: 'Rafe' }),
    });
    expect(res.status).toBe(201);
    const next = await lastEventId(restoredDb.db);
    expect(next).toBeGreaterThan(head);
    expect(next).toBeLessThanOrEqual(seen);
    await stateWhere(channel, (s) => s.lastEventId === String(next));
    expect(heard.slice(before).map((e) => e.type)).toContain('roster.changed');
    expect(resets).toBe(1);
  });

  it('pruning old events keeps the newest, so a quiet day does not make every reconnecting dashboard look ahead', async () => {
    const { database, drop } = await freshDatabase(dialect);
    cleanup.push(async () => {
      await database.close();
      await drop();
    });
    const at = Date.now() - 2 * 86_400_000;
    for (const revision of [1, 2, 3])
      await database.db
        .insertInto('events')
        .values({ type: 'roster.changed', payload: JSON.stringify({ type: 'roster.changed', revision, studentIds: [], classIds: [] }), at })
        .execute();
    const newest = await lastEventId(database.db);
    await pruneEvents(database.db, Date.now() - 86_400_000);
    const left = await database.db.selectFrom('events').select('id').execute();
    expect(left.map((r) => Number(r.id))).toEqual([newest]);
  });
});
