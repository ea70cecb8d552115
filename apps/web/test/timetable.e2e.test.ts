// A lesson on the paired laptop alone: a period of the laptop's class is on when the page opens,
// and the laptop starts the period's session by itself (late-after from the period), says until
// when it runs, and when the period is over (the page's clock moved past the bell) ends it, every
// student not seen marked absent, and says when the next period starts. No teacher signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, HAVE_CHROMIUM, launch, openPage, serveApp, setupAdmin, waitForTakeAttendance, type WebServer } from './harness.ts';

const ADMIN = { email: 'office@school.example', name: 'Office', password: 'a long enough passphrase' };
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

describe.skipIf(!HAVE_CHROMIUM)('timetable on a paired laptop', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let admin: ReturnType<typeof apiAs>;
  let classId = '';
  let periodEnd = new Date();
  let nextStart = new Date();

  beforeAll(
    async () => {
      server = await serveApp();
      const session = await setupAdmin(server.base, ADMIN);
      admin = apiAs(
        () => server.base,
        () => session,
      );
      await admin('POST', '/api/students', { studentId: 'M1', name: 'Mia Moss' });
      await admin('POST', '/api/students', { studentId: 'M2', name: 'Noah Nash' });
      classId = (await admin<{ id: string }>('POST', '/api/classes', { name: 'Year 8 Maths', studentIds: ['M1', 'M2'] })).id;

      // Periods of today, in this machine's zone (the browser's): one on now, the next a little after.
      let now = new Date();
      // A period must end on the day it starts: just before midnight, wait for the new day (up to
      // six minutes, which the hook's timeout covers).
      while (now.getHours() === 23 && now.getMinutes() >= 54) {
        await new Promise((r) => setTimeout(r, 10_000));
        now = new Date();
      }
      const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes());
      periodEnd = new Date(start.getTime() + 2 * 60_000);
      nextStart = new Date(start.getTime() + 4 * 60_000);
      const weekday = now.getDay() || 7;
      const period = (label: string, from: Date, to: Date) =>
        admin('POST', `/api/classes/${classId}/periods`, { label, weekday, startsAt: hhmm(from), endsAt: hhmm(to), lateAfterMinutes: 7 });
      await period('Period 2', start, periodEnd);
      await period('Period 3', nextStart, new Date(nextStart.getTime() + 60_000));

      // The laptop: registered for the class and paired with its code; nobody signs in on it.
      const created = await admin<{ pairing: { code: string } }>('POST', '/api/devices', { name: 'Room 8', classIds: [classId] });
      const paired = await fetch(`${server.base}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: created.pairing.code }),
      });
      const [name, value] = paired.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];

      browser = await launch();
      ({ page, errors } = await openPage(browser));
      await page.context().addCookies([{ name, value, url: server.base }]);
      // The page's own clock, real time until the test moves it past the bell.
      await page.clock.install();
      await page.goto(server.base);
      await waitForTakeAttendance(page);
    },
    240_000 + 7 * 60_000,
  );

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const current = () =>
    admin<{ session: { id: string; active: boolean; periodId: string | null; lateAfterMinutes: number } | null }>(
      'GET',
      `/api/classes/${classId}/sessions/current`,
    );

  it("starts the period's session by itself and says until when it runs", async () => {
    const line = page.getByRole('status', { name: 'Timetable' });
    await line.filter({ hasText: `Period 2 · Year 8 Maths · until ${hhmm(periodEnd)}` }).waitFor({ timeout: 30_000 });
    await page.getByText(/Session running since/).waitFor({ timeout: 30_000 });
    const { session } = await current();
    expect(session).toMatchObject({ active: true, lateAfterMinutes: 7 });
    expect(session!.periodId).not.toBeNull();
    // The class is chosen on the page: its register is open.
    expect(await page.getByLabel('Class').inputValue()).toBe(classId);
  }, 90_000);

  it('ends the session when the period is over, marks who was not seen absent, and names the next period', async () => {
    const { session } = await current();
    // Past the bell on the laptop's clock (the server's clock has not got there yet: it ends the session now).
    await page.clock.fastForward(periodEnd.getTime() + 5_000 - Date.now());
    const line = page.getByRole('status', { name: 'Timetable' });
    await line.filter({ hasText: /^Period 3 · Year 8 Maths · starts in [12] min$/ }).waitFor({ timeout: 30_000 });
    const absent = async () => (await admin<{ counts: { absent: number } }>('GET', `/api/sessions/${session!.id}/register`)).counts.absent;
    await expect.poll(absent, { timeout: 30_000 }).toBe(2);
    expect((await current()).session).toBeNull();
    expect(errors).toEqual([]);
  }, 90_000);
});
