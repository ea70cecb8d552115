import { describe, expect, it } from 'vitest';
import { neededFiles, readiness, registrationProblem, settle, SETTLE_MS } from './offline-ready.ts';

describe('offline readiness', () => {
  const needed = neededFiles(['/assets/index-abc.js', '/assets/index-abc.css', '/index.html'], ['blazeface.json', 'blazeface.bin']);

  it('needs the shell, the model manifest, every built file and every model file, once each', () => {
    expect(needed.sort()).toEqual([
      '/assets/index-abc.css',
      '/assets/index-abc.js',
      '/index.html',
      '/models/blazeface.bin',
      '/models/blazeface.json',
      '/models/manifest.json',
    ]);
  });

  it('is ready only when the worker controls the page and every file is cached', () => {
    expect(readiness(true, needed, new Set(needed))).toEqual({ state: 'ready', needed: 6 });
    expect(readiness(false, needed, new Set(needed))).toEqual({ state: 'preparing', cached: 6, needed: 6 });
    expect(readiness(true, needed, new Set(needed.filter((p) => p !== '/models/blazeface.bin')))).toEqual({ state: 'preparing', cached: 5, needed: 6 });
  });

  it('is never ready when the lists could not be read', () => {
    expect(readiness(true, [], new Set())).toEqual({ state: 'preparing', cached: 0, needed: 0 });
  });

  it('settles: files the worker could not save, no storage, or a minute gone by, each a reason', () => {
    const preparing = readiness(true, needed, new Set(needed.slice(0, 2)));
    expect(settle(preparing, [], 5_000)).toBe(preparing);
    expect(settle(preparing, [{ url: '/models/blazeface.bin', error: 'HTTP 404' }], 5_000)).toEqual({
      state: 'unavailable',
      problem: { kind: 'file', detail: 'Not downloaded: /models/blazeface.bin (HTTP 404)' },
      cached: 2,
      needed: 6,
    });
    expect(settle(preparing, [{ url: '/index.html', error: 'QuotaExceededError: quota exceeded' }], 5_000)).toMatchObject({ problem: { kind: 'storage' } });
    expect(settle(preparing, [], SETTLE_MS)).toMatchObject({ state: 'unavailable', problem: { kind: 'slow', detail: '2 of 6 files saved so far' } });
    const ready = readiness(true, needed, new Set(needed));
    expect(settle(ready, [{ url: '/x', error: 'old' }], SETTLE_MS)).toBe(ready);
  });

  it('names why the service worker could not be registered', () => {
    expect(registrationProblem(new Error('An SSL certificate error occurred when fetching the script.')).kind).toBe('certificate');
    expect(registrationProblem(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })).kind).toBe('storage');
    expect(registrationProblem(new TypeError('A bad HTTP response code (404) was received when fetching the script.'))).toEqual({
      kind: 'registration',
      detail: 'TypeError: A bad HTTP response code (404) was received when fetching the script.',
    });
  });
});
