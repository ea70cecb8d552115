import { describe, expect, it } from 'vitest';
import { neededFiles, readiness } from './offline-ready.ts';

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
});
