// The admin pages in Chromium: the first-run and sign-in screens and the new pages pass axe-core
// (nothing serious or critical); an admin creates a teacher through the Teachers form and
// registers a laptop, whose pairing code, typed on a second browser, opens the app as that laptop
// with only its pages in the nav; a teacher is offered no admin page and cannot open Add student.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { HAVE_CHROMIUM, launch, openPage, serveApp, type WebServer, docsScreenshot } from './harness.ts';

const ADMIN = { email: 'office@school.example', password: 'a long enough passphrase' };
const TEACHER = { name: 'Ann Lee', email: 'ann.lee@school.example', password: 'teacher passphrase 42' };
const navLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

describe.skipIf(!HAVE_CHROMIUM)('admin pages in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let code = '';

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    ({ page, errors } = await openPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('first run: the welcome screen passes axe, and the first admin sees the first steps', async () => {
    await page.goto(server.base);
    await page.getByRole('heading', { name: 'Welcome to Rollcall' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin' }).click();
    const steps = page.getByRole('complementary', { name: 'First steps' });
    await steps.waitFor();
    for (const step of ['Add students', 'Add a class', 'Start a session']) await steps.getByText(step).waitFor();
    expect(await navLinks(page)).toEqual([
      'Take attendance',
      'Students',
      'Classes',
      'Records',
      'Absences',
      'Teachers',
      'Classroom laptops',
      'Absence notices',
      'Privacy',
      'Settings',
      'Camera check',
    ]);
  }, 120_000);

  it('ticks each first step off as it is done, the session too', async () => {
    const steps = page.getByRole('complementary', { name: 'First steps' });
    const done = () => steps.locator('li.done strong').allTextContents();
    expect(await done()).toEqual([]);
    const post = (p: string, data: unknown) => page.context().request.post(`${server.base}${p}`, { data });
    expect((await post('/api/students', { studentId: 'F1', name: 'Fay First' })).ok()).toBe(true);
    const cls = (await (await post('/api/classes', { name: 'Form 1F', studentIds: ['F1'] })).json()) as { id: string };
    await expect.poll(done, { timeout: 60_000 }).toEqual(['✓ Add students', '✓ Add a class']);
    expect((await post(`/api/classes/${cls.id}/sessions`, {})).ok()).toBe(true);
    // Started elsewhere (here, through the API): the step ticks when the panel next asks the server.
    await page.reload();
    await expect.poll(done, { timeout: 60_000 }).toEqual(['✓ Add students', '✓ Add a class', '✓ Start a session']);
  }, 120_000);

  it('creates a teacher with a class through the Teachers page, which passes axe', async () => {
    const cls = await page.context().request.post(`${server.base}/api/classes`, { data: { name: 'Year 7 History' } });
    expect(cls.ok()).toBe(true);
    await page.getByRole('link', { name: 'Teachers' }).click();
    const form = page.getByRole('form', { name: 'New account' });
    // Once, in a clean-clone CI run with other load on the machine, the form had not opened 30 s
    // after the click while the next test's clicks answered within a second; the cause was not
    // found. The button is disabled while the form is open, so a second click only comes when the
    // first one did not open it.
    await vi.waitFor(
      async () => {
        const add = page.getByRole('button', { name: 'Add teacher' });
        if (await add.isEnabled()) await add.click();
        await form.getByLabel('Name').waitFor({ timeout: 10_000 });
      },
      { timeout: 60_000, interval: 500 },
    );
    await form.getByLabel('Name').fill(TEACHER.name);
    await form.getByLabel('Email').fill(TEACHER.email);
    await form.getByLabel('First password').fill(TEACHER.password);
    // The class list comes from the device's synced roster.
    await form.getByLabel('Year 7 History').check({ timeout: 60_000 });
    await form.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${TEACHER.name} can now sign in` })
      .waitFor();
    const row = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: TEACHER.email });
    await row.getByText('Classes: Year 7 History').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('button', { name: `Reset password of ${TEACHER.name}` }).click();
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('registers a laptop, shows its pairing code once with a QR code, and passes axe', async () => {
    await page.getByRole('link', { name: 'Classroom laptops' }).click();
    await page.getByRole('button', { name: 'Register a laptop' }).click();
    const form = page.getByRole('form', { name: 'Register a laptop' });
    await form.getByLabel('Laptop name').fill('Room 7 laptop');
    await form.getByLabel('Year 7 History').check();
    await form.getByRole('button', { name: 'Register laptop' }).click();
    const card = page.getByRole('region', { name: 'Pair “Room 7 laptop”' });
    await card.waitFor();
    code = (await card.locator('.pairing-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await card.getByRole('img', { name: /QR code that opens .*#\/pair\// }).waitFor();
    await page.getByRole('table', { name: 'Laptops' }).getByRole('cell', { name: 'Room 7 laptop', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await docsScreenshot(page, 'classroom-laptops.png');
  }, 120_000);

  it('pairs a second browser with the code: the sign-in screens pass axe and the laptop sees only its pages', async () => {
    const laptop = await openPage(browser);
    await laptop.page.goto(server.base);
    await laptop.page.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor();
    expect(await seriousViolations(laptop.page)).toEqual([]);
    await laptop.page.getByRole('link', { name: 'Set up this classroom laptop' }).click();
    await laptop.page.getByRole('heading', { name: 'Set up this classroom laptop' }).waitFor();
    expect(await seriousViolations(laptop.page)).toEqual([]);
    await laptop.page.getByLabel('Pairing code').fill(code.toLowerCase());
    await laptop.page.getByRole('button', { name: 'Pair laptop' }).click();
    await laptop.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await laptop.page.getByText('Device Room 7 laptop').waitFor();
    expect(await navLinks(laptop.page)).toEqual(['Take attendance', 'Settings', 'Camera check']);
    await laptop.page.goto(`${server.base}/#/records`);
    await laptop.page.getByRole('alert').filter({ hasText: 'A classroom laptop cannot open this page' }).waitFor();
    // The code was used: a second laptop cannot reuse it.
    const again = await openPage(browser);
    await again.page.goto(`${server.base}/#/pair/${code}`);
    await again.page.getByRole('button', { name: 'Pair laptop' }).click();
    await again.page.getByRole('alert').filter({ hasText: 'unknown, used or expired' }).waitFor();
    await again.context.close();
    // Revoked by the admin, the laptop is signed out at its next request.
    await page.getByRole('button', { name: 'Revoke Room 7 laptop' }).click();
    await page.getByRole('button', { name: 'Revoke now' }).click();
    await page.getByRole('table', { name: 'Laptops' }).getByText('Revoked').waitFor();
    await laptop.page.reload();
    await laptop.page.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor({ timeout: 60_000 });
    expect(laptop.errors).toEqual([]);
    await laptop.context.close();
  }, 180_000);

  it('offers a teacher no admin page and closes Add student before any work', async () => {
    const t = await openPage(browser);
    await t.page.goto(server.base);
    await t.page.getByLabel('Email').fill(TEACHER.email);
    await t.page.getByLabel('Password').fill(TEACHER.password);
    await t.page.getByRole('button', { name: 'Sign in' }).click();
    await t.page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await navLinks(t.page)).toEqual(['Take attendance', 'Students', 'Classes', 'Records', 'Absences', 'Classroom laptops', 'Settings', 'Camera check']);
    await t.page.goto(`${server.base}/#/students/new`);
    await t.page.getByRole('alert').filter({ hasText: 'Only an admin can use this page' }).waitFor();
    expect(await t.page.getByLabel('Student ID').count()).toBe(0);
    expect(await t.page.locator('input[type=file]').count()).toBe(0);
    expect(t.errors).toEqual([]);
    await t.context.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
