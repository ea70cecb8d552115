// A whole lesson on the paired classroom laptop alone, in Chromium: the admin registers the laptop
// and gives its class a timetable through the API, the laptop trades the pairing code for its
// cookie, and nobody ever signs in on the page. The period starts its session by itself; a real
// person's clip marks them by the camera, a student is marked by hand, and a face the camera held
// back (a phone replaying an enrolled student's clip) is confirmed from Needs review after the
// late-after minutes, and keeps the time it was seen: present, not late. At the bell the laptop ends
// the session, absentees marked, and its final register stays on screen and prints alone; the
// register CSV (made by the web app's own module) and the statistics agree with it. Then the next
// period runs the same way through a reload with the API unreachable, the network gone the moment
// its hand mark was confirmed (before any register fetched held it), and its offline hand mark
// reaches the server. Last, a teacher signs in on the laptop and out again, and it is still paired.
// The bells are reached by moving the laptop's clock and the server's together.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DailyStat, Register } from '@rollcall/contracts';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { DEFAULT_RECOGNITION } from '@rollcall/recognition';
import { registersToCsv } from '../src/core/register-csv.ts';
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
const ASHISH = { studentId: 'LL04', name: 'Ashish Four' };
const STUDENTS = [FELIX, ANN, BEN, ASHISH];
const CLASS = 'Form 9R';
const LAPTOP = 'Room 9 laptop';
/** The two periods, in minutes from the first one's start; the late-after minutes leave the camera time to see everyone. */
const FIRST = { label: 'Period 1', from: 0, to: 20, lateAfter: 10 };
const NEXT = { label: 'Period 2', from: 25, to: 35, lateAfter: 5 };
const MINUTE = 60_000;

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
/** "06:05 PM" or "18:05", as the register shows a time in the browser's locale, as "18:05". */
const clock24 = (text: string) => {
  const m = /(\d{1,2}):(\d{2})\s*([AP]M)?/i.exec(text);
  if (!m) return null;
  const h = (Number(m[1]) % (m[3] ? 12 : 24)) + (m[3]?.toUpperCase() === 'PM' ? 12 : 0);
  return `${pad(h)}:${m[2]}`;
};

