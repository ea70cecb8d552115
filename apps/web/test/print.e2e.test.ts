// Printing in Chromium with print media emulated: the records page prints its registers without
// navigation or buttons; "Print this register" and "Print week" put only that register or that
// week on paper; Take attendance prints without the camera box. The browser's own print dialog is
// outside the page, so window.print only records that it was asked for.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createFirstAdmin, HAVE_CHROMIUM, launch, openPage, serveApp, type WebServer } from './harness.ts';

const ADMIN = { email: 'print@school.example', password: 'a long enough passphrase' };
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe.skipIf(!HAVE_CHROMIUM)('printing registers in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];

  async function api<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
    const res = await context.request.fetch(`${server.base}${path}`, { method, ...(data !== undefined && { data }) });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const printed = () => page.evaluate(() => (window as unknown as { printed: number }).printed);
  const visible = (selector: string) => page.locator(selector).first().isVisible();

  beforeAll(
    async () => {
      server = await serveApp();
      browser = await launch();
      ({ context, page, errors } = await openPage(browser));
      await createFirstAdmin(page, server.base, ADMIN);
      const names = { P1: 'Ann Lee', P2: 'Ben Ortiz', P3: 'Cleo Park' };
      for (const [studentId, name] of Object.entries(names)) await api('POST', '/api/students', { studentId, name });
      const cls = await api<{ id: string }>('POST', '/api/classes', { name: 'Form 7B', studentIds: Object.keys(names) });
      // Both sessions must be today's (the records page shows this week, and a Monday's "three hours
      // ago" is last week's Sunday): soon after midnight the three hours shrink to the minutes since it.
      const sinceMidnight = () => {
        const d = new Date();
        return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
      };
      while (sinceMidnight() < 4) await new Promise((r) => setTimeout(r, 5_000));
      const k = Math.min(1, (sinceMidnight() - 1) / 180);
      const morning = await api<{ id: string }>('POST', `/api/classes/${cls.id}/sessions`, {
        startsAt: ago(180 * k),
        endsAt: ago(120 * k),
        lateAfterMinutes: 10,
      });
      const mark = (studentId: string, sessionId: string, minutesAgo: number) => ({
        id: randomUUID(),
        studentId,
        sessionId,
        deviceId: 'laptop-1',
        markedAt: ago(minutesAgo * k),
        similarity: 0.95,
        method: 'face',
      });
      await api('POST', '/api/attendance', { marks: [mark('P1', morning.id, 178)] });
      const now = await api<{ id: string }>('POST', `/api/classes/${cls.id}/sessions`, { startsAt: ago(20 * k), lateAfterMinutes: 10 });
      await api('POST', '/api/attendance', { marks: [mark('P2', now.id, 19)] });
      // The print dialog belongs to the browser, not the page: count the requests instead.
      await page.addInitScript(() => {
        const w = window as unknown as { printed: number };
        w.printed = 0;
        window.print = () => void (w.printed += 1);
      });
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    },
    180_000 + 4 * 60_000,
  );

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints the records page without navigation or buttons, the registers visible', async () => {
    await page.getByRole('link', { name: 'Records' }).click();
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Form 7B' });
    const week = page.getByRole('table', { name: /^Form 7B: week of/ });
    await week.getByRole('row', { name: /Ann Lee/ }).waitFor();
    expect(
      await week
        .getByRole('row', { name: /Ann Lee/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['P', '–']);
    expect(
      await week
        .getByRole('row', { name: /Ben Ortiz/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['A', 'P']);
    expect(await page.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(true);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await visible('header.top')).toBe(false);
    expect(await page.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print week' }).isVisible()).toBe(false);
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
    expect(await week.getByRole('row', { name: /Cleo Park/ }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('"Print this register" puts only that register on paper, until printing is over', async () => {
    const card = page.locator('details.register-card').filter({ hasText: 'running' });
    await card.locator('summary').click();
    const sheet = page.getByRole('table', { name: /^Register of Form 7B/ }).filter({ visible: true });
    await sheet.getByRole('row', { name: /Ben Ortiz/ }).waitFor();
    await card.getByRole('button', { name: /^Print the register of Form 7B/ }).click();
    expect(await printed()).toBe(1);

    await page.emulateMedia({ media: 'print' });
    for (const name of ['Ann Lee', 'Ben Ortiz', 'Cleo Park']) expect(await sheet.getByRole('row', { name: new RegExp(name) }).isVisible()).toBe(true);
    expect(
      await sheet
        .getByRole('row', { name: /Ben Ortiz/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('Present');
    expect(await page.getByRole('table', { name: /^Form 7B: week of/ }).isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: 'Marks' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Daily attendance' }).isVisible()).toBe(false);
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);

    // Once the dialog closes, the whole page prints again.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.getByRole('heading', { name: 'Daily attendance' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('"Print week" puts only the week grid and its legend on paper', async () => {
    await page.getByRole('button', { name: 'Print week' }).click();
    expect(await printed()).toBe(2);
    await page.emulateMedia({ media: 'print' });
    const week = page.getByRole('table', { name: /^Form 7B: week of/ });
    expect(await week.getByRole('row', { name: /Cleo Park/ }).isVisible()).toBe(true);
    expect(await page.getByText('P Present · L Late · E Excused · A Absent').isVisible()).toBe(true);
    expect(
      await page
        .getByRole('table', { name: /^Register of Form 7B/ })
        .first()
        .isVisible(),
    ).toBe(false);
    expect(await page.getByRole('table', { name: 'Marks' }).isVisible()).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints Take attendance without the camera box or any button', async () => {
    await page.getByRole('link', { name: 'Take attendance' }).click();
    await page.getByRole('heading', { name: 'Take attendance' }).waitFor();
    expect(await visible('.camera-view')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await visible('.camera-view')).toBe(false);
    expect(await visible('.status-bar')).toBe(false);
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Take attendance' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});
