// The sender against a scripted transport: batching and order, confirmation before removal,
// rejection, bisection of a poisoned batch, backoff with Retry-After, 401, offline, one post at a
// time, and the state the UI sees. Time is a ManualClock: nothing here waits on a real timer.
import type { NewMark } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { ClientError } from '@rollcall/contracts';
import { ManualNetwork, MemoryOutboxStore, Outbox, Sender, webLock, type SenderOptions, type SenderPhase } from '../index.ts';
import { ManualClock, sampleMark, stateWhere } from '../testing/index.ts';
import { acceptAll, deferred, drainMicrotasks, ScriptedTransport } from '../testing/helpers.ts';

function setup(script = acceptAll, opts: Partial<SenderOptions> = {}) {
  const clock = new ManualClock();
  const outbox = new Outbox(new MemoryOutboxStore(), () => clock.now());
  const transport = new ScriptedTransport(script);
  const network = new ManualNetwork(true);
  const sender = new Sender({ outbox, transport, clock, network, random: () => 0.5, ...opts });
  return { clock, outbox, transport, network, sender };
}

async function enqueueMany(outbox: Outbox, n: number, over: Partial<NewMark> = {}): Promise<NewMark[]> {
  const marks = Array.from({ length: n }, () => sampleMark(over));
  for (const m of marks) await outbox.enqueue(m);
  return marks;
}

const http = (status: number, code: string, retryAfterMs?: number) => new ClientError(code as never, `HTTP ${status}`, { status, retryAfterMs });

