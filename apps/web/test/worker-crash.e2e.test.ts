// The face worker dying mid-recognition (a wasm abort, out of memory) must not stop the register:
// the page replaces the worker, recognition carries on, and marks already made stay made, once.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { createNodeFaceEngine } from '@rollcall/face/node';
import {
  cameraArgs,
  CAN_RUN,
  clipCamera,
  enrolFromClip,
  grantConsent,
  haveFfmpeg,
  haveRealvid,
  launch,
  realClip,
  rosterCached,
  serveApp,
  setupAdmin,
  type WebServer,
} from './harness.ts';

const HAVE_FFMPEG = haveFfmpeg('worker crash test');
// A genuine scene must be real people: photos pasted into a frame are pictures, which liveness never marks.
const HAVE_REALVID = haveRealvid('worker crash test');

/** The two who walk in one after the other, each enrolled from frames of the clip that shows them. */
const PEOPLE = [
  { studentId: 'S001', name: 'Felix Way', clip: 'fellway_face.mp4' },
  { studentId: 'S002', name: 'Vera Upton', clip: 'vdotup_face.mp4' },
];

describe.skipIf(!CAN_RUN || !HAVE_FFMPEG || !HAVE_REALVID)('recognition survives a crash of the face worker', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-crash-'));
  let server: WebServer;
  let browser: Browser;
  let cookie: { name: string; value: string; url: string };
  let camera = '';
  const marks = async () => (await server.database.db.selectFrom('attendance_marks').select('student_id').execute()).map((r) => r.student_id).sort();

  beforeAll(async () => {
    server = await serveApp();
    const { name, value } = await setupAdmin(server.base, { email: 'head@school.example', name: 'Head', password: 'a long enough passphrase' });
    cookie = { name, value, url: server.base };
    const api = (p: string, body: unknown) =>
      fetch(server.base + p, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `${name}=${value}` }, body: JSON.stringify(body) });
    const engine = await createNodeFaceEngine();
    for (const { studentId, name: who, clip } of PEOPLE) {
      await api('/api/students', { studentId, name: who });
      // Consent is required before a face is enrolled: without it the embeddings were refused.
      await grantConsent((_method, p, body) => api(p, body), studentId);
      await api(`/api/students/${studentId}/embeddings`, { embeddings: await enrolFromClip(engine, tmp, realClip(clip)) });
    }
    // Each person's first 5 s in turn, then the whole reversed: each in view 10 s at a time.
    camera = clipCamera(
      path.join(tmp, 'walk-in.y4m'),
      PEOPLE.map((p) => realClip(p.clip)),
      5,
    );
    await engine.dispose();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const frames = async (page: Page) =>
    Number(/(\d[\d,.\s]*) frames? ·/.exec((await page.getByLabel('Recognition speed').textContent()) ?? '')?.[1]?.replace(/\D/g, '') ?? 0);

  /** An error nothing in the worker catches, as a wasm abort inside a tfjs callback would be. */
  const crash = (w: Worker) =>
    w.evaluate(
      () =>
        void setTimeout(() => {
          throw new Error('simulated crash of the face worker');
        }, 0),
    );

  it('restarts the worker, keeps recognising and keeps each mark exactly once', { timeout: 600_000 }, async () => {
    browser = await launch(cameraArgs(camera));
    const context = await browser.newContext({ permissions: ['camera'] });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    const faceWorkers: Worker[] = [];
    page.on('worker', (w) => void (w.url().includes('face.worker') && faceWorkers.push(w)));
    await page.goto(server.base);
    await page.getByRole('heading', { name: 'Take attendance' }).waitFor({ timeout: 90_000 });
    await rosterCached(page).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: 'Start recognition' }).click();

    // Crash it while recognising, before anyone is marked: recognition goes on in a new worker.
    await expect.poll(() => frames(page), { timeout: 240_000, interval: 500 }).toBeGreaterThanOrEqual(1);
    expect(faceWorkers).toHaveLength(1);
    await crash(faceWorkers[0]!);
    await expect.poll(() => faceWorkers.length, { timeout: 120_000 }).toBe(2);
    await expect.poll(marks, { timeout: 240_000, interval: 500 }).toEqual(['S001', 'S002']);

    // Crash it again once both are marked: frames keep coming and nobody is marked twice.
    await crash(faceWorkers[1]!);
    await expect.poll(() => faceWorkers.length, { timeout: 120_000 }).toBe(3);
    const after = await frames(page);
    await expect.poll(() => frames(page), { timeout: 240_000, interval: 500 }).toBeGreaterThanOrEqual(after + 10);
    expect(await marks()).toEqual(['S001', 'S002']);
  });
});
