// Web app II in Chromium with a fake camera (a .y4m made here from photos with ffmpeg, never
// stored in the project): daryl and rick, enrolled from three photos each, walk in together (a
// sequence of OTHER photos of them with per-frame noise: a genuine scene) and are each marked
// exactly once; a still photo of daryl held up to the camera marks nobody and is reviewed as a
// photo; a stranger stays unknown; marks made offline survive a reload and reach the API
// exactly once after reconnecting.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encodeVector } from '@rollcall/contracts';
import { createNodeFaceEngine, decodeImage } from '@rollcall/face/node';
import { DEFAULT_GATES, enrolmentQuality } from '@rollcall/face';
import {
  apiAs,
  cameraArgs,
  CAN_RUN,
  faceCrops,
  grantConsent,
  haveFfmpeg,
  launch,
  photo,
  sequenceCamera,
  serveApp,
  setupAdmin,
  stillCamera,
  waitForOfflineReady,
  type WebServer,
} from './harness.ts';

const HAVE_FFMPEG = haveFfmpeg('camera tests');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-cam-'));
/**
 * Enrolled from photos 1-3. The camera shows photos 4 (never enrolled), 1, 2, 3 in turn: two
 * photos alone differed too little in pose to look like a head (the track went to review as
 * 'could not confirm a live face'); the group photo's faces (~45 px) are too small to upscale.
 */
const ENROLLED = [1, 2, 3];
let walkIn = '';
let stranger = '';

