// A whole lesson on the paired classroom laptop alone, in Chromium: the admin registers the laptop
// through the API and the laptop trades the code for its cookie; nobody ever signs in on the page.
// The laptop starts the session, a real person's clip marks them by the camera, a student is
// marked by hand, the session ends and its final register stays on screen, as the API's register
// and statistics say. Then a second session survives a reload with the API unreachable (the
// register is the copy kept on the laptop) and its offline hand mark reaches the server. Last, a
// teacher signs in on the laptop and out again, and the laptop is still paired.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DailyStat, Register } from '@rollcall/contracts';
import { createNodeFaceEngine } from '@rollcall/face/node';
import {
  apiAs,
  CAN_RUN,
  cameraArgs,
  clipCamera,
  enrolFromClip,
  grantConsent,
  haveFfmpeg,
  haveRealvid,
  launch,
  realClip,
  serveApp,
  setupAdmin,
  waitForTakeAttendance,
  type WebServer,
} from './harness.ts';

const HAVE_REALVID = haveRealvid('the laptop lesson test');
const HAVE_FFMPEG = HAVE_REALVID && haveFfmpeg('the laptop lesson test');

const FELIX = { studentId: 'LL01', name: 'Felix Way' };
const ANN = { studentId: 'LL02', name: 'Ann Lee' };
const BEN = { studentId: 'LL03', name: 'Ben Ortiz' };

