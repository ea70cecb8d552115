// Guardians and absence notices in Chromium: an admin adds a student's guardians on their page (an
// address that would add a mail header is refused in words naming the field, and nothing is lost),
// and sets when notices go and their German wording on the Absence notices page; both pass axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { apiAs, HAVE_CHROMIUM, launch, openPage, serveApp, setupAdmin, type WebServer } from './harness.ts';

const ADMIN = { email: 'office@school.example', name: 'Office', password: 'a long enough passphrase' };

describe.skipIf(!HAVE_CHROMIUM)('guardians and absence notices for the admin', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    server = await serveApp();
    const cookie = await setupAdmin(server.base, ADMIN);
    api = apiAs(
      () => server.base,
      () => cookie,
    );
    await api('POST', '/api/students', { studentId: 'S1', name: 'Ann Lee' });
    browser = await launch();
    ({ page, errors } = await openPage(browser));
    await page.context().addCookies([{ ...cookie, url: server.base }]);
    await page.goto(`${server.base}/#/students/S1`);
    await page.getByRole('heading', { name: 'Guardians' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds two guardians on the student page, refusing an address with a second recipient in plain words', async () => {
    const form = page.getByRole('form', { name: 'Guardians of Ann Lee' });
    await form.getByText('No guardian is recorded for Ann Lee').waitFor();
    await form.getByRole('button', { name: 'Add a guardian' }).click();
    const first = form.getByRole('group', { name: 'Guardian 1' });
    await first.getByLabel('Name').fill('Mary Lee');
    await first.getByLabel('Relation').fill('mother');
    await first.getByLabel('Email').fill('mary@home.example, all@evil.example');
    await form.getByRole('button', { name: 'Add a guardian' }).click();
    const second = form.getByRole('group', { name: 'Guardian 2' });
    await second.getByLabel('Name').fill('Jürgen Lee');
    await second.getByLabel('Phone').fill('+49 30 1234567');
    await second.getByLabel('Language').fill('de');
    await second.getByLabel('The school may contact them').uncheck();
    await form.getByRole('button', { name: 'Save guardians' }).click();
    await form.getByRole('alert').filter({ hasText: 'guardians.0.email' }).waitFor();
    expect((await api<{ items: unknown[] }>('GET', '/api/students/S1/guardians')).items).toEqual([]);

    await first.getByLabel('Email').fill('mary@home.example');
    await form.getByRole('button', { name: 'Save guardians' }).click();
    await form.getByText('Guardians saved.').waitFor();
    const saved = await api<{ items: { name: string; email: string | null; phone: string | null; language: string | null; mayContact: boolean }[] }>(
      'GET',
      '/api/students/S1/guardians',
    );
    expect(saved.items.map((g) => [g.name, g.email, g.phone, g.language, g.mayContact])).toEqual([
      ['Mary Lee', 'mary@home.example', null, null, true],
      ['Jürgen Lee', null, '+49 30 1234567', 'de', false],
    ]);
    await page.getByText('No absence notice has been sent to these guardians.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sets when notices go and the German wording on the Absence notices page', async () => {
    await page.getByRole('link', { name: 'Absence notices' }).click();
    await page.getByRole('heading', { name: 'Absence notices' }).waitFor();
    await page.getByText(/No notice is sent: the server has no mail server/).waitFor();
    const policy = page.getByRole('form', { name: 'When notices go' });
    await policy.getByLabel('Only once a student has this many unexplained absences in the term').check();
    await policy.getByLabel('Unexplained absences in a term').fill('4');
    await policy.getByLabel('Minutes to wait for a reason').fill('15');
    await policy.getByRole('button', { name: 'Save' }).click();
    await policy.getByText('Saved.').waitFor();

    const de = page.getByRole('form', { name: 'Notice wording in de' });
    await de.getByLabel('Subject').fill('Fehlzeit: {student} am {date}');
    await de.getByRole('button', { name: 'Save wording in de' }).click();
    await de.getByText('Saved.').waitFor();
    const s = await api<{ trigger: string; threshold: number; delayMinutes: number; templates: { language: string; subject: string; custom: boolean }[] }>(
      'GET',
      '/api/notices/settings',
    );
    expect([s.trigger, s.threshold, s.delayMinutes]).toEqual(['term-threshold', 4, 15]);
    expect(s.templates.find((t) => t.language === 'de')).toMatchObject({ subject: 'Fehlzeit: {student} am {date}', custom: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