describe.skipIf(!CAN_RUN || !HAVE_FFMPEG)('taking attendance in Chromium with a fake camera', () => {
  let server: WebServer;
  let cookie: { name: string; value: string; url: string };
  const browsers: Browser[] = [];

  const call = apiAs(
    () => server.base,
    () => cookie,
  );
  const api = (method: string, p: string, body?: unknown) => call<Record<string, unknown> & { items?: { id: string; studentId: string }[] }>(method, p, body);
  const marks = async () => (await server.database.db.selectFrom('attendance_marks').select(['id', 'student_id']).execute()).map((r) => r.student_id).sort();

  async function open(cameraFile: string): Promise<{ context: BrowserContext; page: Page }> {
    // One browser at a time: a previous one would keep recognising at full speed and starve this one.
    for (const b of browsers.splice(0)) await b.close();
    const browser = await launch(cameraArgs(cameraFile));
    browsers.push(browser);
    const context = await browser.newContext({ permissions: ['camera'] });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    if (process.env.E2E_DEBUG) {
      page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text().slice(0, 200)}`));
      page.on('requestfailed', (r) => console.log(`[page] request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    }
    await page.goto(server.base);
    await page.getByRole('heading', { name: 'Take attendance' }).waitFor({ timeout: 90_000 });
    // The roster must be cached on the device before recognition can know anyone.
    await page
      .getByLabel('Sync')
      .filter({ hasText: /revision [1-9]/ })
      .waitFor({ timeout: 30_000 });
    return { context, page };
  }

  /** What the "Recognition speed" line says: frames analysed so far, faces in the last frame. */
  async function speed(page: Page) {
    const text = (await page.getByLabel('Recognition speed').textContent()) ?? '';
    return { frames: Number(/(\d+) frames ·/.exec(text)?.[1] ?? 0), faces: Number(/(\d+) face\(s\)/.exec(text)?.[1] ?? 0) };
  }

  async function recognise(page: Page, minFrames: number) {
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: 'Start recognition' }).click();
    await expect.poll(async () => (await speed(page)).frames, { timeout: 180_000, interval: 500 }).toBeGreaterThanOrEqual(minFrames);
  }

  beforeAll(async () => {
    server = await serveApp();
    const { name, value } = await setupAdmin(server.base, { email: 'head@school.example', name: 'Head', password: 'a long enough passphrase' });
    cookie = { name, value, url: server.base };
    // Enrol daryl and rick from their photos with the same pipeline, in Node; negan is never enrolled.
    const engine = await createNodeFaceEngine();
    for (const [studentId, who] of [
      ['S001', 'daryl'],
      ['S002', 'rick'],
    ] as const) {
      await api('POST', '/api/students', { studentId, name: who === 'daryl' ? 'Daryl Dixon' : 'Rick Grimes' });
      await grantConsent(api, studentId);
      const embeddings = [];
      for (const i of ENROLLED) {
        const bytes = readFileSync(photo(`twd/${who}`, `${who}${i}.jpg`));
        const face = (await engine.analyze(await decodeImage(new Uint8Array(bytes)))).faces[0]!;
        embeddings.push({
          modelId: face.embedding.modelId,
          vector: encodeVector(face.embedding.vector),
          quality: enrolmentQuality(face, DEFAULT_GATES),
          sourceHash: `${i}`.repeat(64).slice(0, 63) + (who === 'daryl' ? 'a' : 'b'),
        });
      }
      await api('POST', `/api/students/${studentId}/embeddings`, { embeddings });
    }
    // The genuine scenes: each person as a sequence of different photos, the face kept in place.
    const seq = (who: string) =>
      faceCrops(
        engine,
        [4, 1, 2, 3].map((i) => photo(`twd/${who}`, `${who}${i}.jpg`)),
      );
    walkIn = sequenceCamera(path.join(tmp, 'daryl-rick.y4m'), [await seq('daryl'), await seq('rick')]);
    stranger = sequenceCamera(path.join(tmp, 'negan.y4m'), [
      await faceCrops(
        engine,
        [1, 2, 3, 4].map((i) => photo('twd/negan', `negan${i}.jpg`)),
      ),
    ]);
    await engine.dispose();
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a still photo of an enrolled student marks nobody and is reviewed as a photo, counted for the teacher', { timeout: 400_000 }, async () => {
    const { page } = await open(stillCamera(path.join(tmp, 'daryl-still.y4m'), photo('twd/daryl', 'daryl1.jpg')));
    await recognise(page, 3);
    const review = page.getByRole('region', { name: 'Needs review' });
    await expect.poll(() => review.textContent(), { timeout: 180_000, interval: 500 }).toMatch(/Daryl Dixon.*looks like a photo or a screen/s);
    await expect
      .poll(
        async () =>
          (await page
            .getByLabel('Suspected photos or screens')
            .textContent({ timeout: 2000 })
            .catch(() => '')) ?? '',
        { timeout: 30_000 },
      )
      .toMatch(/^1 face looked like a photo or a screen today on this laptop/);
    // It keeps looking at the photo: still nobody marked, nothing waiting to be sent.
    const { frames } = await speed(page);
    await expect.poll(async () => (await speed(page)).frames, { timeout: 120_000 }).toBeGreaterThanOrEqual(frames + 10);
    expect(await marks()).toEqual([]);
    expect(await page.getByLabel('Marks waiting to be sent').textContent()).toMatch(/^0 marks waiting/);
    await page.getByRole('button', { name: 'Stop' }).click();
    // The review item is kept on the device (IndexedDB) until the teacher decides: a reload keeps it.
    await page.reload();
    await expect
      .poll(() => page.getByRole('region', { name: 'Needs review' }).textContent(), { timeout: 60_000, interval: 500 })
      .toMatch(/Daryl Dixon.*looks like a photo or a screen/s);
  });

  it('marks daryl and rick exactly once each as they walk in (a genuine sequence)', { timeout: 400_000 }, async () => {
    const { page } = await open(walkIn);
    await recognise(page, 3);
    await expect.poll(marks, { timeout: 120_000, interval: 500 }).toEqual(['S001', 'S002']);
    const log = page.getByRole('log', { name: 'Attendance log' });
    await expect.poll(() => log.textContent(), { timeout: 30_000 }).toMatch(/S001.*Daryl Dixon|Daryl Dixon.*S001/s);
    await expect.poll(() => log.textContent(), { timeout: 30_000 }).toMatch(/S002.*Rick Grimes|Rick Grimes.*S002/s);
    // Once delivered, a mark stays in the log (it never blinks out between outbox and server list).
    expect(await log.textContent()).toMatch(/Daryl Dixon/);
    // Keep looking at the same two faces for a while: still one mark each.
    const { frames } = await speed(page);
    await expect.poll(async () => (await speed(page)).frames, { timeout: 120_000 }).toBeGreaterThanOrEqual(frames + 10);
    expect(await marks()).toEqual(['S001', 'S002']);
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  it('leaves a stranger unknown and marks nobody for them', async () => {
    const before = await marks();
    const { page } = await open(stranger);
    await recognise(page, 15);
    // The stranger's face is really in view (not an empty frame that marks nobody anyway).
    await expect.poll(async () => (await speed(page)).faces, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(1);
    expect(await marks()).toEqual(before);
    expect(await page.getByLabel('Marks waiting to be sent').textContent()).toMatch(/^0 marks waiting/);
    expect(await page.getByRole('log', { name: 'Attendance log' }).textContent()).not.toMatch(/negan/i);
  });

  it('keeps marks made offline through a reload and sends each exactly once on reconnect', { timeout: 400_000 }, async () => {
    // Start from an empty log, so daryl and rick can be marked again.
    for (const m of (await api('GET', '/api/attendance?limit=500')).items ?? []) await api('DELETE', `/api/attendance/${m.id}`, { reason: 'test reset' });
    expect(await marks()).toEqual([]);
    const { context, page } = await open(walkIn);
    await waitForOfflineReady(page);
    // The network goes while the page is open (opening the app offline is the enrolment test's).
    await context.setOffline(true);
    await recognise(page, 3);
    const log = page.getByRole('log', { name: 'Attendance log' });
    await expect
      .poll(async () => (await log.textContent())?.match(/waiting to send/g)?.length ?? 0, { timeout: 120_000 })
      .toBe(2)
      .catch(async (err: unknown) => {
        // Say what the teacher would have seen: the log, the review list, the speed line and the status bar.
        const text = async (name: string) =>
          (await page
            .getByLabel(name)
            .first()
            .textContent({ timeout: 2000 })
            .catch(() => null)) ?? '(none)';
        throw new Error(
          `${String(err)}\nlog: ${await log.textContent({ timeout: 2000 })}\nreview: ${await text('Needs review')}\nspeed: ${await text('Recognition speed')}\nstatus: ${await text('Status')}\nmarks on the server: ${(await marks()).join(', ') || 'none'}`,
        );
      });
    // Reloading while offline loses nothing: the marks are in IndexedDB.
    await page.reload();
    await page.getByRole('log', { name: 'Attendance log' }).filter({ hasText: 'Rick Grimes' }).waitFor();
    expect(await marks()).toEqual([]);
    await context.setOffline(false);
    await expect.poll(marks, { timeout: 60_000, interval: 500 }).toEqual(['S001', 'S002']);
    await expect.poll(async () => (await page.getByLabel('Marks waiting to be sent').textContent()) ?? '', { timeout: 30_000 }).toMatch(/^0 marks waiting/);
    expect(await marks()).toEqual(['S001', 'S002']);
  });
});
