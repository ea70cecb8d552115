// A district's shape, briefly: three instances of the compiled API on one MariaDB behind Caddy
// running deploy/Caddyfile, devices posting through Caddy with the web app's outbox and sender,
// dashboards on each instance and through Caddy. One instance is killed with SIGKILL mid-batch and
// started again: no batch is half-written, every mark is stored once, and every dashboard gets
// every event once and in order. The long version with figures is `pnpm reliability --instances 3`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, verifyStreams, type District } from '../../../scripts/reliability/district-env.ts';
import { batchWatcher, drain, newStats, startDevice, type Device } from '../../../scripts/reliability/fleet.ts';
import { partialBatches, verify } from '../../../scripts/reliability/verify.ts';
import { dialects, MYSQL_ROOT } from './context.ts';

const API_DIR = path.resolve(import.meta.dirname, '..');

/** Resolves once `check` holds, polling; the test's own timeout bounds it. */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 100));
}

describe.skipIf(!dialects.includes('mysql'))('three API instances behind Caddy on one MariaDB', () => {
  let district: District;
  beforeAll(async () => {
    execFileSync('node', ['build.mjs'], { cwd: API_DIR });
    // A port range of its own, so it does not meet another run of this file or the reliability script.
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    district = await startDistrict({ instances: 3, devices: 3, perClass: 5, server: MYSQL_ROOT, port });
  });
  afterAll(() => district?.close());

  it('loses, repeats and half-writes no mark when an instance is killed mid-batch, and every dashboard gets every event once, in order', async () => {
    const stats = newStats();
    const watch = batchWatcher();
    const fleet: Device[] = district.setup.devices.map((d) => startDevice(district.caddy.base, d, stats, { intervalMs: 50, fetch: watch.fetch }));
    const accepted = () => stats.statuses.get(200) ?? 0;
    await until(() => accepted() >= 10 && watch.inFlight().length > 0);
    const cut = watch.inFlight();
    await district.apis[1]!.kill('SIGKILL');
    expect(await partialBatches(district.url, cut)).toBe(0);
    // The devices go on through Caddy with the two instances left, then the third comes back.
    const atKill = accepted();
    await until(() => accepted() >= atKill + 10);
    await district.apis[1]!.start();
    const atRestart = accepted();
    await until(() => accepted() >= atRestart + 10);

    const after = await drain(fleet, 60_000);
    expect(after).toEqual({ pending: 0, failed: 0 });
    const verdict = await verify(
      district.url,
      fleet.flatMap((d) => d.generated),
    );
    expect(verdict).toMatchObject({ lost: 0, duplicates: 0, unexpected: 0 });
    expect(verdict.stored).toBe(verdict.generated);
    expect(stats.statuses.get(500)).toBeUndefined();

    const streams = await verifyStreams(district, 60_000);
    for (const s of streams.streams) expect(s, s.dashboard).toMatchObject({ missing: 0, duplicated: 0, outOfOrder: 0 });
    expect(streams.streams.every((s) => s.expected >= verdict.stored)).toBe(true);
  });
});
