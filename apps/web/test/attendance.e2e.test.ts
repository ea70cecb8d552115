// Web app II in Chromium with a fake camera (.y4m files made here with ffmpeg, never stored in the
// project): two real people (clips from ../shared/realvid, each enrolled from three frames of their
// own clip) walk in one after the other and are each marked exactly once; a still photo of daryl
// held up to the camera marks nobody and is reviewed as a photo; a stranger stays unknown; marks
// made offline survive a reload and reach the API exactly once after reconnecting.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createNodeFaceEngine } from '@rollcall/face/node';
import {
  apiAs,
  cameraArgs,
  CAN_RUN,
  clipCamera,
  enrolFromClip,
  enrolFromPhotos,
  faceCrops,
  grantConsent,
  haveFfmpeg,
  haveRealvid,
  launch,
  photo,
  realClip,
  rosterCached,
  sequenceCamera,
  serveApp,
  setupAdmin,
  stillCamera,
  waitForOfflineReady,
  type Enrolment,
  type WebServer,
} from './harness.ts';

const HAVE_FFMPEG = haveFfmpeg('camera tests');
// Photos pasted into a frame are pictures, and the texture model says so: people walking in are real footage.
const HAVE_REALVID = haveRealvid('the walk-in camera tests');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-cam-'));
/** Seconds of each walk-in clip the camera shows (then the whole reversed: each person is in view 10 s at a time). */
const WALK_IN_SECONDS = 5;
const DARYL = { studentId: 'S001', name: 'Daryl Dixon' };
const RICK = { studentId: 'S002', name: 'Rick Grimes' };
/** The two who walk in, each from the clip that shows them. */
const FELIX = { studentId: 'S003', name: 'Felix Way', clip: 'fellway_face.mp4' };
const VERA = { studentId: 'S004', name: 'Vera Upton', clip: 'vdotup_face.mp4' };
const WALKED_IN = [FELIX.studentId, VERA.studentId];
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
    await rosterCached(page).waitFor({ timeout: 30_000 });
    return { context, page };
  }

  /** What the "Recognition speed" line says: frames analysed so far, faces in the last frame. */
  async function speed(page: Page) {
    const text = (await page.getByLabel('Recognition speed').textContent()) ?? '';
    // Counts are written by the language ("1,234 frames", "1 face"): read the digits only.
    const count = (re: RegExp) => Number(re.exec(text)?.[1]?.replace(/\D/g, '') ?? 0);
    return { frames: count(/([\d,.\s]+) frames? ·/), faces: count(/([\d,.\s]+) faces?,/) };
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
    // Daryl and Rick from three photos each, the two who walk in from frames of their own clip,
    // all through the real enrolment gates in Node; negan is never enrolled.
    const engine = await createNodeFaceEngine();
    const enrol = async (student: { studentId: string; name: string }, embeddings: Enrolment[]) => {
      await api('POST', '/api/students', { studentId: student.studentId, name: student.name });
      await grantConsent(api, student.studentId);
      await api('POST', `/api/students/${student.studentId}/embeddings`, { embeddings });
    };
    for (const [student, who] of [
      [DARYL, 'daryl'],
      [RICK, 'rick'],
    ] as const) {
      await enrol(
        student,
        await enrolFromPhotos(
          engine,
          [1, 2, 3].map((i) => photo(`twd/${who}`, `${who}${i}.jpg`)),
        ),
      );
    }
    if (HAVE_REALVID) {
      for (const student of [FELIX, VERA]) await enrol(student, await enrolFromClip(engine, tmp, realClip(student.clip)));
      walkIn = clipCamera(
        path.join(tmp, 'walk-in.y4m'),
        [FELIX.clip, VERA.clip].map((c) => realClip(c)),
        WALK_IN_SECONDS,
      );
    }
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

  it.skipIf(!HAVE_REALVID)('marks two real people exactly once each as they walk in one after the other', { timeout: 400_000 }, async () => {
    const { page } = await open(walkIn);
    await recognise(page, 3);
    await expect.poll(marks, { timeout: 120_000, interval: 500 }).toEqual(WALKED_IN);
    const log = page.getByRole('log', { name: 'Attendance log' });
    for (const { studentId, name } of [FELIX, VERA]) {
      await expect.poll(() => log.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`${studentId}.*${name}|${name}.*${studentId}`, 's'));
    }
    // Once delivered, a mark stays in the log (it never blinks out between outbox and server list).
    expect(await log.textContent()).toMatch(FELIX.name);
    // Keep looking at the same two people coming and going for a while: still one mark each.
    const { frames } = await speed(page);
    await expect.poll(async () => (await speed(page)).frames, { timeout: 120_000 }).toBeGreaterThanOrEqual(frames + 10);
    expect(await marks()).toEqual(WALKED_IN);
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

  it.skipIf(!HAVE_REALVID)('keeps marks made offline through a reload and sends each exactly once on reconnect', { timeout: 400_000 }, async () => {
    // Start from an empty log, so the two can be marked again.
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
    await page.getByRole('log', { name: 'Attendance log' }).filter({ hasText: VERA.name }).waitFor();
    expect(await marks()).toEqual([]);
    await context.setOffline(false);
    await expect.poll(marks, { timeout: 60_000, interval: 500 }).toEqual(WALKED_IN);
    await expect.poll(async () => (await page.getByLabel('Marks waiting to be sent').textContent()) ?? '', { timeout: 30_000 }).toMatch(/^0 marks waiting/);
    expect(await marks()).toEqual(WALKED_IN);
  });
});
