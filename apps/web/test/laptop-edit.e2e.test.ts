// Changing a classroom laptop on the Laptops page in Chromium: an admin opens Edit on a laptop's
// row, finds the form of registration filled in (its name, its classes ticked), cannot save it
// with no class, renames it and moves it to another class, and the list says so; a laptop revoked
// meanwhile is refused in plain words; a teacher is offered no Edit. The open form passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Device } from '@rollcall/contracts';
import { seriousViolations } from './axe.ts';
import { apiAs, HAVE_CHROMIUM, launch, openPage, serveApp, setupAdmin, type WebServer } from './harness.ts';

const ADMIN = { email: 'office@school.example', name: 'Office', password: 'a long enough passphrase' };
const TEACHER = { email: 'art@school.example', name: 'Ada Art', password: 'teacher passphrase 42' };

describe.skipIf(!HAVE_CHROMIUM)('editing a laptop on the Laptops page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let api: ReturnType<typeof apiAs>;
  let art = '';
  let music = '';
  let laptopId = '';

  beforeAll(async () => {
    server = await serveApp();
    const cookie = await setupAdmin(server.base, ADMIN);
    api = apiAs(
      () => server.base,
      () => cookie,
    );
    art = (await api<{ id: string }>('POST', '/api/classes', { name: 'Year 9 Art' })).id;
    music = (await api<{ id: string }>('POST', '/api/classes', { name: 'Year 9 Music' })).id;
    laptopId = (await api<{ device: Device }>('POST', '/api/devices', { name: 'Room 9 laptop', classIds: [art] })).device.id;
    await api('POST', '/api/users', { ...TEACHER, role: 'teacher', classIds: [art] });
    browser = await launch();
    ({ page, errors } = await openPage(browser));
    await page.context().addCookies([{ ...cookie, url: server.base }]);
    await page.goto(`${server.base}/#/laptops`);
    await page.getByRole('heading', { name: 'Classroom laptops' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const table = () => page.getByRole('table', { name: 'Laptops' });

  it('opens the registration form filled in, refuses no class, and saves a new name and class', async () => {
    await table().getByRole('cell', { name: 'Room 9 laptop', exact: true }).waitFor();
    await table().getByRole('button', { name: 'Edit Room 9 laptop' }).click();
    const form = page.getByRole('form', { name: 'Edit Room 9 laptop' });
    expect(await form.getByLabel('Laptop name').inputValue()).toBe('Room 9 laptop');
    // The class list comes from the device's synced roster.
    const artBox = form.getByLabel('Year 9 Art');
    await artBox.waitFor({ timeout: 60_000 });
    expect(await artBox.isChecked()).toBe(true);
    expect(await form.getByLabel('Year 9 Music').isChecked()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);

    await artBox.uncheck();
    await form.getByText('Choose at least one class.').waitFor();
    expect(await form.getByRole('button', { name: 'Save laptop' }).isDisabled()).toBe(true);

    await form.getByLabel('Year 9 Music').check();
    await form.getByLabel('Laptop name').fill('Room 10 laptop');
    await form.getByRole('button', { name: 'Save laptop' }).click();
    await page.getByRole('status').filter({ hasText: 'Room 10 laptop saved: it takes attendance for its classes as they are now.' }).waitFor();
    expect(await form.count()).toBe(0);
    const row = table()
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Room 10 laptop', exact: true }) });
    await row.getByRole('cell', { name: 'Year 9 Music', exact: true }).waitFor();
    const saved = (await api<{ items: Device[] }>('GET', '/api/devices')).items.find((d) => d.id === laptopId);
    expect(saved).toMatchObject({ name: 'Room 10 laptop', classIds: [music] });
  }, 120_000);

  it('says so when the laptop was revoked while its form was open', async () => {
    await table().getByRole('button', { name: 'Edit Room 10 laptop' }).click();
    const form = page.getByRole('form', { name: 'Edit Room 10 laptop' });
    await form.getByLabel('Year 9 Art').check();
    // Another admin revokes it meanwhile.
    await api('DELETE', `/api/devices/${laptopId}`);
    await form.getByRole('button', { name: 'Save laptop' }).click();
    await form.getByRole('alert').filter({ hasText: 'This laptop was revoked and cannot be changed. Register and pair a new one instead.' }).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await form.count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('offers a teacher no Edit: they register and revoke only', async () => {
    await api('POST', '/api/devices', { name: 'Room 11 laptop', classIds: [art] });
    const t = await openPage(browser);
    await t.page.goto(server.base);
    await t.page.getByLabel('Email').fill(TEACHER.email);
    await t.page.getByLabel('Password').fill(TEACHER.password);
    await t.page.getByRole('button', { name: 'Sign in' }).click();
    await t.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await t.page.getByRole('link', { name: 'Classroom laptops' }).click();
    const list = t.page.getByRole('table', { name: 'Laptops' });
    await list.getByRole('button', { name: 'Revoke Room 11 laptop' }).waitFor();
    expect(await list.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(t.errors).toEqual([]);
    await t.context.close();
  }, 120_000);
});
