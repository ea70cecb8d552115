// Take attendance in Chromium on real footage (../shared/realvid, read at test time, never copied
// into the project): a live person's clip as the fake camera marks them in the register; a phone
// filming a monitor that replays a live clip of an enrolled student marks nobody, though the page
// knows the face (the review item offers that student): liveness, not a failed match, held it back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createNodeFaceEngine } from '@rollcall/face/node';
import {
  apiAs,
  CAN_RUN,
  clipCamera,
  enrolFromClip,
  enrolFromPhotos,
  grantConsent,
  haveFfmpeg,
  haveRealvid,
  openTakeAttendance,
  photo,
  realClip,
  serveApp,
  setupAdmin,
  type Enrolment,
  type WebServer,
} from './harness.ts';

const HAVE_REALVID = haveRealvid('real-footage tests');
const HAVE_FFMPEG = HAVE_REALVID && haveFfmpeg('real-footage tests');

/** How long the replay is watched once recognition runs (wall time), and the fewest frames the page must have analysed in it. */
const REPLAY_WATCH_MS = 40_000;
const REPLAY_MIN_FRAMES = 20;

const STUDENTS = {
  fellway: { studentId: 'RV01', name: 'Felix Way' },
  ashish: { studentId: 'RV02', name: 'Ashish Four' },
  daryl: { studentId: 'RV03', name: 'Daryl Dixon' },
  rick: { studentId: 'RV04', name: 'Rick Grimes' },
};

