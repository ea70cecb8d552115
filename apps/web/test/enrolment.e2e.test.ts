// Web app I in Chromium: first run and sign-in, enrolling two students from photos (one photo
// refused with its reason), the look-alike warning, a roster CSV with a bad row, and reopening
// offline with the roster still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CAN_RUN, createFirstAdmin, gradientBmp, launch, openPage, photo, serveApp, waitForOfflineReady, type WebServer } from './harness.ts';

/** Photos are handed to the file input as bytes: nothing is copied next to the project. */
const file = (p: string) => ({ name: path.basename(p), mimeType: 'image/jpeg', buffer: readFileSync(p) });

const ADMIN = { email: 'head@school.example', password: 'a long enough passphrase' };

describe.skipIf(!CAN_RUN)('web app in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    ({ context, page, errors } = await openPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function enrol(studentId: string, name: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await page.getByRole('link', { name: 'Students' }).click();
    await page.getByRole('button', { name: 'Add student' }).click();
    await page.getByLabel('Student ID').fill(studentId);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Consent to use their face').selectOption('granted-parent');
    await page.getByLabel('Photos').setInputFiles(files);
    // Every photo gets a verdict (the first analysis also waits for the models to load).
    await expect.poll(() => page.getByText('Analysing…').count(), { timeout: 120_000 }).toBe(0);
  }

  it('creates the first admin on the first-run screen and is signed in', async () => {
    await createFirstAdmin(page, server.base, ADMIN);
    for (const link of ['Take attendance', 'Students', 'Classes', 'Records', 'Settings', 'Camera check']) {
      expect(await page.getByRole('link', { name: link }).count()).toBe(1);
    }
  });

  it('signs out and in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('enrols a student from photos, refusing a photo without a face and saying why', async () => {
    await enrol('S001', 'Daryl Dixon', [
      ...['daryl1.jpg', 'daryl2.jpg', 'daryl3.jpg', 'daryl4.jpg'].map((f) => file(photo('twd/daryl', f))),
      { name: 'wall.bmp', mimeType: 'image/bmp', buffer: gradientBmp() },
    ]);
    const refused = page.getByRole('listitem', { name: /wall\.bmp: No face found/ });
    expect(await refused.count()).toBe(1);
    const accepted = await page.getByRole('listitem', { name: /: Accepted$/ }).count();
    expect(accepted).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.getByLabel('Face recognition', { exact: true }).getAttribute('data-backend')).toBe('wasm');
    // Four different photos of Daryl: the set is rated enough, with no advice to add more.
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /good photos/ })
        .textContent(),
    ).toMatch(new RegExp(`^${accepted} good photos\\.$`));
    await page.getByRole('button', { name: 'Save student' }).click();
    await page.getByRole('table', { name: 'Students' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'S001' });
    await expect.poll(() => row.textContent()).toContain('Daryl Dixon');
    expect(await row.textContent()).toContain(String(accepted));
    const stored = await server.database.db.selectFrom('face_embeddings').select('id').where('student_id', '=', 'S001').execute();
    expect(stored).toHaveLength(accepted);
  });

  it('enrols a second student without a warning', async () => {
    await enrol(
      'S002',
      'Rick Grimes',
      ['rick1.jpg', 'rick2.jpg', 'rick3.jpg', 'rick4.jpg'].map((f) => file(photo('twd/rick', f))),
    );
    expect(await page.getByText('Possible duplicate or look-alike').count()).toBe(0);
    await page.getByRole('button', { name: 'Save student' }).click();
    await page.getByRole('row').filter({ hasText: 'S002' }).waitFor();
  });

  it("warns of a look-alike when a new student is enrolled with the first student's photos", async () => {
    await enrol(
      'S003',
      'Not Daryl',
      ['daryl1.jpg', 'daryl3.jpg'].map((f) => file(photo('twd/daryl', f))),
    );
    const warning = page.getByRole('alert').filter({ hasText: 'Possible duplicate or look-alike' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('S001 (Daryl Dixon)');
    expect(await page.getByRole('button', { name: 'Save student' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('row').filter({ hasText: 'S003' }).count()).toBe(0);
  });

  it('imports a roster CSV, showing the bad row before anything is written', async () => {
    await page.getByRole('link', { name: 'Students' }).click();
    await page.getByRole('link', { name: 'Import roster CSV' }).click();
    const csv =
      'student id,name,email,class\nS010,Carol Peletier,carol@school.example,Biology 7B\nS011,,nobody@school.example,Biology 7B\nS012,Glenn Rhee,,Biology 7B\n';
    await page.getByLabel('Roster CSV', { exact: true }).setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('list', { name: 'Rows with errors' }).getByText('Line 3: Name: missing').waitFor();
    expect(await server.database.db.selectFrom('students').select('student_id').where('student_id', '=', 'S010').executeTakeFirst()).toBeUndefined();
    await page.getByRole('button', { name: 'Import 2 students' }).click();
    await page.getByText('2 created, 0 already on file, 0 failed.').waitFor();
    await page.getByRole('button', { name: 'Back to students' }).click();
    await page.getByRole('row').filter({ hasText: 'Glenn Rhee' }).waitFor();
    const cls = await server.database.db.selectFrom('classes').select(['id', 'name']).execute();
    expect(cls.map((c) => c.name)).toEqual(['Biology 7B']);
  });

  it('opens offline after a reload, with the roster still there', async () => {
    await waitForOfflineReady(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: 'Students' }).click();
    await page.getByRole('row').filter({ hasText: 'Daryl Dixon' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Glenn Rhee' }).waitFor();
    expect(await page.getByRole('status', { name: 'Connection' }).textContent()).toBe('Offline');
    // Enrolment strength, from the device's own copy: Daryl's four different photos need nothing;
    // Glenn (roster CSV, no consent asked) is marked by hand, so his enrolment is no concern.
    const rows = () => page.getByRole('table', { name: 'Students' }).getByRole('row');
    expect(await rows().filter({ hasText: 'Daryl Dixon' }).textContent()).not.toMatch(/weak|fair|not enrolled|different/);
    expect(await rows().filter({ hasText: 'Glenn Rhee' }).textContent()).toMatch(/manual/);
    expect(await rows().filter({ hasText: 'Glenn Rhee' }).textContent()).not.toMatch(/not enrolled/);
    await page.getByLabel('Sort by').selectOption({ label: 'Name' });
    const names = (await rows().allTextContents()).map((t) => ['Daryl Dixon', 'Glenn Rhee', 'Rick Grimes'].find((n) => t.includes(n))).filter(Boolean);
    expect(names).toEqual(['Daryl Dixon', 'Glenn Rhee', 'Rick Grimes']);
    await waitForOfflineReady(page);
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });
});
