// Consent in the browser: an admin records consent for a class from the Privacy page, a student
// without consent cannot be enrolled and is told so plainly, and withdrawing consent makes a
// student "manual" and removes their face data from this laptop's cache at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeVector, modelDim } from '@rollcall/contracts';
import { DEFAULT_PIPELINE } from '@rollcall/face';
import { apiAs, CAN_RUN, launch, openPage, serveApp, setupAdmin, type WebServer } from './harness.ts';

const unit = (dim: number, seed: number) => {
  const v = new Float32Array(dim).map((_, i) => Math.sin(seed * 31 + i * 7));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

describe.skipIf(!CAN_RUN)('consent in the browser', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let cookie: { name: string; value: string };
  const api = apiAs(
    () => server.base,
    () => cookie,
  );
  const row = (name: string) => page.getByRole('table', { name: 'Students' }).getByRole('row').filter({ hasText: name });

  beforeAll(async () => {
    server = await serveApp();
    const { name, value } = await setupAdmin(server.base, { email: 'head@school.example', name: 'Head Teacher', password: 'a long enough passphrase' });
    cookie = { name, value };
    for (const [studentId, n] of [
      ['S001', 'Daryl Dixon'],
      ['S002', 'Rick Grimes'],
      ['S003', 'Negan Smith'],
    ])
      await api('POST', '/api/students', { studentId, name: n });
    await api('POST', '/api/classes', { name: 'Form 7B', studentIds: ['S001', 'S002', 'S003'] });
    browser = await launch();
    const opened = await openPage(browser);
    ({ page, errors } = opened);
    await opened.context.addCookies([{ ...cookie, url: server.base }]);
    await page.goto(server.base);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records consent for a class from its consent list', async () => {
    await page.getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('button', { name: 'Consent list for Form 7B' }).click();
    const list = page.getByRole('table', { name: 'Consent in Form 7B' });
    await list.waitFor();
    await page.getByLabel('Select Daryl Dixon').check();
    await page.getByLabel('Select Rick Grimes').check();
    const form = page.getByRole('group', { name: 'Record consent for the selected students' });
    await form.getByLabel('Note or paper form reference').fill('forms returned 3 March');
    await form.getByRole('button', { name: 'Record consent' }).click();
    await page.getByText('Granted recorded for 2 students.').waitFor();
    await expect.poll(() => list.getByRole('row').filter({ hasText: 'Daryl Dixon' }).textContent()).toContain('Granted');
    expect(await list.getByRole('row').filter({ hasText: 'Negan Smith' }).textContent()).toContain('Not asked');
    const rows = await server.database.db.selectFrom('students').select(['student_id', 'consent_status']).orderBy('student_id').execute();
    expect(rows.map((r) => [r.student_id, r.consent_status])).toEqual([
      ['S001', 'granted'],
      ['S002', 'granted'],
      ['S003', 'not-asked'],
    ]);
    const history = await server.database.db
      .selectFrom('consent_history')
      .select(['student_id', 'note', 'recorded_by_name'])
      .where('student_id', '=', 'S001')
      .execute();
    expect(history).toEqual([{ student_id: 'S001', note: 'forms returned 3 March', recorded_by_name: 'Head Teacher' }]);
  });

  it('tells plainly that a student without consent cannot be enrolled, and lists them as manual', async () => {
    await page.getByRole('link', { name: 'Students' }).click();
    await expect.poll(() => row('Negan Smith').textContent()).toContain('manual');
    expect(await row('Daryl Dixon').textContent()).not.toContain('manual');
    await page.getByRole('link', { name: 'Edit Negan Smith' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Negan Smith cannot be enrolled' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('no consent to use their face is recorded');
    expect(await page.getByLabel('Photos').count()).toBe(0);
    // The server refuses too, with the same plain reason, whatever the page shows.
    const refused = await api('POST', '/api/students/S003/embeddings', {
      embeddings: [
        { modelId: DEFAULT_PIPELINE.model, vector: encodeVector(unit(modelDim(DEFAULT_PIPELINE.model), 1)), quality: 0.9, sourceHash: 'c'.repeat(64) },
      ],
    });
    expect(refused).toMatchObject({ error: { code: 'consent-required' } });
  });

  it('withdrawal deletes the face data here and makes the student manual', async () => {
    const embeddings = [1, 2, 3].map((k) => ({
      modelId: DEFAULT_PIPELINE.model,
      vector: encodeVector(unit(modelDim(DEFAULT_PIPELINE.model), k)),
      quality: 0.9,
      sourceHash: String(k).repeat(64),
    }));
    expect((await api('POST', '/api/students/S001/embeddings', { embeddings })).results).toHaveLength(3);
    await page.getByRole('link', { name: 'Students' }).click();
    await page.reload(); // the roster sync runs at start: this laptop now holds Daryl's face data
    const faces = () => row('Daryl Dixon').locator('td').nth(3).textContent();
    await expect.poll(faces, { timeout: 60_000 }).toMatch(/^3/);
    // The register of a running session: Daryl (consent granted) is not "manual" yet.
    const classes = (await api('GET', '/api/classes')).items as { id: string; name: string }[];
    await api('POST', `/api/classes/${classes.find((c) => c.name === 'Form 7B')!.id}/sessions`, { lateAfterMinutes: 10 });
    const registerRow = (name: string) => page.getByRole('region', { name: 'Register' }).getByRole('listitem').filter({ hasText: name });
    await page.getByRole('link', { name: 'Take attendance' }).click();
    await registerRow('Daryl Dixon').waitFor({ timeout: 60_000 });
    expect(await registerRow('Daryl Dixon').textContent()).not.toContain('manual');
    await page.getByRole('link', { name: 'Students' }).click();

    await page.getByRole('link', { name: 'Edit Daryl Dixon' }).click();
    const form = page.getByRole('form', { name: 'Record consent' });
    await form.getByLabel('Consent').selectOption('withdrawn');
    await form.getByLabel('Given or refused by').selectOption('student');
    await form.getByText('deletes Daryl Dixon').waitFor();
    await form.getByRole('button', { name: 'Record consent' }).click();
    await page.getByRole('list', { name: 'Consent history' }).getByText('3 face records deleted').waitFor();
    await page.getByRole('status').filter({ hasText: 'registered by hand (manual)' }).waitFor();

    expect(await server.database.db.selectFrom('face_embeddings').select('id').where('student_id', '=', 'S001').execute()).toHaveLength(0);
    await page.getByRole('link', { name: 'Students' }).click();
    await expect.poll(() => row('Daryl Dixon').textContent(), { timeout: 60_000 }).toContain('manual');
    await expect.poll(faces).toMatch(/^0/);
    // In the register he is now "manual" (and left out of what the camera may match).
    await page.getByRole('link', { name: 'Take attendance' }).click();
    await expect.poll(() => registerRow('Daryl Dixon').textContent(), { timeout: 60_000 }).toContain('manual');
    // Still on the class list: marked by hand from now on.
    const roster = await server.database.db.selectFrom('class_students').select('student_id').execute();
    expect(roster.map((r) => r.student_id).sort()).toEqual(['S001', 'S002', 'S003']);
    expect(errors).toEqual([]);
  });
});