describe.skipIf(!CAN_RUN || !HAVE_REALVID || !HAVE_FFMPEG)('taking attendance in Chromium on real footage', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-realvid-'));
  let server: WebServer;
  let browser: Browser | null = null;
  let cookie: { name: string; value: string; url: string };

  const api = apiAs(
    () => server.base,
    () => cookie,
  );
  const marks = async () => (await server.database.db.selectFrom('attendance_marks').select('student_id').execute()).map((r) => r.student_id).sort();

  /** A page on Take attendance, the class's running session open, in a browser whose camera shows `camera` (one browser at a time). */
  async function open(camera: string): Promise<Page> {
    await browser?.close();
    let page: Page;
    ({ browser, page } = await openTakeAttendance(server.base, cookie, camera));
    await page
      .getByRole('region', { name: 'Register' })
      .getByRole('heading', { name: / of 4 here$/ })
      .waitFor({ timeout: 60_000 });
    return page;
  }

  /** What the "Recognition speed" line says: frames analysed so far, and the backend. */
  async function speed(page: Page) {
    const text = (await page.getByLabel('Recognition speed').textContent()) ?? '';
    return { text, frames: Number(/(\d[\d,.\s]*) frames? ·/.exec(text)?.[1]?.replace(/\D/g, '') ?? 0) };
  }

  async function recognise(page: Page) {
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: 'Start recognition' }).click();
    await expect.poll(async () => (await speed(page)).frames, { timeout: 180_000, interval: 500 }).toBeGreaterThan(0);
    // Headless Chromium has WebGL only in software here: the engine must be on wasm, never cpu.
    await expect.poll(async () => (await speed(page)).text, { timeout: 30_000 }).toMatch(/· backend wasm/);
  }

  /** What the teacher sees, for a failure message, with a screenshot of the page in the temp folder. */
  async function scene(page: Page, name: string): Promise<string> {
    const shot = path.join(os.tmpdir(), `rollcall-realvid-${name}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    const text = async (label: string) =>
      (await page
        .getByLabel(label)
        .first()
        .textContent({ timeout: 2000 })
        .catch(() => null)) ?? '(none)';
    const region = async (name: string) =>
      (await page
        .getByRole('region', { name })
        .textContent({ timeout: 2000 })
        .catch(() => null)) ?? '(none)';
    return [
      `register: ${await region('Register')}`,
      `log: ${await text('Attendance log')}`,
      `review: ${await region('Needs review')}`,
      `speed: ${await text('Recognition speed')}`,
      `marks on the server: ${(await marks()).join(', ') || 'none'}`,
      `screenshot: ${shot}`,
    ].join('\n');
  }

  /** Runs `check`; on failure adds what the page showed to the error. */
  async function explained(page: Page, name: string, check: () => Promise<unknown>): Promise<void> {
    try {
      await check();
    } catch (err) {
      throw new Error(`${String(err)}\n${await scene(page, name)}`, { cause: err });
    }
  }

  beforeAll(async () => {
    server = await serveApp();
    const { name, value } = await setupAdmin(server.base, { email: 'head@school.example', name: 'Head', password: 'a long enough passphrase' });
    cookie = { name, value, url: server.base };
    const engine = await createNodeFaceEngine();
    // Each real person from frames of their own live clip (ashish from the clip his replay shows); the classmates from photos.
    const enrolments: Record<keyof typeof STUDENTS, Enrolment[]> = {
      fellway: await enrolFromClip(engine, tmp, realClip('fellway_face.mp4')),
      ashish: await enrolFromClip(engine, tmp, realClip('ashish_real4.mp4')),
      daryl: await enrolFromPhotos(
        engine,
        [1, 2, 3].map((i) => photo('twd/daryl', `daryl${i}.jpg`)),
      ),
      rick: await enrolFromPhotos(
        engine,
        [1, 2, 3].map((i) => photo('twd/rick', `rick${i}.jpg`)),
      ),
    };
    for (const [who, student] of Object.entries(STUDENTS) as [keyof typeof STUDENTS, (typeof STUDENTS)[keyof typeof STUDENTS]][]) {
      await api('POST', '/api/students', student);
      await grantConsent(api, student.studentId);
      await api('POST', `/api/students/${student.studentId}/embeddings`, { embeddings: enrolments[who] });
    }
    await engine.dispose();
    const cls = await api<{ id: string }>('POST', '/api/classes', { name: 'Form 9R', studentIds: Object.values(STUDENTS).map((s) => s.studentId) });
    await api('POST', `/api/classes/${cls.id}/sessions`, { lateAfterMinutes: 60 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('marks a live person present by the camera from their real clip', { timeout: 240_000 }, async () => {
    const page = await open(clipCamera(path.join(tmp, 'fellway.y4m'), [realClip('fellway_face.mp4')]));
    await recognise(page);
    const register = page.getByRole('region', { name: 'Register' });
    await explained(page, 'genuine', async () => {
      await register.getByRole('heading', { name: '1 of 4 here' }).waitFor({ timeout: 90_000 });
      const row = register.getByRole('listitem').filter({ hasText: STUDENTS.fellway.name });
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/Present\s*Camera/);
      expect(await marks()).toEqual([STUDENTS.fellway.studentId]);
    });
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  it('marks nobody for a phone filming a screen that replays an enrolled student, though it knows the face', { timeout: 240_000 }, async () => {
    const before = await marks();
    const page = await open(clipCamera(path.join(tmp, 'ashish-replay.y4m'), [realClip('ashish_fake4.mp4')]));
    await recognise(page);
    const started = Date.now();
    const review = page.getByRole('region', { name: 'Needs review' });
    await explained(page, 'replay', async () => {
      // The face is matched to the enrolled student (so "nobody marked" below is liveness's doing)
      // and held back as a presentation: "looks like" one, or "may be" one where the texture is unclear.
      const presentation = new RegExp(`^Looks like ${STUDENTS.ashish.name}( or [^:]+)?: (looks like|may be) a photo or a screen\\.`);
      await expect
        .poll(async () => (await review.getByRole('listitem').allTextContents()).some((t) => presentation.test(t)), { timeout: 90_000, interval: 500 })
        .toBe(true);
      // It keeps watching the replay: still nobody marked, nothing waiting to be sent.
      await expect
        .poll(async () => Date.now() - started >= REPLAY_WATCH_MS && (await speed(page)).frames >= REPLAY_MIN_FRAMES, { timeout: 180_000, interval: 1000 })
        .toBe(true);
      expect(await marks()).toEqual(before);
      expect(await page.getByLabel('Marks waiting to be sent').textContent()).toMatch(/^0 marks waiting/);
      await page
        .getByRole('region', { name: 'Register' })
        .getByRole('heading', { name: `${before.length} of 4 here` })
        .waitFor({ timeout: 5000 });
    });
    await page.getByRole('button', { name: 'Stop' }).click();
  });
});
