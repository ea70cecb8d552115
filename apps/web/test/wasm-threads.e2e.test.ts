// tfjs' wasm runs multi-threaded in the face worker when the app is cross-origin isolated, and one
// thread (still working) when the isolation headers are missing; Camera check's Details says which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { CAN_RUN, launch, serveApp, type WebServer, setupAdmin } from './harness.ts';
import { wasmMode } from '@rollcall/face';

describe.skipIf(!CAN_RUN)('wasm threads in the face worker', () => {
  let server: WebServer;
  let browser: Browser;
  let cookie: { name: string; value: string; url: string };

  beforeAll(async () => {
    server = await serveApp();
    const { name, value } = await setupAdmin(server.base, { email: 'head@school.example', name: 'Head', password: 'a long enough passphrase' });
    cookie = { name, value, url: server.base };
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens Camera check and reads the face engine's mode from its Details section once loaded. */
  async function engineMode(context: BrowserContext) {
    await context.addCookies([cookie]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.base}/#/camera`);
    await page.getByRole('heading', { name: 'Camera check' }).waitFor({ timeout: 90_000 });
    await page.getByRole('region', { name: 'Camera check' }).getByText('Details').click();
    const mode = page.getByLabel('Face engine mode');
    await expect.poll(async () => (await mode.textContent()) ?? '', { timeout: 240_000, interval: 500 }).toMatch(/Face engine: (wasm|webgl|webgpu|failed)/);
    const info = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    return { text: (await mode.textContent()) ?? '', errors, ...info };
  }

  // One core is left to the page (wasmMode): a 2-core machine such as CI's runs one thread, isolated;
  // a laptop with more cores starts tfjs' threaded factory (its text is checked in packages/face).
  it('runs wasm SIMD on all cores but one when isolated', { timeout: 360_000 }, async () => {
    const { text, errors, isolated, cores } = await engineMode(await browser.newContext());
    expect(isolated).toBe(true);
    const expected = wasmMode(true, cores).threads;
    expect(text).toMatch(
      new RegExp(`^Face engine: wasm SIMD, ${expected} threads?, in a worker \\(${expected} threads? of ${cores} cores \\(cross-origin isolated\\)`),
    );
    expect(errors).toEqual([]);
  });

  it('falls back to one thread, and says why, when the page is not isolated', { timeout: 360_000 }, async () => {
    // The same app without COOP/COEP: no SharedArrayBuffer, so no threads. No service worker, whose
    // cached answers would bring the headers back. Isolation comes from the document's and the
    // worker script's headers; the API (its event stream never ends) is left alone.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route(
      (url) => !url.pathname.startsWith('/api/'),
      async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['cross-origin-embedder-policy'];
        delete headers['cross-origin-opener-policy'];
        await route.fulfill({ response, headers });
      },
    );
    const { text, errors, isolated } = await engineMode(context);
    expect(isolated).toBe(false);
    expect(text).toMatch(/^Face engine: wasm SIMD, 1 thread, in a worker \(single-threaded: the page is not cross-origin isolated/);
    expect(errors).toEqual([]);
  });
});
