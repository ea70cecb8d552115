// RosterSync: pulls on start, on a schedule, on reconnect; backs off after failures, honouring
// Retry-After; stops on 401 until resume(); shows the revision the cache really holds.
import type { SyncResponse } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { ClientError } from '@rollcall/contracts';
import { ManualNetwork, MemorySyncTarget, RosterSync, type RosterSyncOptions } from '../index.ts';
import { ManualClock } from '../testing/index.ts';
import { drainMicrotasks, page, ScriptedSync, student } from '../testing/helpers.ts';

function setup(pages: [number, SyncResponse | Error][], opts: Partial<RosterSyncOptions> = {}) {
  const clock = new ManualClock();
  const network = new ManualNetwork(true);
  const client = new ScriptedSync(new Map(pages));
  const target = new MemorySyncTarget();
  const sync = new RosterSync({ client, target, clock, network, random: () => 0.5, intervalMs: 60_000, ...opts });
  return { clock, network, client, target, sync };
}

const until = async (sync: RosterSync, pred: (s: RosterSync['state']) => boolean) => {
  for (let i = 0; i < 50 && !pred(sync.state); i++) await drainMicrotasks(1);
  expect(pred(sync.state)).toBe(true);
  return sync.state;
};

describe('RosterSync', () => {
  it('pulls on start, then again every interval, and shows the revision and the next pull', async () => {
    const { clock, client, target, sync } = setup([
      [0, page(0, 3, { students: { upserted: [student('S1')], deleted: [] } })],
      [3, page(3, 5, { students: { upserted: [student('S2')], deleted: ['S1'] } })],
      [5, page(5, 5)],
    ]);
    const start = clock.now();
    sync.start();
    expect(await until(sync, (s) => s.revision === 3 && s.phase === 'idle')).toMatchObject({
      lastSyncedAt: start,
      nextSyncAt: start + 60_000,
      lastError: null,
    });
    clock.runNext();
    await until(sync, (s) => s.revision === 5);
    expect([...target.students.keys()]).toEqual(['S2']);
    expect(client.asked.map((q) => q.since)).toEqual([0, 3]);
    await sync.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('backs off after a failure, not sooner than Retry-After, and recovers', async () => {
    const { clock, client, sync } = setup([[0, new ClientError('database-unavailable', 'down', { status: 503, retryAfterMs: 5_000 })]]);
    sync.start();
    const s = await until(sync, (st) => st.phase === 'backoff');
    expect(s).toMatchObject({ attempt: 1, lastError: { code: 'database-unavailable', status: 503 }, revision: 0 });
    expect(s.nextSyncAt! - clock.now()).toBe(5_000);
    client.set(0, page(0, 2));
    clock.runNext();
    expect(await until(sync, (st) => st.phase === 'idle' && st.revision === 2)).toMatchObject({ attempt: 0, lastError: null });
    await sync.stop();
  });

  it('shows the revision reached before a page failed', async () => {
    const { sync } = setup([
      [0, page(0, 4, { more: true, students: { upserted: [student('S1')], deleted: [] } })],
      [4, new ClientError('network', 'reset')],
    ]);
    const outcome = await sync.syncNow();
    expect(outcome.error).toMatchObject({ code: 'network' });
    expect(sync.state).toMatchObject({ phase: 'backoff', revision: 4 });
  });

  it('stops on 401 without retrying until resume()', async () => {
    const { clock, client, sync } = setup([[0, new ClientError('unauthenticated', 'sign in', { status: 401 })]]);
    sync.start();
    await until(sync, (s) => s.phase === 'unauthorized');
    expect(clock.pendingTimers).toBe(0);
    client.set(0, page(0, 1));
    sync.resume();
    await until(sync, (s) => s.phase === 'idle' && s.revision === 1);
    await sync.stop();
  });

  it('waits while offline and pulls as soon as the network returns', async () => {
    const { network, client, sync } = setup([[0, page(0, 1)]]);
    network.set(false);
    sync.start();
    await until(sync, (s) => s.phase === 'offline');
    expect(client.asked).toHaveLength(0);
    network.set(true);
    await until(sync, (s) => s.phase === 'idle' && s.revision === 1);
    expect(client.asked).toHaveLength(1);
    await sync.stop();
  });

  it('reports a target that fails to apply as a storage error', async () => {
    const { target, sync } = setup([[0, page(0, 1, { students: { upserted: [student('S1')], deleted: [] } })]]);
    target.applyStudents = async () => {
      throw new Error('QuotaExceededError');
    };
    const outcome = await sync.syncNow();
    expect(outcome).toMatchObject({ result: null, error: { code: 'storage', message: 'QuotaExceededError' } });
    expect(sync.state.revision).toBe(0);
  });
});