describe.skipIf(!CAN_RUN || !HAVE_REALVID || !HAVE_FFMPEG)('a lesson on the paired laptop alone', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-laptop-'));
  let server: WebServer;
  let admin: { name: string; value: string };
  let classId = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  const api = apiAs(
    () => server.base,
    () => admin,
  );
  const register = () => page.getByRole('region', { name: 'Register' });
  const here = (text: string) => register().getByRole('heading', { name: text }).waitFor({ timeout: 60_000 });
  const row = (name: string) => register().getByRole('listitem').filter({ hasText: name });
  /** Each student's status as the page's register shows it. */
  const shown = async () => {
    const out: Record<string, string> = {};
    for (const s of [FELIX, ANN, BEN]) out[s.name] = (await row(s.name).locator('.status').textContent()) ?? '';
    return out;
  };
  const serverRegister = async () => {
    const current = await api<{ items: { id: string }[] }>('GET', `/api/classes/${classId}/sessions`);
    return api<Register>('GET', `/api/sessions/${current.items[0]!.id}/register`);
  };

  beforeAll(async () => {
    server = await serveApp();
    admin = await setupAdmin(server.base, { email: 'office@school.example', name: 'Office', password: 'a long enough passphrase' });
    const engine = await createNodeFaceEngine();
    const faces = await enrolFromClip(engine, tmp, realClip('fellway_face.mp4'));
    await engine.dispose();
    for (const s of [FELIX, ANN, BEN]) await api('POST', '/api/students', s);
    await grantConsent(api, FELIX.studentId);
    await api('POST', `/api/students/${FELIX.studentId}/embeddings`, { embeddings: faces });
    classId = (await api<{ id: string }>('POST', '/api/classes', { name: 'Form 9R', studentIds: [FELIX, ANN, BEN].map((s) => s.studentId) })).id;
    // The admin registers the laptop; the laptop itself trades the code for its device cookie.
    const { pairing } = await api<{ pairing: { code: string } }>('POST', '/api/devices', { name: 'Room 9 laptop', classIds: [classId] });
    browser = await launch(cameraArgs(clipCamera(path.join(tmp, 'felix.y4m'), [realClip('fellway_face.mp4')])));
    // No service worker: the page comes from the server, and only the API is taken away below.
    context = await browser.newContext({ permissions: ['camera'], serviceWorkers: 'block' });
    const paired = await context.request.post(`${server.base}/api/devices/pair`, { data: { code: pairing.code } });
    expect(paired.status()).toBe(200);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text().slice(0, 200)}`));
    await page.goto(server.base);
    await waitForTakeAttendance(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('starts the session, marks by face and by hand, ends it, and keeps the final register that the API agrees with', { timeout: 300_000 }, async () => {
    await page.getByText('Device Room 9 laptop').waitFor();
    await page.getByRole('button', { name: 'Start session' }).click();
    await here('0 of 3 here');

    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: 'Start recognition' }).click();
    await here('1 of 3 here');
    await expect.poll(() => row(FELIX.name).textContent(), { timeout: 30_000 }).toMatch(/Present\s*Camera/);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: `Mark ${ANN.name} late` }).click();
    await here('2 of 3 here');

    // After a reload the laptop's list of today's marks loads (it is not refused).
    await expect.poll(async () => (await serverRegister()).counts.here, { timeout: 30_000 }).toBe(2);
    await page.reload();
    await here('2 of 3 here');
    const log = page.getByRole('log', { name: 'Attendance log' });
    await log.getByText(ANN.name).waitFor({ timeout: 30_000 });
    await log.getByText(FELIX.name).waitFor();

    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('alertdialog', { name: 'End this session?' }).getByText(`1 student not seen will be marked absent: ${BEN.name}.`).waitFor();
    await page.getByRole('button', { name: 'End session and mark absentees' }).click();
    await page.getByText(/^Session ended at \d{1,2}:\d{2}.*: its final register is below\./).waitFor({ timeout: 30_000 });
    await register().getByText('Final register').waitFor();
    await here('2 of 3 here');
    await page.getByRole('button', { name: 'Start the next session' }).waitFor();
    expect(await shown()).toEqual({ [FELIX.name]: 'Present', [ANN.name]: 'Late', [BEN.name]: 'Absent' });

    // What the CSV export and the statistics are made from agrees with the screen.
    const reg = await serverRegister();
    expect(reg.session.active).toBe(false);
    const byName = Object.fromEntries(reg.rows.map((r) => [r.name, r.status]));
    expect(byName).toEqual({ [FELIX.name]: 'present', [ANN.name]: 'late', [BEN.name]: 'absent' });
    expect(reg.rows.find((r) => r.name === ANN.name)!.markedBy).toBe('Room 9 laptop');
    const day = reg.session.startsAt.slice(0, 10);
    const { items } = await api<{ items: Register[] }>('GET', `/api/registers?classId=${classId}&from=${day}&to=${day}`);
    expect(items.map((r) => Object.fromEntries(r.rows.map((x) => [x.name, x.status])))).toEqual([byName]);
    const stats = await api<{ days: DailyStat[] }>('GET', `/api/stats/daily?from=${day}&to=${day}&classId=${classId}`);
    expect(stats.days[0]).toMatchObject({ sessions: 1, present: 1, late: 1, excused: 0, absent: 1 });
    expect(errors).toEqual([]);
  });

  it('keeps the register of the running session through a reload without the API, and sends its marks when the API is back', { timeout: 240_000 }, async () => {
    await page.getByRole('button', { name: 'Start the next session' }).click();
    await register().getByText('Final register').waitFor({ state: 'detached', timeout: 30_000 });
    await here('0 of 3 here');
    await page.getByRole('button', { name: `Mark ${FELIX.name} present` }).click();
    await expect.poll(async () => (await serverRegister()).counts.here, { timeout: 30_000 }).toBe(1);
    await here('1 of 3 here');

    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByText('showing the copy kept on this laptop').waitFor({ timeout: 60_000 });
    await page.getByText('offline session').waitFor();
    await here('1 of 3 here');
    await page.getByRole('button', { name: `Mark ${BEN.name} present` }).click();
    await here('2 of 3 here');
    await expect.poll(() => row(BEN.name).textContent()).toMatch(/waiting to send/);

    await context.unroute('**/api/**');
    await expect.poll(async () => (await serverRegister()).rows.find((r) => r.name === BEN.name)?.status, { timeout: 90_000 }).toBe('present');
    await page.getByText('showing the copy kept on this laptop').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByText('offline session').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByText(/^Session running since/).waitFor({ timeout: 30_000 });
    await here('2 of 3 here');
    expect(errors).toEqual([]);
  });
  it('lets a teacher sign in on the laptop without unpairing it; signed out, it is the paired laptop again', { timeout: 120_000 }, async () => {
    const teacher = { email: 'tess@school.example', password: 'teacher password 123' };
    await api('POST', '/api/users', { ...teacher, name: 'Tess Teacher', role: 'teacher', classIds: [classId] });
    await page.getByText('Teacher sign-in').click();
    const form = page.getByRole('form', { name: 'Teacher sign-in' });
    await form.getByLabel('Email').fill(teacher.email);
    await form.getByLabel('Password').fill(teacher.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Tess Teacher (teacher)').waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Records' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Device Room 9 laptop').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Unpair this laptop' }).waitFor();
    const me = (await (await context.request.get(`${server.base}/api/auth/me`)).json()) as { actor: { kind: string } };
    expect(me.actor.kind).toBe('device');
    expect(errors).toEqual([]);
  });
});
