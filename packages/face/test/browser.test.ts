// The same package in headless Chromium (Debian's, on wasm) and in Node must give the same
// embedding for the same photo: the browser build is not a second implementation.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dot } from '@rollcall/contracts';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFaceEngine, decodeImage, DEFAULT_MODEL_DIR } from '../src/node.ts';
import { HAVE_FACES, readPhoto, setPhotos } from './photos.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`[@rollcall/face] skipping browser test: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

// Root in a container needs --no-sandbox; the rest keep Chromium off the (closed) network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

let server: ViteDevServer;
let browser: Browser;

describe.skipIf(!HAVE_FACES || !HAVE_CHROMIUM)('face pipeline in Chromium', () => {
  beforeAll(async () => {
    server = await createServer({
      root: join(here, 'browser'),
      publicDir: DEFAULT_MODEL_DIR,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [resolve(here, '../../..')] } },
    });
    await server.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('embeds a photo on wasm to within 1e-3 cosine of Node', async () => {
    const photo = setPhotos('twd')[0]!;
    // PNG is lossless, so both sides start from the same pixels whatever their JPEG decoder.
    const png = await sharp(readPhoto(photo)).png().toBuffer();
    const node = await createNodeFaceEngine();
    const nodeFaces = (await node.analyze(await decodeImage(new Uint8Array(png)))).faces;
    expect(nodeFaces.length).toBeGreaterThan(0);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const address = server.httpServer!.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await page.goto(`http://127.0.0.1:${port}/`);
    const backend = await page.evaluate(() => window.faceReady);
    expect(backend).toBe('wasm');
    const result = await page.evaluate(([b64, type]) => window.embedImage(b64!, type!), [png.toString('base64'), 'image/png']);
    expect(errors).toEqual([]);
    expect(result.vectors.length).toBe(nodeFaces.length);
    const browserVec = new Float32Array(result.vectors[0]!);
    const cosine = dot(browserVec, nodeFaces[0]!.embedding.vector);
    console.info(`[@rollcall/face] browser vs Node cosine: ${cosine.toFixed(6)}`);
    expect(cosine).toBeGreaterThan(1 - 1e-3);
    await page.close();
  });

  it('the start-up race measures a GPU backend against wasm and keeps the faster (software WebGL loses)', async () => {
    // --disable-gpu leaves SwiftShader's WebGL: a GPU backend by name, ~20x slower than wasm here.
    const page = await browser.newPage();
    const address = server.httpServer!.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await page.goto(`http://127.0.0.1:${port}/?backend=race`);
    expect(await page.evaluate(() => window.faceReady)).toBe('wasm');
    const notices = await page.evaluate(() => window.faceNotices);
    console.info(`[@rollcall/face] start-up race: ${JSON.stringify(notices)}`);
    const race = notices.find((n) => n.code === 'race-wasm');
    expect(race?.values).toMatchObject({ backend: 'webgl' });
    const { gpuMs, wasmMs } = race!.values as { gpuMs: number; wasmMs: number };
    expect(gpuMs).toBeGreaterThan(wasmMs);
    // And the engine still works on the backend it switched to.
    const png = await sharp(readPhoto(setPhotos('twd')[0]!))
      .png()
      .toBuffer();
    const result = await page.evaluate(([b64, type]) => window.embedImage(b64!, type!), [png.toString('base64'), 'image/png']);
    expect(result.backend).toBe('wasm');
    expect(result.vectors.length).toBeGreaterThan(0);
    await page.close();
  });

  it('without WebGL it runs on wasm, never on the slow cpu backend, and says why', async () => {
    // With the software rasteriser disabled too there is no WebGL at all: the case in which
    // Human would drop to cpu without a word if it were handed 'webgl'.
    const noGl = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-software-rasterizer'] });
    try {
      const page = await noGl.newPage();
      const address = server.httpServer!.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      await page.goto(`http://127.0.0.1:${port}/?backend=webgl`);
      expect(await page.evaluate(() => window.faceReady)).toBe('wasm');
      const notices = await page.evaluate(() => window.faceNotices);
      expect(notices.map((n) => n.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^(webgl-unavailable|cpu-fallback)$/)]));
    } finally {
      await noGl.close();
    }
  });
});
