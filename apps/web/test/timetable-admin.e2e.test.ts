// The admin's timetable in Chromium: a class's weekly periods added on its card (a period that
// ends before it starts, and one that overlaps another, are refused in plain words), a cover
// teacher assigned for a day, the school's term dates; the page passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { apiAs, HAVE_CHROMIUM, launch, openPage, serveApp, setupAdmin, type WebServer } from './harness.ts';

const ADMIN = { email: 'office@school.example', name: 'Office', password: 'a long enough passphrase' };

describe.skipIf(!HAVE_CHROMIUM)('timetable for the admin', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let classId = '';
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    server = await serveApp();
    const cookie = await setupAdmin(server.base, ADMIN);
    api = apiAs(
      () => server.base,
      () => cookie,
    );
    classId = (await api<{ id: string }>('POST', '/api/classes', { name: 'Year 8 Maths' })).id;
    await api('POST', '/api/users', { email: 'cover@school.example', name: 'Carl Cover', role: 'teacher', password: 'cover passphrase 42' });
    browser = await launch();
    ({ page, errors } = await openPage(browser));
    await page.context().addCookies([{ ...cookie, url: server.base }]);
    await page.goto(`${server.base}/#/classes`);
    await page.getByRole('heading', { name: 'Classes' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds weekly periods on the class card and names a period that ends too early or overlaps another', async () => {
    const card = page.getByRole('article', { name: 'Year 8 Maths' });
    await card.getByText(/Timetable · 0 periods a week/).click();
    const form = card.getByRole('form', { name: 'New period for Year 8 Maths' });
    await form.getByLabel('Name').fill('Period 2');
    await form.getByLabel('Day').selectOption('Tuesday');
    await form.getByLabel('Starts').fill('10:40');
    await form.getByLabel('Ends').fill('09:50');
    await form.getByRole('button', { name: 'Add period' }).click();
    await card.getByRole('alert').filter({ hasText: 'A period must end after it starts' }).waitFor();

    await form.getByLabel('Starts').fill('09:50');
    await form.getByLabel('Ends').fill('10:40');
    await form.getByLabel('Late after (minutes)').fill('5');
    await form.getByRole('button', { name: 'Add period' }).click();
    await card.getByText('Tuesday 09:50–10:40 · Period 2 · late after 5 min').waitFor();

    await form.getByLabel('Name').fill('Period 3');
    await form.getByLabel('Starts').fill('10:30');
    await form.getByLabel('Ends').fill('11:20');
    await form.getByRole('button', { name: 'Add period' }).click();
    await card.getByRole('alert').filter({ hasText: 'This class already has Period 2 from 09:50 to 10:40 on that day.' }).waitFor();
    const { periods } = await api<{ periods: { label: string; weekday: number; lateAfterMinutes: number }[] }>('GET', '/api/timetable');
    expect(periods).toEqual([expect.objectContaining({ label: 'Period 2', weekday: 2, lateAfterMinutes: 5 })]);
    await card.getByText('Timetable · 1 period a week').waitFor();
  }, 60_000);

  it('assigns a cover teacher for a day and sets the term dates', async () => {
    const card = page.getByRole('article', { name: 'Year 8 Maths' });
    const cover = card.getByRole('form', { name: 'New cover for Year 8 Maths' });
    await cover.getByLabel('Teacher').selectOption({ label: 'Carl Cover' });
    await cover.getByLabel('Day').fill('2031-01-06');
    await cover.getByRole('button', { name: 'Assign cover' }).click();
    await card.getByText(/^Carl Cover takes Year 8 Maths on Monday/).waitFor();

    const terms = page.getByRole('region', { name: 'Term dates' });
    await terms.getByText(/No terms set/).waitFor();
    await terms.getByLabel('Term', { exact: true }).fill('Spring term');
    await terms.getByLabel('First day').fill('2031-04-10');
    await terms.getByLabel('Last day').fill('2031-01-06');
    await terms.getByRole('button', { name: 'Add term' }).click();
    await terms.getByRole('alert').filter({ hasText: 'last day cannot come before its first day' }).waitFor();
    await terms.getByLabel('First day').fill('2031-01-06');
    await terms.getByLabel('Last day').fill('2031-04-10');
    await terms.getByRole('button', { name: 'Add term' }).click();
    await terms.getByText(/^Spring term: .*2031 to .*2031/).waitFor();

    const saved = await api<{ terms: unknown[]; covers: unknown[] }>('GET', '/api/timetable');
    expect(saved.terms).toEqual([expect.objectContaining({ name: 'Spring term', firstDay: '2031-01-06', lastDay: '2031-04-10' })]);
    expect(saved.covers).toEqual([expect.objectContaining({ classId, teacherName: 'Carl Cover', day: '2031-01-06' })]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
