// Batches that arrive while a transaction runs go together in the next one; a failed group is
// written again batch by batch, so one batch's error never becomes its neighbours'.
import { describe, expect, it } from 'vitest';
import { sharedWrites } from './shared-writes.ts';

/** A run whose calls wait until released, recording the group each one got. */
function gatedRun(fail: (inputs: string[]) => boolean = () => false) {
  const groups: string[][] = [];
  const gates: (() => void)[] = [];
  const run = (inputs: string[]) => {
    groups.push(inputs);
    return new Promise<string[]>((resolve, reject) => {
      gates.push(() => (fail(inputs) ? reject(new Error('refused')) : resolve(inputs.map((i) => i.toUpperCase()))));
    });
  };
  const releaseAll = async () => {
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { run, groups, releaseAll };
}

describe('sharedWrites', () => {
  it('writes a lone batch at once and the batches that came meanwhile together, each answered with its own result', async () => {
    const g = gatedRun();
    const post = sharedWrites(g.run, { parallel: 1, maxItems: 100, size: () => 1 });
    const first = post('a');
    const rest = ['b', 'c', 'd'].map((x) => post(x));
    expect(g.groups).toEqual([['a']]);
    await g.releaseAll();
    expect(await first).toBe('A');
    expect(await Promise.all(rest)).toEqual(['B', 'C', 'D']);
    expect(g.groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps a group within maxItems and runs up to `parallel` groups at once', async () => {
    const g = gatedRun();
    const post = sharedWrites(g.run, { parallel: 2, maxItems: 4, size: (s) => s.length });
    const all = ['aa', 'bb', 'cc', 'dd', 'eeee', 'f'].map((x) => post(x));
    expect(g.groups).toEqual([['aa'], ['bb']]);
    await g.releaseAll();
    await Promise.all(all);
    expect(g.groups).toEqual([['aa'], ['bb'], ['cc', 'dd'], ['eeee'], ['f']]);
  });

  it('writes a failed group again one batch at a time: only the batch that fails alone gets the error', async () => {
    const g = gatedRun((inputs) => inputs.includes('bad'));
    const post = sharedWrites(g.run, { parallel: 1, maxItems: 100, size: () => 1 });
    const first = post('a');
    const rest = ['b', 'bad', 'c'].map((x) => post(x).catch((e: Error) => e.message));
    await g.releaseAll();
    await first;
    expect(await Promise.all(rest)).toEqual(['B', 'refused', 'C']);
    expect(g.groups).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });
});
