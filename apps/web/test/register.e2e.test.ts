// The register in Chromium, on two laptops: the class with a running session opens by itself
// (a teacher with one class gets it too), both laptops count live "N of M here" as marks are made
// by hand on either (by keyboard on one), an excused reason is kept, and ending the session marks
// the students not seen absent, checked against the API. Screenshots go to docs/screenshots.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Register } from '@rollcall/contracts';
import { createFirstAdmin, HAVE_CHROMIUM, launch, openPage, serveApp, type WebServer, docsScreenshot } from './harness.ts';

const ADMIN = { email: 'office@school.example', password: 'a long enough passphrase' };
const STUDENTS = [
  { studentId: 'R1', name: 'Ann Lee' },
  { studentId: 'R2', name: 'Ben Ortiz' },
  { studentId: 'R3', name: 'Cleo Park' },
  { studentId: 'R4', name: 'Dev Shah' },
  { studentId: 'R5', name: 'José Muñoz' },
];

describe.skipIf(!HAVE_CHROMIUM)('register on two laptops in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let a: { context: BrowserContext; page: Page; errors: string[] };
  let b: { context: BrowserContext; page: Page; errors: string[] };
  let sessionId = '';

  async function api<T>(method: 'GET' | 'POST' | 'PUT', p: string, data?: unknown): Promise<T> {
    const res = await a.context.request.fetch(`${server.base}${p}`, { method, ...(data !== undefined && { data }) });
    if (!res.ok()) throw new Error(`${method} ${p}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const here = (page: Page, text: string) => page.getByRole('region', { name: 'Register' }).getByRole('heading', { name: text }).waitFor({ timeout: 60_000 });

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    a = await openPage(browser);
    await createFirstAdmin(a.page, server.base, ADMIN);
    for (const s of STUDENTS) await api('POST', '/api/students', s);
    const cls = await api<{ id: string }>('POST', '/api/classes', { name: 'Form 7B', studentIds: STUDENTS.map((s) => s.studentId) });
    await api('POST', '/api/classes', { name: 'Art club', studentIds: ['R1'] });
    await api('POST', '/api/users', {
      email: 'teacher@school.example',
      name: 'Tess Teacher',
      role: 'teacher',
      password: 'teacher password 123',
      classIds: [cls.id],
    });
    // Started "elsewhere" (the office), before either laptop opens Take attendance.
    sessionId = (await api<{ id: string }>('POST', `/api/classes/${cls.id}/sessions`, { lateAfterMinutes: 10 })).id;
    b = await openPage(browser);
    await b.page.goto(server.base);
    await b.page.getByLabel('Email').fill('teacher@school.example');
    await b.page.getByLabel('Password').fill('teacher password 123');
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await b.page.getByRole('navigation', { name: 'Main' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the class with the running session on both laptops', async () => {
    await a.page.reload();
    // The admin has two classes; only Form 7B has a session running.
    await expect.poll(() => a.page.getByLabel('Class').inputValue(), { timeout: 60_000 }).not.toBe('');
    expect(await a.page.getByLabel('Class').locator('option:checked').textContent()).toBe('Form 7B');
    await here(a.page, '0 of 5 here');
    // The teacher teaches one class: it is preselected (once the page has its classes: on a busy
    // machine the list can still be loading here).
    await expect.poll(() => b.page.getByLabel('Class').locator('option:checked').textContent(), { timeout: 60_000 }).toBe('Form 7B');
    await here(b.page, '0 of 5 here');
    expect(await a.page.getByRole('region', { name: 'Register' }).getByRole('listitem').count()).toBe(5);
  }, 120_000);

  it('marks by keyboard on one laptop and by mouse on the other, and both count live', async () => {
    await a.page.getByRole('button', { name: 'Mark Ann Lee present' }).focus();
    await a.page.keyboard.press('Enter');
    await here(a.page, '1 of 5 here');
    await here(b.page, '1 of 5 here');
    await b.page.getByRole('button', { name: 'Mark Ben Ortiz late' }).click();
    await here(b.page, '2 of 5 here');
    await here(a.page, '2 of 5 here');
    // Excused, with a reason typed at the keyboard.
    await a.page.getByRole('button', { name: 'Mark Cleo Park excused' }).focus();
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('Dentist');
    await a.page.keyboard.press('Enter');
    await b.page.getByRole('region', { name: 'Register' }).getByText('“Dentist”').waitFor({ timeout: 60_000 });
    // Back to not seen and marked again.
    await b.page.getByRole('button', { name: 'Mark Ann Lee not seen' }).click();
    await here(a.page, '1 of 5 here');
    await b.page.getByRole('button', { name: 'Mark Ann Lee present' }).click();
    await here(a.page, '2 of 5 here');
    await docsScreenshot(a.page, 'register.png', true);
    const reg = await api<Register>('GET', `/api/sessions/${sessionId}/register`);
    expect(Object.fromEntries(reg.rows.map((r) => [r.name, [r.status, r.markedBy, r.reason]]))).toEqual({
      'Ann Lee': ['present', 'Tess Teacher', null],
      'Ben Ortiz': ['late', 'Tess Teacher', null],
      'Cleo Park': ['excused', 'office', 'Dentist'],
      'Dev Shah': ['not-seen', null, null],
      'José Muñoz': ['not-seen', null, null],
    });
  }, 180_000);

  it('ends the session after a confirmation naming who will be absent', async () => {
    await a.page.getByRole('button', { name: 'End session' }).click();
    const dialog = a.page.getByRole('alertdialog', { name: 'End this session?' });
    await dialog.getByText('2 students not seen will be marked absent: Dev Shah, José Muñoz.').waitFor();
    await docsScreenshot(a.page, 'end-session.png', true);
    await dialog.getByRole('button', { name: 'End session and mark absentees' }).click();
    // The session is over on both laptops, and its final register stays on screen.
    for (const page of [b.page, a.page]) {
      await page.getByText(/^Session ended at .*: its final register is below\./).waitFor({ timeout: 60_000 });
      await page.getByRole('region', { name: 'Register' }).getByRole('heading', { name: '2 of 5 here' }).waitFor();
    }
    const reg = await api<Register>('GET', `/api/sessions/${sessionId}/register`);
    expect(reg.rows.filter((r) => r.status === 'absent').map((r) => r.name)).toEqual(['Dev Shah', 'José Muñoz']);
    expect(reg.counts).toMatchObject({ here: 2, excused: 1, absent: 2, notSeen: 0 });
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 120_000);

  it('exports the register CSV with the absent named and times in the browser zone with its offset, as the API says', async () => {
    // A browser in India (+05:30): a UTC time or a lost offset would show.
    const office = await browser.newContext({ timezoneId: 'Asia/Kolkata', storageState: await a.context.storageState(), acceptDownloads: true });
    const page = await office.newPage();
    await page.goto(`${server.base}/#/records`);
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Form 7B' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export register CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const reg = await api<Register>('GET', `/api/sessions/${sessionId}/register`);
    // Wall-clock times in the browser's zone as Excel reads them, the zone in its own column.
    const local = (iso: string) => new Date(Date.parse(iso) + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(lines[0]).toBe('Class,Date,Start,Time zone,Student ID,Student,Status,Code,Code meaning,Marked at,How marked,Marked by,Reason');
    const rows = lines.slice(1).map((l) => l.split(','));
    // One row per roster student, the absent included, each with the API's status.
    expect(rows.map((r) => [r[4], r[6]])).toEqual(reg.rows.map((r) => [r.studentId, expect.stringMatching(new RegExp(`^${r.status}$`, 'i'))]));
    expect(rows.filter((r) => /absent/i.test(r[6]!)).map((r) => r[5])).toEqual(['Dev Shah', 'José Muñoz']);
    for (const r of rows) expect([`${r[1]} ${r[2]}`, r[3]]).toEqual([local(reg.session.startsAt).slice(0, 16), 'UTC+05:30']);
    const marked = reg.rows.find((r) => r.markedAt && r.method !== 'session-end')!;
    expect(rows.find((r) => r[4] === marked.studentId)![9]).toBe(local(marked.markedAt!));
    await office.close();
  }, 120_000);
});