describe.skipIf(!CAN_RUN || !HAVE_REALVID || !HAVE_FFMPEG)('a lesson on the paired laptop alone', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-laptop-'));
  let server: WebServer;
  let admin: { name: string; value: string };
  let classId = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  /** Where the lesson's clocks (the laptop's and the server's) are ahead of real time, in ms. */
  let ahead = 0;
  const now = () => Date.now() + ahead;
  /** The first period's start (local time, whole minutes). */
  let start = 0;
  const at = (minutes: number) => new Date(start + minutes * MINUTE);

  const api = apiAs(
    () => server.base,
    () => admin,
  );
  const register = () => page.getByRole('region', { name: 'Register' });
  const here = (text: string) => register().getByRole('heading', { name: text }).waitFor({ timeout: 60_000 });
  const row = (name: string) => register().getByRole('listitem').filter({ hasText: name });
  const periodLine = (text: string | RegExp) => page.getByRole('status', { name: 'Timetable' }).filter({ hasText: text }).waitFor({ timeout: 60_000 });
  const pageNow = () => page.evaluate(() => Date.now());
  /** One row of a store in the laptop's own database (local/db.ts) by key, or with no key how many rows it holds. */
  const local = <T>(store: string, key: string | null) =>
    page.evaluate(
      ([store, key]) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('rollcall');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const objects = open.result.transaction(store).objectStore(store);
            const read = key === null ? objects.count() : objects.get(key);
            read.onerror = () => reject(read.error);
            read.onsuccess = () => {
              open.result.close();
              resolve(read.result);
            };
          };
        }),
      [store, key] as const,
    ) as Promise<T>;
  /** The register this laptop keeps of the class for a reload without network (local/kept-registers.ts): its session and how many are here in it. */
  const kept = async (classId: string) => {
    const copy = (await local<{ value?: { register?: Register } } | undefined>('meta', `register.${classId}`))?.value?.register;
    return copy ? { session: copy.session.id, here: copy.counts.here } : null;
  };
  /** Marks still in the laptop's outbox: none once the sender has the server's confirmation of every mark. */
  const inOutbox = () => local<number>('outbox', null);
  const printed = () => page.evaluate(() => (window as unknown as { printed: number }).printed);

  /** Each student's row as the page's register shows it: status, how marked, and at what time (24 h). */
  const shown = async () => {
    const out: Record<string, { status: string; how: string; time: string | null }> = {};
    for (const s of STUDENTS) {
      const how = (await row(s.name).locator('.register-how').allTextContents())[0] ?? '';
      out[s.name] = { status: (await row(s.name).locator('.status').textContent()) ?? '', how: how.split(' · ')[0]!, time: clock24(how) };
    }
    return out;
  };
  const statuses = async () => Object.fromEntries(Object.entries(await shown()).map(([name, r]) => [name, r.status]));
  const current = () =>
    api<{ session: { id: string; periodId: string | null; lateAfterMinutes: number; startsAt: string } | null }>(
      'GET',
      `/api/classes/${classId}/sessions/current`,
    );
  const registerOf = (sessionId: string) => api<Register>('GET', `/api/sessions/${sessionId}/register`);
  const day = () => {
    const d = at(0);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };

  /** Moves the laptop's clock and the server's together to `to` (epoch ms), as the day would. */
  async function moveClocksTo(to: Date) {
    const by = to.getTime() - now();
    ahead += by;
    await page.clock.fastForward(by);
  }

  /**
   * What the register says agrees everywhere: the API's register has the page's statuses, the day's
   * registers (what the records page exports) hold it, and the register CSV the web app makes of
   * them has, row for row, the status, the time and the way of marking the screen shows.
   */
  async function agreesWithScreen(sessionId: string) {
    const screen = await shown();
    const reg = await registerOf(sessionId);
    expect(reg.session.active).toBe(false);
    expect(Object.fromEntries(reg.rows.map((r) => [r.name, r.status]))).toEqual(
      Object.fromEntries(Object.entries(screen).map(([name, r]) => [name, r.status.toLowerCase()])),
    );
    const { items } = await api<{ items: Register[] }>('GET', `/api/registers?classId=${classId}&from=${day()}&to=${day()}`);
    expect(items.find((r) => r.session.id === sessionId)?.rows).toEqual(reg.rows);
    const csv = Papa.parse<Record<string, string>>(registersToCsv([reg], { now: now() }).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data.map((r) => r.Student).sort()).toEqual(STUDENTS.map((s) => s.name).sort());
    for (const r of csv.data) {
      const s = screen[r.Student!]!;
      expect({ student: r.Student, status: r.Status, time: r['Marked at']!.slice(11, 16), class: r.Class }).toEqual({
        student: r.Student,
        status: s.status,
        time: s.time,
        class: CLASS,
      });
      expect(r['How marked']!.startsWith(s.how)).toBe(true);
    }
    // The statistics count the day's registers: every one ended, each place in it once.
    const stats = await api<{ days: DailyStat[] }>('GET', `/api/stats/daily?from=${day()}&to=${day()}&classId=${classId}`);
    const sum = (k: 'present' | 'late' | 'excused' | 'absent' | 'total') => items.reduce((n, r) => n + r.counts[k], 0);
    expect(stats.days).toMatchObject([
      { sessions: items.length, expected: sum('total'), present: sum('present'), late: sum('late'), excused: sum('excused'), absent: sum('absent') },
    ]);
    return { reg, stats: stats.days[0]!, csv: Object.fromEntries(csv.data.map((r) => [r.Student!, r])) };
  }

  beforeAll(async () => {
    // The lesson needs 35 minutes of one day: near midnight it is taught tomorrow morning instead.
    const real = new Date();
    if (real.getHours() === 23 && real.getMinutes() >= 20)
      ahead = new Date(real.getFullYear(), real.getMonth(), real.getDate() + 1, 8).getTime() - real.getTime();
    server = await serveApp({ now });
    admin = await setupAdmin(server.base, { email: 'office@school.example', name: 'Office', password: 'a long enough passphrase' });
    const engine = await createNodeFaceEngine();
    const felix = await enrolFromClip(engine, tmp, realClip('fellway_face.mp4'));
    const ashish = await enrolFromClip(engine, tmp, realClip('ashish_real4.mp4'));
    await engine.dispose();
    for (const s of STUDENTS) await api('POST', '/api/students', s);
    await grantConsent(api, FELIX.studentId, ASHISH.studentId);
    await api('POST', `/api/students/${FELIX.studentId}/embeddings`, { embeddings: felix });
    await api('POST', `/api/students/${ASHISH.studentId}/embeddings`, { embeddings: ashish });
    classId = (await api<{ id: string }>('POST', '/api/classes', { name: CLASS, studentIds: STUDENTS.map((s) => s.studentId) })).id;

    // Today's timetable, in this machine's zone (the browser's): the first period is on now.
    const d = new Date(now());
    start = new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()).getTime();
    for (const p of [FIRST, NEXT]) {
      const body = { label: p.label, weekday: d.getDay() || 7, startsAt: hhmm(at(p.from)), endsAt: hhmm(at(p.to)), lateAfterMinutes: p.lateAfter };
      await api('POST', `/api/classes/${classId}/periods`, body);
    }

    // The admin registers the laptop; the laptop itself trades the code for its device cookie.
    const { pairing } = await api<{ pairing: { code: string } }>('POST', '/api/devices', { name: LAPTOP, classIds: [classId] });
    // The camera: Felix live; nobody in view for longer than a face is followed through a gap;
    // then a phone filming a monitor that replays Ashish's clip. (Cut straight from Felix to the
    // replay, whose face lands inside his box, the camera sometimes marked Ashish present.)
    const empty = path.join(tmp, 'empty.mp4');
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `color=c=gray:s=640x360:r=15:d=${(DEFAULT_RECOGNITION.maxMissedMs + 1000) / 1000}`,
      '-pix_fmt',
      'yuv420p',
      empty,
    ]);
    const camera = clipCamera(path.join(tmp, 'lesson.y4m'), [realClip('fellway_face.mp4'), empty, realClip('ashish_fake4.mp4')]);
    browser = await launch(cameraArgs(camera));
    // No service worker: the page comes from the server, and only the API is taken away below.
    context = await browser.newContext({ permissions: ['camera'], serviceWorkers: 'block' });
    const paired = await context.request.post(`${server.base}/api/devices/pair`, { data: { code: pairing.code } });
    expect(paired.status()).toBe(200);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text().slice(0, 200)}`));
    // The print dialog belongs to the browser, not the page: count the requests instead.
    await page.addInitScript(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void (w.printed += 1);
    });
    // The page's own clock: the lesson's time, running on until the test moves it to a bell.
    await page.clock.install({ time: now() });
    await page.goto(server.base);
    await waitForTakeAttendance(page);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'starts the period by itself, marks by face, by hand and from review at the time the face was seen, ends at the bell, and keeps the final register that the CSV and the statistics agree with',
    { timeout: 420_000 },
    async () => {
      await page.getByText(`Device ${LAPTOP}`).waitFor();
      await periodLine(`${FIRST.label} · ${CLASS} · until ${hhmm(at(FIRST.to))}`);
      await page.getByText(/^Session running since/).waitFor({ timeout: 30_000 });
      await here('0 of 4 here');
      expect(await page.getByRole('button', { name: /^Start (the next )?session$/ }).count()).toBe(0);
      const { session } = await current();
      expect(session).toMatchObject({ periodId: expect.any(String), lateAfterMinutes: FIRST.lateAfter, startsAt: at(0).toISOString() });
      const sessionId = session!.id;

      const seenFrom = await pageNow();
      await page.getByRole('button', { name: 'Start camera' }).click();
      await page.getByRole('button', { name: 'Start recognition' }).click();
      await here('1 of 4 here');
      await expect.poll(() => row(FELIX.name).textContent(), { timeout: 30_000 }).toMatch(/Present\s*Camera/);
      // The replay is held back (nobody marked) but offered by name for a teacher to decide.
      const review = page.getByRole('region', { name: 'Needs review' });
      const held = review.getByRole('listitem').filter({ hasText: `Looks like ${ASHISH.name}` });
      await held.first().waitFor({ timeout: 180_000 });
      const seenBy = await pageNow();
      await page.getByRole('button', { name: 'Stop' }).click();
      expect(seenBy).toBeLessThan(at(FIRST.lateAfter).getTime());
      await page.getByRole('button', { name: `Mark ${ANN.name} late` }).click();
      await here('2 of 4 here');

      // On the server: the camera's mark and the hand mark, and nothing from the replay.
      const marked = async () =>
        Object.fromEntries((await registerOf(sessionId)).rows.map((r) => [r.name, `${r.status} ${r.method ?? ''}${r.reason ? ` (${r.reason})` : ''}`.trim()]));
      await expect
        .poll(marked, { timeout: 30_000 })
        .toEqual({ [FELIX.name]: 'present face', [ANN.name]: 'late manual', [BEN.name]: 'not-seen', [ASHISH.name]: 'not-seen' });
      // After a reload the laptop's list of today's marks loads (it is not refused), and the face waiting for review is still there.
      await page.reload();
      await here('2 of 4 here');
      const log = page.getByRole('log', { name: 'Attendance log' });
      await log.getByText(ANN.name).waitFor({ timeout: 30_000 });
      await log.getByText(FELIX.name).waitFor();
      await held.first().waitFor({ timeout: 30_000 });

      // The teacher gets to the review after the late-after minutes: Ashish is present, as when seen.
      await moveClocksTo(new Date(at(FIRST.lateAfter).getTime() + 30_000));
      await held
        .first()
        .getByRole('button', { name: `Confirm ${ASHISH.name}` })
        .click();
      await here('3 of 4 here');
      await expect
        .poll(async () => (await registerOf(sessionId)).rows.find((r) => r.studentId === ASHISH.studentId)?.status, { timeout: 30_000 })
        .toBe('present');
      const confirmed = (await registerOf(sessionId)).rows.find((r) => r.studentId === ASHISH.studentId)!;
      expect(Date.parse(confirmed.markedAt!)).toBeGreaterThanOrEqual(seenFrom);
      expect(Date.parse(confirmed.markedAt!)).toBeLessThanOrEqual(seenBy);
      // By hand, on the camera's suggestion (its match score kept), from this laptop.
      expect(confirmed).toMatchObject({ method: 'manual', markedBy: LAPTOP, similarity: expect.any(Number), reason: null });
      expect(await statuses()).toMatchObject({ [ASHISH.name]: 'Present' });

      // The bell: the laptop ends the session, absentees marked, and says when the next period starts.
      await moveClocksTo(new Date(at(FIRST.to).getTime() + 5_000));
      await page.getByText(/^Session ended at \d{1,2}:\d{2}.*: its final register is below\./).waitFor({ timeout: 60_000 });
      await periodLine(`${NEXT.label} · ${CLASS} · starts in ${NEXT.from - FIRST.to} min`);
      await register().getByText('Final register', { exact: true }).waitFor();
      await here('3 of 4 here');
      expect(await statuses()).toEqual({ [FELIX.name]: 'Present', [ANN.name]: 'Late', [BEN.name]: 'Absent', [ASHISH.name]: 'Present' });

      // On paper: the final register alone, no camera box, nothing to press.
      await register().getByRole('button', { name: 'Print the final register' }).click();
      expect(await printed()).toBe(1);
      await page.emulateMedia({ media: 'print' });
      expect(await register().getByRole('list').isVisible()).toBe(true);
      for (const s of STUDENTS) expect(await row(s.name).isVisible()).toBe(true);
      expect(await page.locator('.camera-view').isVisible()).toBe(false);
      expect(await page.getByRole('region', { name: 'Needs review' }).isVisible()).toBe(false);
      expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.emulateMedia({ media: 'screen' });

      const { reg, csv, stats } = await agreesWithScreen(sessionId);
      expect(reg.rows.find((r) => r.name === ANN.name)!.markedBy).toBe(LAPTOP);
      expect(Object.fromEntries(Object.entries(csv).map(([name, r]) => [name, r['How marked']]))).toEqual({
        [FELIX.name]: 'Camera (strong match)',
        [ANN.name]: 'By hand',
        [BEN.name]: 'Session ended',
        [ASHISH.name]: 'By hand (camera suggestion confirmed)',
      });
      expect(stats).toMatchObject({ sessions: 1, expected: 4, present: 2, late: 1, excused: 0, absent: 1 });
      expect(errors).toEqual([]);
    },
  );

  it(
    'runs the next period through a reload without the API, sends its marks when the API is back, and its final register, CSV and statistics agree',
    { timeout: 240_000 },
    async () => {
      await moveClocksTo(new Date(at(NEXT.from).getTime() + 5_000));
      await periodLine(`${NEXT.label} · ${CLASS} · until ${hhmm(at(NEXT.to))}`);
      await register().getByText('Final register', { exact: true }).waitFor({ state: 'detached', timeout: 30_000 });
      await here('0 of 4 here');
      const { session } = await current();
      expect(session).toMatchObject({ periodId: expect.any(String), lateAfterMinutes: NEXT.lateAfter, startsAt: at(NEXT.from).toISOString() });
      const sessionId = session!.id;
      await expect.poll(() => kept(classId), { timeout: 30_000 }).toEqual({ session: sessionId, here: 0 });
      // From the hand mark on, the register is not fetched again: the copy kept is the one asked for
      // before the mark, whatever the timing, and the network goes the moment the sender has the
      // server's confirmation. The confirmed mark is laid over that register, on screen and after a
      // reload without network.
      await context.route(`**/api/sessions/${sessionId}/register`, (route) => route.abort('internetdisconnected'));
      await page.getByRole('button', { name: `Mark ${FELIX.name} present` }).click();
      // The server has the mark and the laptop its answer: the sender took it out of the outbox.
      await expect.poll(async () => [(await registerOf(sessionId)).counts.here, await inOutbox()], { timeout: 30_000 }).toEqual([1, 0]);
      await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
      await context.unroute(`**/api/sessions/${sessionId}/register`);
      expect(await kept(classId)).toEqual({ session: sessionId, here: 0 });
      await here('1 of 4 here');
      await page.reload();
      await page.getByText('showing the copy kept on this laptop').waitFor({ timeout: 60_000 });
      await page.getByText('offline session').waitFor();
      await here('1 of 4 here');
      await page.getByRole('button', { name: `Mark ${BEN.name} present` }).click();
      await here('2 of 4 here');
      await expect.poll(() => row(BEN.name).textContent()).toMatch(/waiting to send/);

      await context.unroute('**/api/**');
      await expect.poll(async () => (await registerOf(sessionId)).rows.find((r) => r.name === BEN.name)?.status, { timeout: 90_000 }).toBe('present');
      await page.getByText('showing the copy kept on this laptop').waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByText('offline session').waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByText(/^Session running since/).waitFor({ timeout: 30_000 });
      await here('2 of 4 here');

      // The bell, after the reload: the laptop still ends its period's session.
      await moveClocksTo(new Date(at(NEXT.to).getTime() + 5_000));
      await page.getByText(/^Session ended at \d{1,2}:\d{2}.*: its final register is below\./).waitFor({ timeout: 60_000 });
      await register().getByText('Final register', { exact: true }).waitFor();
      await here('2 of 4 here');
      expect(await statuses()).toEqual({ [FELIX.name]: 'Present', [ANN.name]: 'Absent', [BEN.name]: 'Present', [ASHISH.name]: 'Absent' });
      const { csv, stats } = await agreesWithScreen(sessionId);
      expect(csv[BEN.name]).toMatchObject({ Status: 'Present', 'How marked': 'By hand', 'Marked by': LAPTOP });
      expect(stats).toMatchObject({ sessions: 2, expected: 8, present: 4, late: 1, excused: 0, absent: 3 });
      expect(errors).toEqual([]);
    },
  );

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
    await page.getByText(`Device ${LAPTOP}`).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Unpair this laptop' }).waitFor();
    const me = (await (await context.request.get(`${server.base}/api/auth/me`)).json()) as { actor: { kind: string } };
    expect(me.actor.kind).toBe('device');
    expect(errors).toEqual([]);
  });
});