describe('Sender', () => {
  it('posts pending marks in batches, oldest first, and forgets them once confirmed', async () => {
    const { outbox, transport, sender, clock } = setup(acceptAll, { batchSize: 50 });
    const marks = await enqueueMany(outbox, 120);
    const result = await sender.flush();
    expect(result).toEqual({ confirmed: 120, failed: 0, requests: 3, error: null, pending: 0 });
    expect(transport.calls.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(transport.posted).toEqual(marks.map((m) => m.id));
    expect(sender.state).toMatchObject({ phase: 'idle', pending: 0, failed: 0, lastError: null, lastSuccessAt: clock.now() });
  });

  it('keeps a mark until the answer arrives, forgets accepted and duplicate ones, and sets rejected ones aside', async () => {
    const [acc, dup, ghost, noSession, odd] = [sampleMark(), sampleMark(), sampleMark(), sampleMark(), sampleMark()];
    const seenDuringPost: number[] = [];
    const { outbox, sender } = setup(async (marks) => {
      seenDuringPost.push((await outbox.counts()).pending);
      const status = { [acc.id]: 'accepted', [dup.id]: 'duplicate' } as Record<string, 'accepted' | 'duplicate'>;
      return {
        results: marks.map((m) =>
          status[m.id]
            ? { id: m.id, status: status[m.id]! }
            : {
                id: m.id,
                status: 'rejected' as const,
                reason: m.id === ghost.id ? ('student-not-found' as const) : m.id === noSession.id ? ('session-not-found' as const) : undefined,
              },
        ),
      };
    });
    for (const m of [acc, dup, ghost, noSession, odd]) await outbox.enqueue(m);
    const result = await sender.flush();
    expect(seenDuringPost).toEqual([5]);
    expect(result).toMatchObject({ confirmed: 2, failed: 3, pending: 0, error: null });
    expect((await outbox.failed()).map((f) => [f.mark.id, f.reason])).toEqual([
      [ghost.id, 'student-not-found'],
      [noSession.id, 'session-not-found'],
      [odd.id, 'rejected'],
    ]);
    expect(sender.state).toMatchObject({ pending: 0, failed: 3 });
    // Failed marks are not sent again by the next flush.
    expect((await sender.flush()).requests).toBe(0);
  });

  it('sets a mark refused for its time aside with that reason, so the UI can say to check the clock, and never resends it', async () => {
    const [fast, good] = [sampleMark(), sampleMark()];
    const { outbox, sender } = setup(async (marks) => ({
      results: marks.map((m) =>
        m.id === fast.id ? { id: m.id, status: 'rejected' as const, reason: 'time-out-of-range' as const } : { id: m.id, status: 'accepted' as const },
      ),
    }));
    for (const m of [fast, good]) await outbox.enqueue(m);
    expect(await sender.flush()).toMatchObject({ confirmed: 1, failed: 1, pending: 0, error: null });
    expect((await outbox.failed()).map((f) => [f.mark.id, f.reason])).toEqual([[fast.id, 'time-out-of-range']]);
    expect((await sender.flush()).requests).toBe(0);
  });

  it('isolates poisoned marks by splitting a refused batch, and sends every good mark', async () => {
    const poisoned = new Set<string>();
    const { outbox, transport, sender } = setup((marks) => {
      if (marks.some((m) => poisoned.has(m.id))) throw http(400, 'validation-failed');
      return acceptAll(marks, 0);
    });
    const marks = await enqueueMany(outbox, 16);
    poisoned.add(marks[5]!.id);
    poisoned.add(marks[12]!.id);
    const result = await sender.flush();
    expect(result).toMatchObject({ confirmed: 14, failed: 2, pending: 0, error: null });
    const failed = await outbox.failed();
    expect(failed.map((f) => f.mark.id)).toEqual([marks[5]!.id, marks[12]!.id]);
    expect(failed[0]).toMatchObject({ reason: 'invalid', detail: expect.stringContaining('validation-failed') });
    // Each good mark was accepted exactly once; the split costs a logarithmic number of requests.
    const accepted = transport.calls.filter((c) => !c.some((id) => poisoned.has(id))).flat();
    expect(accepted.sort()).toEqual(
      marks
        .filter((m) => !poisoned.has(m.id))
        .map((m) => m.id)
        .sort(),
    );
    expect(transport.calls.length).toBeLessThanOrEqual(1 + 2 * 2 * Math.log2(16));
  });

  it('stops splitting when the server goes down mid-way and keeps the unsent marks pending', async () => {
    const { outbox, sender } = setup((marks, call) => {
      if (call === 1) throw http(400, 'validation-failed');
      if (call === 2) return acceptAll(marks, call);
      throw http(503, 'database-unavailable', 2000);
    });
    const marks = await enqueueMany(outbox, 8);
    const result = await sender.flush();
    expect(result).toMatchObject({ confirmed: 4, failed: 0, pending: 4, error: { code: 'database-unavailable', status: 503 } });
    expect((await outbox.pending(10)).map((m) => m.id)).toEqual(marks.slice(4).map((m) => m.id));
  });

  it('retries with exponential, capped, jittered backoff, never sooner than Retry-After', async () => {
    const failures: ClientError[] = [
      http(503, 'database-unavailable', 2000),
      new ClientError('network', 'socket hang up'),
      new ClientError('timeout', 'no answer'),
      http(502, 'http-502'),
      http(500, 'internal'),
      http(503, 'database-unavailable', 1000),
      http(429, 'rate-limited'),
      http(404, 'route-not-found'),
    ];
    const { outbox, transport, sender, clock } = setup((marks, call) => {
      const f = failures[call - 1];
      if (f) throw f;
      return acceptAll(marks, call);
    });
    const [mark] = await enqueueMany(outbox, 1);
    sender.start();
    const delays: number[] = [];
    for (let i = 0; i < failures.length; i++) {
      const s = await stateWhere(sender, (st) => st.phase === 'backoff' && st.attempt === i + 1);
      expect(s.lastError?.code).toBe(failures[i]!.code);
      expect(s.pending).toBe(1);
      delays.push(s.nextRetryAt! - clock.now());
      expect(clock.nextAt).toBe(s.nextRetryAt);
      clock.runNext();
    }
    // random() = 0.5 gives three quarters of each step: 1, 2, 4, 8, 16, 32, 60, 60 s steps;
    // the first is raised to the server's Retry-After of 2 s.
    expect(delays).toEqual([2000, 1500, 3000, 6000, 12000, 24000, 45000, 45000]);
    await stateWhere(sender, (st) => st.phase === 'idle' && st.pending === 0);
    expect(sender.state).toMatchObject({ attempt: 0, lastError: null, nextRetryAt: null });
    expect(transport.posted).toEqual(Array(failures.length + 1).fill(mark!.id));
    await sender.stop();
  });

  it('does not resend early when a new mark arrives during a backoff, and sends both when it ends', async () => {
    let down = true;
    const { outbox, transport, sender, clock } = setup((marks) => {
      if (down) throw http(503, 'database-unavailable');
      return acceptAll(marks, 0);
    });
    await enqueueMany(outbox, 1);
    sender.start();
    await stateWhere(sender, (s) => s.phase === 'backoff');
    await enqueueMany(outbox, 1);
    await drainMicrotasks();
    expect(transport.calls).toHaveLength(1);
    expect(sender.state).toMatchObject({ phase: 'backoff', pending: 2 });
    down = false;
    clock.runNext();
    await stateWhere(sender, (s) => s.phase === 'idle' && s.pending === 0);
    expect(transport.calls.map((c) => c.length)).toEqual([1, 2]);
    await sender.stop();
  });

  it('stops on 401 without retrying, and sends again after resume() with the new credentials', async () => {
    let token = 'expired';
    const { outbox, transport, sender, clock } = setup((marks) => {
      if (token !== 'fresh') throw http(401, 'unauthenticated');
      return acceptAll(marks, 0);
    });
    await enqueueMany(outbox, 3);
    sender.start();
    const s = await stateWhere(sender, (st) => st.phase === 'unauthorized');
    expect(s).toMatchObject({ pending: 3, nextRetryAt: null, lastError: { code: 'unauthenticated', status: 401 } });
    // No retry timer, and new marks do not trigger a send either.
    await enqueueMany(outbox, 1);
    await drainMicrotasks();
    expect(clock.pendingTimers).toBe(0);
    expect(transport.calls).toHaveLength(1);
    token = 'fresh';
    sender.resume();
    await stateWhere(sender, (st) => st.phase === 'idle' && st.pending === 0);
    expect(transport.calls.map((c) => c.length)).toEqual([3, 4]);
    await sender.stop();
  });

  it('waits while offline and sends as soon as the network returns', async () => {
    const { outbox, transport, sender, network } = setup();
    network.set(false);
    sender.start();
    await enqueueMany(outbox, 2);
    await drainMicrotasks();
    expect(sender.state).toMatchObject({ phase: 'offline', pending: 2 });
    expect(transport.calls).toHaveLength(0);
    expect(await sender.flush()).toMatchObject({ requests: 0, pending: 2 });
    network.set(true);
    await stateWhere(sender, (s) => s.phase === 'idle' && s.pending === 0);
    expect(transport.calls).toHaveLength(1);
    await sender.stop();
  });

  it('going offline mid-send waits for the network rather than a timer', async () => {
    const { outbox, sender, network, clock } = setup(() => {
      network.set(false);
      throw new ClientError('network', 'Failed to fetch');
    });
    await enqueueMany(outbox, 1);
    sender.start();
    const s = await stateWhere(sender, (st) => st.lastError !== null);
    expect(s).toMatchObject({ phase: 'offline', nextRetryAt: null, pending: 1 });
    expect(clock.pendingTimers).toBe(0);
    await sender.stop();
  });

  it('sends a mark enqueued while a batch is in flight, in the same run', async () => {
    const gate = deferred();
    const { outbox, transport, sender } = setup(async (marks, call) => {
      if (call === 1) await gate.promise;
      return acceptAll(marks, call);
    });
    await enqueueMany(outbox, 1);
    sender.start();
    await stateWhere(sender, (s) => s.phase === 'sending');
    await enqueueMany(outbox, 1);
    gate.resolve();
    await stateWhere(sender, (s) => s.phase === 'idle' && s.pending === 0);
    expect(transport.calls.map((c) => c.length)).toEqual([1, 1]);
    await sender.stop();
  });

  it('never has two posts of one outbox in flight, however many flushes and senders there are', async () => {
    const { outbox, transport, sender, clock, network } = setup(
      async (marks) => {
        await drainMicrotasks(2);
        return acceptAll(marks, 0);
      },
      { batchSize: 5 },
    );
    const second = new Sender({ outbox, transport, clock, network, batchSize: 5 });
    const marks = await enqueueMany(outbox, 40);
    sender.start();
    second.start();
    await Promise.all([sender.flush(), second.flush(), sender.flush(), enqueueMany(outbox, 5)]);
    await Promise.all([stateWhere(sender, (s) => s.phase === 'idle'), stateWhere(second, (s) => s.phase === 'idle')]);
    await sender.stop();
    await second.stop();
    expect(transport.maxInFlight).toBe(1);
    expect(transport.posted).toHaveLength(45);
    expect(new Set(transport.posted).size).toBe(45);
    expect(transport.posted.slice(0, 40)).toEqual(marks.map((m) => m.id));
  });

  it('uses a cross-tab lock when given one: two tabs on one store post one at a time', async () => {
    // Two "tabs": separate Outbox objects (separate in-process locks) over one shared store.
    const store = new MemoryOutboxStore();
    const held: string[] = [];
    let queue = Promise.resolve();
    const locks = {
      request<T>(name: string, fn: () => Promise<T>): Promise<T> {
        held.push(name);
        const run = queue.then(fn);
        queue = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    const transport = new ScriptedTransport(async (marks) => {
      await drainMicrotasks(2);
      return acceptAll(marks, 0);
    });
    const tabs = [new Outbox(store), new Outbox(store)].map((outbox) => ({
      outbox,
      sender: new Sender({ outbox, transport, network: new ManualNetwork(), batchSize: 3, lock: webLock('rollcall-outbox', locks) }),
    }));
    await enqueueMany(tabs[0]!.outbox, 10);
    await Promise.all(tabs.map((t) => t.sender.flush()));
    expect(held).toEqual(['rollcall-outbox', 'rollcall-outbox']);
    expect(transport.maxInFlight).toBe(1);
    expect(transport.posted).toHaveLength(10);
    expect(webLock('x', undefined)).toBeUndefined();
  });

  it('backs off when an answer leaves marks out, instead of resending in a loop', async () => {
    const { outbox, transport, sender } = setup((marks) => ({ results: marks.slice(1).map((m) => ({ id: m.id, status: 'accepted' as const })) }));
    const marks = await enqueueMany(outbox, 3);
    const result = await sender.flush();
    expect(result).toMatchObject({ confirmed: 2, pending: 1, error: { code: 'bad-response' } });
    expect(transport.calls).toHaveLength(1);
    expect((await outbox.pending(5))[0]!.id).toBe(marks[0]!.id);
  });

  it('reports a failing outbox store as a storage error and retries later', async () => {
    const store = new MemoryOutboxStore();
    store.listPending = async () => {
      throw new Error('QuotaExceededError');
    };
    const { transport, sender } = setup(acceptAll, { outbox: new Outbox(store) });
    const result = await sender.flush();
    expect(result.error).toMatchObject({ code: 'storage', message: 'QuotaExceededError' });
    expect(sender.state).toMatchObject({ phase: 'backoff', attempt: 1 });
    expect(transport.calls).toHaveLength(0);
  });

  it('publishes each state change once, in order, for the UI', async () => {
    const { outbox, sender } = setup(acceptAll, { batchSize: 2 });
    await enqueueMany(outbox, 3);
    const phases: SenderPhase[] = [];
    const pendings: number[] = [];
    sender.subscribe((s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
      if (pendings.at(-1) !== s.pending) pendings.push(s.pending);
    });
    await sender.flush();
    expect(phases).toEqual(['sending', 'idle']);
    expect(pendings).toEqual([0]);
    // Counts follow the outbox while running.
    sender.start();
    await enqueueMany(outbox, 1);
    await stateWhere(sender, (s) => s.phase === 'idle' && s.pending === 0 && s.lastSuccessAt !== null);
    expect(pendings).toContain(1);
    await sender.stop();
  });

  it('polls for marks put by another tab while idle', async () => {
    const store = new MemoryOutboxStore();
    const { sender, transport, clock } = setup(acceptAll, { outbox: new Outbox(store), pollMs: 30_000 });
    const phases: SenderPhase[] = [];
    sender.subscribe((s) => phases.push(s.phase));
    sender.start();
    await stateWhere(sender, (s) => s.phase === 'idle');
    await drainMicrotasks();
    // An empty poll does not flash "sending".
    clock.runNext();
    await drainMicrotasks();
    expect(phases).not.toContain('sending');
    await new Outbox(store).enqueue(sampleMark());
    await drainMicrotasks();
    expect(transport.calls).toHaveLength(0);
    expect(clock.nextAt).toBe(clock.now() + 30_000);
    clock.runNext();
    await stateWhere(sender, (s) => s.lastSuccessAt !== null);
    expect(transport.calls).toHaveLength(1);
    await sender.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses a batch size the API would refuse', () => {
    const outbox = new Outbox(new MemoryOutboxStore());
    const transport = new ScriptedTransport();
    expect(() => new Sender({ outbox, transport, batchSize: 501 })).toThrow(RangeError);
    expect(() => new Sender({ outbox, transport, batchSize: 0 })).toThrow(RangeError);
  });
});
