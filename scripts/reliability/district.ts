// The proofs across several API instances (`pnpm reliability --instances N`): load, one instance
// killed mid-batch, a rolling restart of every instance, and the database outage, each with the
// devices posting through Caddy and dashboards on every instance checking their live events.
import { failover, startDistrict, verifyStreams, type District } from './district-env.ts';
import { batchWatcher, drain, newStats, startDevice, summary, type Device, type Stats } from './fleet.ts';
import { partialBatches, verify } from './verify.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DistrictRun {
  instances: number;
  devices: number;
  seconds: number;
  /** Between two marks of one device. */
  intervalMs: number;
  log: (line: string) => void;
}

type Result = Record<string, unknown> & { ok: boolean };

/** Starts the district, runs `body` with the devices posting through Caddy, then drains and verifies everything. */
async function withDistrict(
  name: string,
  run: DistrictRun,
  body: (d: District, fleet: Device[], stats: Stats, watch: ReturnType<typeof batchWatcher>) => Promise<Record<string, unknown>>,
): Promise<Result> {
  const d = await startDistrict({ instances: run.instances, devices: run.devices, log: run.log });
  try {
    const stats = newStats();
    const watch = batchWatcher();
    const fleet = d.setup.devices.map((dev) => startDevice(d.caddy.base, dev, stats, { intervalMs: run.intervalMs, timeoutMs: 10_000, fetch: watch.fetch }));
    const t0 = performance.now();
    run.log(`${name}: ${run.devices} devices posting through Caddy`);
    const extra = await body(d, fleet, stats, watch);
    const after = await drain(fleet, 120_000);
    const elapsed = (performance.now() - t0) / 1000;
    const verdict = await verify(
      d.url,
      fleet.flatMap((x) => x.generated),
    );
    const streams = await verifyStreams(d);
    const fiveHundreds = stats.statuses.get(500) ?? 0;
    const problems = [
      ...(extra.halfWrittenBatches ? ['half-written batch'] : []),
      ...(fiveHundreds ? [`${fiveHundreds} answers 500`] : []),
      ...(streams.complete ? [] : ['a dashboard missed, repeated or reordered events']),
    ];
    const ok = verdict.lost === 0 && verdict.duplicates === 0 && verdict.unexpected === 0 && after.pending === 0 && after.failed === 0 && problems.length === 0;
    return {
      scenario: name,
      ok,
      instances: run.instances,
      devices: run.devices,
      ...extra,
      ...verdict,
      pendingAfter: after.pending,
      failedAfter: after.failed,
      ...summary(stats, elapsed, verdict.stored),
      eventDelayP50Ms: streams.eventDelayP50Ms,
      eventDelayP95Ms: streams.eventDelayP95Ms,
      eventDelayMaxMs: streams.eventDelayMaxMs,
      eventIdGaps: streams.idGaps,
      streams: streams.streams,
      ...(problems.length && { problems: problems.join('; ') }),
    };
  } finally {
    await d.close();
  }
}

/** Steady load for `seconds`. */
export const load = (run: DistrictRun) =>
  withDistrict('load', run, async () => {
    await sleep(run.seconds * 1000);
    return { seconds: run.seconds };
  });

/** One instance killed with SIGKILL while batches are in flight; it comes back 10 s later. */
export const kill = (run: DistrictRun) =>
  withDistrict('kill', run, async (d, fleet, _stats, watch) => {
    await sleep(10_000);
    const victim = d.apis[1 % d.apis.length]!;
    const cut = watch.inFlight();
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    // Looked at before anything is resent: a batch is one transaction, all of it or none.
    const partial = await partialBatches(d.url, cut);
    run.log(`kill: instance 2 killed with ${cut.length} batches in flight`);
    await sleep(10_000);
    await victim.start();
    await sleep(5_000);
    return {
      batchesInFlightAtKill: cut.length,
      halfWrittenBatches: partial,
      ...failover(
        fleet.map((x) => x.attempts),
        killedAt,
        killedAt + 10_000,
      ),
    };
  });

/**
 * Every instance restarted in turn while the devices post, as a new build is rolled out: SIGTERM
 * (the API answers /health with 503 while it drains, then ends its event streams, finishes what it
 * is answering and exits), the compiled build started again, and the next one only once this one
 * answers /health and Caddy's health check (every 2 s) has seen it.
 */
export const rolling = (run: DistrictRun) =>
  withDistrict('rolling', run, async (d, fleet) => {
    await sleep(5_000);
    const startedAt = Date.now();
    const restarts: number[] = [];
    for (const [i, api] of d.apis.entries()) {
      const t = performance.now();
      await api.kill('SIGTERM');
      await api.start();
      restarts.push(Math.round(performance.now() - t));
      run.log(`rolling: instance ${i + 1} back in ${restarts.at(-1)} ms`);
      await sleep(3_000);
    }
    await sleep(5_000);
    return {
      restartMs: restarts,
      rollingSeconds: Math.round((Date.now() - startedAt) / 1000),
      ...failover(
        fleet.map((x) => x.attempts),
        startedAt,
      ),
    };
  });

/** The database killed with SIGKILL for 15 s while the devices post, then started again. */
export const outage = (run: DistrictRun) =>
  withDistrict('outage', run, async (d, fleet, stats) => {
    if (!d.mysql) throw new Error('the outage needs the private MariaDB');
    await sleep(10_000);
    const before = new Map(stats.statuses);
    const downAt = Date.now();
    await d.mysql.stop('SIGKILL');
    await sleep(15_000);
    await d.mysql.start();
    const upAt = Date.now();
    await sleep(15_000);
    const during = [...stats.statuses].map(([s, c]) => [s, c - (before.get(s) ?? 0)] as const).filter(([, c]) => c > 0);
    // From the database's return to each device's first batch taken.
    const back = failover(
      fleet.map((x) => x.attempts),
      downAt,
    );
    return {
      downSeconds: Math.round((upAt - downAt) / 1000),
      statusesAfterKill: Object.fromEntries(during),
      devicesHit: back.devicesHit,
      // A device's first failed request may start after the kill: this is from then to its first batch taken.
      firstBatchAfterFailureP50Ms: back.failoverP50Ms,
      firstBatchAfterFailureMaxMs: back.failoverMaxMs,
    };
  });

export const districtScenarios = { load, kill, rolling, outage };
