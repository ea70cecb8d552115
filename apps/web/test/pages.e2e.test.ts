// Every page in Chromium against axe-core (no violation of serious or critical impact), the
// phone width (390 px) without sideways scrolling, page titles, and a roster saved by Excel in
// Windows-1252 imported with its accents intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { createFirstAdmin, HAVE_CHROMIUM, launch, openPage, serveApp, type WebServer, docsScreenshot } from './harness.ts';

const ADMIN = { email: 'head@school.example', password: 'a long enough passphrase' };
const PAGES = [
  ['#/', 'Take attendance – Rollcall'],
  ['#/students', 'Students – Rollcall'],
  ['#/students/new', 'Add student – Rollcall'],
  ['#/import-roster', 'Import a roster CSV – Rollcall'],
  ['#/classes', 'Classes – Rollcall'],
  ['#/records', 'Records – Rollcall'],
  ['#/absences', 'Absences to explain – Rollcall'],
  ['#/teachers', 'Teachers – Rollcall'],
  ['#/laptops', 'Classroom laptops – Rollcall'],
  ['#/settings', 'Settings – Rollcall'],
  ['#/camera', 'Camera check – Rollcall'],
] as const;

describe.skipIf(!HAVE_CHROMIUM)('pages in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    ({ page, errors } = await openPage(browser));
    await createFirstAdmin(page, server.base, ADMIN);
    // Pages with data: tables, badges and a register, which is where narrow screens and contrast go wrong.
    const api = async (method: string, p: string, data?: unknown) => {
      const res = await page.context().request.fetch(`${server.base}${p}`, { method, ...(data !== undefined && { data }) });
      if (!res.ok()) throw new Error(`${method} ${p}: ${res.status()} ${await res.text()}`);
      return res.json() as Promise<{ id: string }>;
    };
    for (const [id, name] of [
      ['P1', 'Priya Raman-Whitfield'],
      ['P2', 'Oluwaseun Adeyemi-Johnson'],
      ['P3', 'Zoë Ørsted'],
    ] as const)
      await api('POST', '/api/students', { studentId: id, name, email: `${id.toLowerCase()}@school.example` });
    const cls = await api('POST', '/api/classes', { name: 'Year 9 Chemistry, set 2', studentIds: ['P1', 'P2', 'P3'] });
    const session = await api('POST', `/api/classes/${cls.id}/sessions`, { lateAfterMinutes: 10 });
    await api('POST', '/api/attendance', {
      marks: [
        {
          id: crypto.randomUUID(),
          studentId: 'P1',
          sessionId: session.id,
          deviceId: 'laptop',
          markedAt: new Date().toISOString(),
          method: 'face',
          similarity: 0.91,
        },
      ],
    });
    await api('POST', `/api/sessions/${session.id}/end`, {});
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a Windows-1252 roster with its accents and says which encoding it read', async () => {
    await page.goto(`${server.base}/#/import-roster`);
    const csv = Buffer.from('Student ID,Name,Class\r\nW001,José Muñoz,7B\r\nW002,Zoë Ørsted,7B\r\n', 'latin1');
    await page.locator('input[type=file]').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByText('Read as Windows-1252 (detected).').waitFor();
    await page.getByRole('table', { name: 'Rows to import' }).getByText('José Muñoz').waitFor();
    await page.getByText('2 rows ready to import, 0 with errors').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('Student ID,Name\r\n') });
    await page.getByText('No rows: the file has a header but no students.').waitFor();
  }, 120_000);

  it('has no serious or critical axe violation and a title on every page', async () => {
    const found: Record<string, string[]> = {};
    for (const [hash, title] of PAGES) {
      await page.goto(`${server.base}/${hash}`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await expect.poll(() => page.title()).toBe(title);
      found[hash] = await seriousViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(PAGES.map(([hash]) => [hash, []])));
    expect(errors).toEqual([]);
  }, 300_000);

  it('fits a 390 px screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: Record<string, number> = {};
    for (const [hash] of PAGES) {
      await page.goto(`${server.base}/${hash}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      wide[hash] = await page.evaluate(() => document.documentElement.scrollWidth);
      // Name what sticks out, so a failure says where to look.
      if (wide[hash] !== 390)
        console.warn(
          hash,
          await page.evaluate(() => {
            const clipped = (e: Element) => {
              for (let n = e.parentElement; n; n = n.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(n).overflowX)) return true;
              return false;
            };
            return [...document.querySelectorAll('body *')]
              .filter(
                (e) =>
                  (e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e)) ||
                  (getComputedStyle(e).position === 'absolute' && e.getBoundingClientRect().right > window.innerWidth + 1),
              )
              .slice(0, 4)
              .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
          }),
        );
    }
    await page.goto(`${server.base}/#/`);
    await docsScreenshot(page, 'phone-take-attendance.png');
    expect(wide).toEqual(Object.fromEntries(PAGES.map(([hash]) => [hash, 390])));
  }, 300_000);
});
