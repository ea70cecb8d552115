import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildId, serviceWorkerSource } from '../build/offline-files.ts';

describe('the offline files a build writes', () => {
  const files = ['/assets/index-abc.js', '/assets/index-abc.css'];
  const manifest = JSON.stringify({ files: [{ file: 'blazeface.bin', sha256: 'aa' }] });

  it('names the worker cache after the build: same files, same name; a changed asset or model, a new one', () => {
    const id = buildId(files, manifest);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(buildId([...files].reverse(), manifest)).toBe(id);
    expect(buildId(['/assets/index-abd.js', '/assets/index-abc.css'], manifest)).not.toBe(id);
    expect(buildId(files, manifest.replace('aa', 'ab'))).not.toBe(id);
  });

  it('writes the id into the real worker, and refuses a template without the placeholder', () => {
    const template = readFileSync(new URL('../build/sw.js', import.meta.url), 'utf8');
    const source = serviceWorkerSource(template, '0123456789abcdef');
    expect(source).toContain("const CACHE = 'rollcall-0123456789abcdef';");
    expect(source).not.toContain('__BUILD_ID__');
    expect(() => serviceWorkerSource('const CACHE = "x";', 'id')).toThrow(/__BUILD_ID__/);
  });
});
