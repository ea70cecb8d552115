// Guided camera enrolment in Chromium: a fake camera shows different photos of one person (bbt
// Leonard: looking straight, turned to his own left, looking down); the guide fills exactly those
// poses, asks for the next missing one, and "Use these photos" sends the kept frames through the
// usual photo checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { seriousViolations } from './axe.ts';
import { CAN_RUN, cameraArgs, createFirstAdmin, faceCrops, launch, openPage, photo, sequenceCamera, serveApp, type WebServer, haveFfmpeg } from './harness.ts';

const HAVE_FFMPEG = haveFfmpeg('the guided enrolment test');

/**
 * Measured on these crops with the Node engine's frame pass (yaw / pitch): lennard_9 0 / 5
 * (straight), lennard_14 -19 / -1 (his own left), lennard_10.png -9 / 13 (down), lennard_1 -4 / 8
 * (near straight). None is turned right or up.
 */
const FILES = ['lennard_9.jpg', 'lennard_14.jpg', 'lennard_10.png', 'lennard_1.jpg'];

describe.skipIf(!CAN_RUN || !HAVE_FFMPEG)('guided camera enrolment in Chromium', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-guide-'));
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    const engine = await createNodeFaceEngine();
    const crops = await faceCrops(
      engine,
      FILES.map((f) => photo('bbt/leonard', f)),
    );
    await engine.dispose();
    const camera = sequenceCamera(path.join(tmp, 'leonard.y4m'), [crops]);
    server = await serveApp();
    browser = await launch(cameraArgs(camera));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('fills the poses the camera shows, asks for a missing one, and hands the photos to the usual checks', async () => {
    const { page, errors } = await openPage(browser, { permissions: ['camera'] });
    await createFirstAdmin(page, server.base, { email: 'head@school.example', password: 'a long enough passphrase' });
    await page.getByRole('link', { name: 'Students' }).click();
    await page.getByRole('button', { name: 'Add student' }).click();
    await page.getByLabel('Student ID').fill('S100');
    await page.getByLabel('Name', { exact: true }).fill('Leonard Hofstadter');
    await page.getByLabel('Consent to use their face').selectOption('granted-parent');
    await page.getByRole('button', { name: 'Use camera' }).click();

    const poses = page.getByRole('list', { name: 'Poses' });
    const taken = () => poses.getByRole('listitem', { name: /: taken$/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.split(':')[0]));
    // The camera loops its photos; the models load first, so this can take a while on two cores.
    await expect.poll(taken, { timeout: 240_000, interval: 1000 }).toEqual(['Straight', 'Left', 'Down']);
    expect(await poses.getByRole('listitem', { name: 'Right: still needed' }).count()).toBe(1);
    expect(await poses.getByRole('listitem', { name: 'Up: still needed' }).count()).toBe(1);
    expect(await page.locator('.guide-instruction').textContent()).toBe('Turn your head a little to your right.');
    expect(await page.locator('.guide-instruction').getAttribute('aria-live')).toBe('polite');

    expect(await seriousViolations(page)).toEqual([]);

    // Retake empties the slot and the guide fills it again with a new photo (the camera keeps
    // looping, so the refill may come before any check of the empty slot: compare photos instead).
    const leftPhoto = () =>
      poses
        .getByRole('listitem', { name: 'Left: taken' })
        .locator('img')
        .getAttribute('src', { timeout: 1000 })
        .catch(() => null);
    const before = await leftPhoto();
    expect(before).toBeTruthy();
    await poses.getByRole('button', { name: 'Retake left' }).click();
    await expect
      .poll(
        async () => {
          const now = await leftPhoto();
          return now !== null && now !== before;
        },
        { timeout: 120_000, interval: 500 },
      )
      .toBe(true);

    await page.getByRole('button', { name: /^Use these photos/ }).click();
    const grid = page.getByRole('list', { name: 'Analysed photos' });
    await expect.poll(() => grid.getByText('Analysing…').count(), { timeout: 120_000 }).toBe(0);
    const verdicts = await grid.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(verdicts).toHaveLength(3);
    expect(verdicts.filter((v) => /^camera-(straight|left|down)-.*: Accepted$/.test(v ?? ''))).toHaveLength(3);
    expect(errors).toEqual([]);
  }, 600_000);
});
