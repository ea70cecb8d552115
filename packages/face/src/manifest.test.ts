import { describe, expect, it } from 'vitest';
import { FaceError } from './errors.ts';
import { parseManifest, verifyModelFiles } from './manifest.ts';

const hashOf = async (b: Uint8Array) =>
  Array.from(b)
    .join('-')
    .padEnd(64, '0')
    .slice(0, 64)
    .replace(/[^0-9]/g, 'a');

describe('model manifest', () => {
  it('names the missing and the altered file', async () => {
    const good = new Uint8Array([1, 2, 3]);
    const manifest = parseManifest({ files: [{ file: 'a.bin', package: 'p', version: '1', sha256: await hashOf(good), bytes: 3 }] });
    await expect(verifyModelFiles(manifest, ['a.bin'], async () => good, hashOf)).resolves.toBeUndefined();
    const missing = verifyModelFiles(manifest, ['a.bin'], async () => null, hashOf);
    await expect(missing).rejects.toMatchObject({ code: 'model-missing', file: 'a.bin' });
    const altered = verifyModelFiles(manifest, ['a.bin'], async () => new Uint8Array([9]), hashOf);
    await expect(altered).rejects.toMatchObject({ code: 'model-corrupt', file: 'a.bin' });
    await expect(verifyModelFiles(manifest, ['b.bin'], async () => good, hashOf)).rejects.toBeInstanceOf(FaceError);
  });

  it('rejects a malformed manifest', () => {
    expect(() => parseManifest({})).toThrow(FaceError);
    expect(() => parseManifest({ files: [{ file: 'x', sha256: 'nothex' }] })).toThrow(FaceError);
  });
});
