// Saved liveness runs: what the engine measured comes back as the liveness rule needs it (NaN,
// typed patches), judges the same, and a file that is not a saved run is refused by name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS } from '@rollcall/recognition';
import type { MeasuredTrack } from '../src/liveness/measure.ts';
import { outcome } from '../src/liveness/report.ts';
import { loadRun, saveRun, SavedRunError } from '../src/liveness/saved.ts';
import { DEFAULT_SCENE } from '../src/scenes/tracks.ts';

const dir = mkdtempSync(join(tmpdir(), 'rollcall-saved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A face mesh of 468 points on a ring, shifted by `dx` and squeezed by `sy`: enough for the rule to run on. */
function mesh(dx: number, sy: number): [number, number][] {
  return Array.from({ length: 468 }, (_, i) => {
    const a = (i * 2.39996) % (2 * Math.PI);
    const r = 20 + (i % 17) * 2;
    return [200 + dx + r * Math.cos(a), 200 + sy * r * Math.sin(a)];
  });
}

function track(): MeasuredTrack {
  const gray = Float32Array.from({ length: 32 * 32 }, (_, i) => (i * 37) % 251);
  gray[5] = Number.NaN; // a cell outside the frame
  return {
    spec: { kind: 'attack', identity: 'x', photos: ['a.jpg'], medium: 'print', busy: false, still: false, seed: 3 },
    frames: 12,
    msPerFrame: 123.456,
    samples: Array.from({ length: 10 }, (_, i) => ({
      at: i * 100,
      box: [150 + i, 150, 100.123, 100] as [number, number, number, number],
      mesh: i === 4 ? null : mesh(i * 3, 1 - i * 0.01),
      patch: i === 6 ? null : { x: 130 + i, y: 130, step: 4.375, size: 32, gray },
      antispoof: i % 2 ? 0.61234 : Number.NaN,
    })),
  };
}

describe('saved liveness runs', () => {
  it('gives back the samples the rule judges, NaN and missing parts included, and the same verdicts', () => {
    const file = join(dir, 'run.json');
    const t = track();
    saveRun(file, { seed: 3, scene: DEFAULT_SCENE, tracks: [t] });
    const run = loadRun(file);
    expect(run.seed).toBe(3);
    expect(run.scene).toEqual(DEFAULT_SCENE);
    const back = run.tracks[0]!;
    expect(back.spec).toEqual(t.spec);
    expect(back.samples[4]!.mesh).toBeNull();
    expect(back.samples[6]!.patch).toBeNull();
    expect(back.samples[0]!.antispoof).toBeNaN();
    expect(back.samples[1]!.antispoof).toBeCloseTo(0.6123, 4);
    const patch = back.samples[0]!.patch!;
    expect(patch.gray).toBeInstanceOf(Float32Array);
    expect(patch.gray[5]).toBeNaN();
    expect(patch.gray[7]).toBeCloseTo(t.samples[0]!.patch!.gray[7]!, 1);
    expect(back.samples[2]!.mesh![10]![0]).toBeCloseTo(t.samples[2]!.mesh![10]![0], 2);
    const [before, after] = [outcome(t, DEFAULT_LIVENESS), outcome(back, DEFAULT_LIVENESS)];
    expect(after.final).toEqual(before.final);
    expect(after.liveAt).toBe(before.liveAt);
  });

  it('refuses a file that is not a saved run, or one saved by another version, with its code', () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"tracks": [');
    expect(() => loadRun(junk)).toThrow(SavedRunError);
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ version: 0, seed: 1, scene: DEFAULT_SCENE, tracks: [] }));
    expect(() => loadRun(old)).toThrow(/another version/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, seed: 1, scene: DEFAULT_SCENE, tracks: [{ spec: {}, frames: 1, samples: [{ at: 0, box: [1, 2] }] }] }));
    expect(() => loadRun(bad)).toThrow(/track 0, sample 0/);
  });
});
