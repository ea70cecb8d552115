// The office's absences page in Chromium: today's ended session lists its absent students in plain
// words with whom to call, a reason is recorded by keyboard alone (type it, press Enter), focus moves on to the next
// absence, the list empties as the day is explained, each mark is excused with a change naming who
// made it, an admin switches the school to England's DfE codes, and the page passes axe.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { apiAs, HAVE_CHROMIUM, launch, openPage, serveApp, setupAdmin, type WebServer } from './harness.ts';

const ADMIN = { email: 'office@school.example', name: 'Olive Office', password: 'a long enough passphrase' };

describe.skipIf(!HAVE_CHROMIUM)('absences page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let api: ReturnType<typeof apiAs>;
  let sessionId = '';

  beforeAll(async () => {
    server = await serveApp();
    const cookie = await setupAdmin(server.base, ADMIN);
    api = apiAs(
      () => server.base,
      () => cookie,
    );
    for (const [studentId, name] of [
      ['A1', 'Ada Lovelace'],
      ['A2', 'Ben Okri'],
      ['A3', 'Cleo Diaz'],
    ])
      await api('POST', '/api/students', { studentId, name });
    const classId = (await api<{ id: string }>('POST', '/api/classes', { name: 'Year 8 Maths', studentIds: ['A1', 'A2', 'A3'] })).id;
    // A lesson earlier today (never before midnight, so it is today's), ended: Cleo was seen, Ada and Ben were not.
    const now = Date.now();
    const midnight = new Date(now).setHours(0, 0, 1, 0);
    const startsAt = Math.max(now - 30 * 60_000, midnight);
    const endsAt = startsAt + Math.floor((now - startsAt) / 2);
    sessionId = (await api<{ id: string }>('POST', `/api/classes/${classId}/sessions`, { startsAt: new Date(startsAt).toISOString() })).id;
    await api('POST', '/api/attendance', {
      marks: [
        { id: randomUUID(), studentId: 'A3', sessionId, deviceId: 'laptop', markedAt: new Date(startsAt).toISOString(), method: 'face', similarity: 0.97 },
      ],
    });
    await api('POST', `/api/sessions/${sessionId}/end`, { endsAt: new Date(endsAt).toISOString() });
    await api('PUT', '/api/students/A1/guardians', {
      guardians: [{ name: 'Pat Lovelace', relation: 'mother', phone: '07700 900123', email: 'pat@example.org' }],
    });

    browser = await launch();
    ({ page, errors } = await openPage(browser));
    await page.context().addCookies([{ ...cookie, url: server.base }]);
    await page.goto(`${server.base}/#/absences`);
    await page.getByRole('heading', { name: 'Absences to explain' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the absences in plain words, fits a phone and passes axe', async () => {
    await page.getByRole('status').filter({ hasText: '2 absences to explain today' }).waitFor();
    const rows = page.getByRole('table', { name: 'Absences to explain' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    await rows.filter({ hasText: 'Ada Lovelace' }).filter({ hasText: 'Year 8 Maths' }).waitFor();
    expect(await page.getByText('Cleo Diaz').count()).toBe(0);
    // Whom to call: the guardians, loaded when asked.
    await page.getByRole('button', { name: 'Contacts of Ada Lovelace’s guardians' }).click();
    await page.getByRole('link', { name: '07700 900123' }).waitFor();
    expect(await page.getByRole('link', { name: 'pat@example.org' }).getAttribute('href')).toBe('mailto:pat@example.org');
    await page.getByRole('button', { name: 'Contacts of Ben Okri’s guardians' }).click();
    await page.getByText('No guardians on record.').waitFor();
    await page.getByRole('table', { name: 'Attendance codes' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone the rows stack: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('records reasons by keyboard alone until nothing is left, each change audited with who made it', async () => {
    const ada = page.getByLabel(/^Reason Ada Lovelace was absent/);
    await ada.focus();
    // Enter with nothing typed says what is missing and records nothing.
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Write or pick a reason first.' }).waitFor();
    await page.keyboard.type('Illness');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '1 absence to explain today' }).waitFor();
    // Focus moved on to the absence now in Ada's place: the next reason is typed straight away.
    await page.locator('input[data-reason]:focus').waitFor();
    expect(await page.getByLabel(/^Reason Ben Okri was absent/).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Mum rang: dentist at 10');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Nothing left to explain today.' }).waitFor();

    const { items } = await api<{ items: { id: string; studentId: string; status: string; reason: string }[] }>(
      'GET',
      `/api/attendance?sessionId=${sessionId}`,
    );
    const byStudent = new Map(items.map((m) => [m.studentId, m]));
    expect(byStudent.get('A1')).toMatchObject({ status: 'excused', reason: 'Illness' });
    expect(byStudent.get('A2')).toMatchObject({ status: 'excused', reason: 'Mum rang: dentist at 10' });
    const audit = await api<{ items: { by: string; reason: string }[] }>('GET', `/api/attendance/${byStudent.get('A1')!.id}/audit`);
    expect(audit.items).toEqual([expect.objectContaining({ by: 'Olive Office', reason: 'Illness' })]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
  it("lets the admin switch to England's DfE codes, naming a repeated code before anything is saved", async () => {
    const codes = page.getByRole('region', { name: 'Attendance codes' });
    await codes.getByRole('button', { name: 'Change the codes' }).click();
    const form = codes.getByRole('form', { name: 'Change the attendance codes' });
    await form.getByLabel('Start from an example').selectOption({ label: 'England (DfE attendance codes)' });
    await form.getByLabel('Code 2', { exact: true }).fill('/');
    await form.getByRole('button', { name: 'Save codes' }).click();
    await form.getByRole('alert').filter({ hasText: 'The code / is listed twice' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect((await api<{ chosen: boolean }>('GET', '/api/attendance-codes')).chosen).toBe(false);

    await form.getByLabel('Code 2', { exact: true }).fill('\\');
    await form.getByRole('button', { name: 'Save codes' }).click();
    await codes.getByText('last saved by Olive Office').waitFor();
    const table = codes.getByRole('table', { name: 'Attendance codes' });
    await table.getByRole('row').filter({ hasText: 'Authorised absence: illness' }).waitFor();
    const saved = await api<{ codes: { code: string }[]; chosen: boolean }>('GET', '/api/attendance-codes');
    expect(saved.chosen).toBe(true);
    expect(saved.codes.map((c) => c.code).slice(0, 4)).toEqual(['/', '\\', 'L', 'U']);
    expect(errors).toEqual([]);
  }, 60_000);
});
