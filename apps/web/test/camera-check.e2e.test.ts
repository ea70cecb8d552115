// Camera check judges a face's liveness as Take attendance's session would, over its track: a still
// photo held to the camera (an attack, one photo as every frame) is never called "Ready", and the
// check says it would wait in Needs review.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cameraArgs, CAN_RUN, haveFfmpeg, launch, photo, serveApp, setupAdmin, stillCamera, type WebServer } from './harness.ts';

const HAVE_FFMPEG = haveFfmpeg('camera check test');

describe.skipIf(!CAN_RUN || !HAVE_FFMPEG)('Camera check with a still photo as the camera', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-check-'));
  let server: WebServer;
  let browser: Browser;
  let cookie: { name: string; value: string; url: string };

  beforeAll(async () => {
    server = await serveApp();
    const { name, value } = await setupAdmin(server.base, { email: 'head@school.example', name: 'Head', password: 'a long enough passphrase' });
    cookie = { name, value, url: server.base };
    browser = await launch(cameraArgs(stillCamera(path.join(tmp, 'daryl-still.y4m'), photo('twd/daryl', 'daryl1.jpg'))));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('never says "Ready" for it, and says it would wait in Needs review', { timeout: 400_000 }, async () => {
    const context = await browser.newContext({ permissions: ['camera'] });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await page.goto(`${server.base}/#/camera`);
    await page.getByRole('heading', { name: 'Camera check' }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    const region = page.getByRole('region', { name: 'Camera check' });
    const face = page.getByRole('list', { name: 'The face in view' });
    const summaries = new Set<string>();
    // Watched until the session has judged the track: as a photo or a screen, or as a face that never moved.
    await expect
      .poll(
        async () => {
          const summary = await region
            .locator('.verdict-summary')
            .textContent({ timeout: 2000 })
            .catch(() => null);
          if (summary) summaries.add(summary);
          return (await face.textContent({ timeout: 2000 }).catch(() => null)) ?? '';
        },
        { timeout: 300_000, interval: 500 },
      )
      .toMatch(
        /May be a photo or a screen: it would wait in Needs review|the face has not moved at all; a face that stays like this would wait in Needs review/,
      );
    expect(await face.textContent()).not.toMatch(/Looks like a live person/);
    expect(summaries.size).toBeGreaterThan(0);
    expect([...summaries].filter((s) => s.startsWith('Ready'))).toEqual([]);
    expect(await region.locator('.verdict-summary').textContent()).not.toMatch(/^Ready/);
  });
});
