// Choosing the language in Chromium: the school's default where the browser asks for a language
// Rollcall does not speak, this device's choice over it, a person's own choice over both (kept
// across a reload, from the server), and each language offered in its own name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createFirstAdmin, HAVE_CHROMIUM, HAVE_MODELS, launch, openPage, serveApp, type WebServer } from './harness.ts';
import { LANGUAGES } from '../src/core/i18n.ts';

const ADMIN = { email: 'language@school.example', password: 'a long enough passphrase' };
const speaks = (page: Page, tag: string) => page.waitForFunction((tag) => document.documentElement.lang === tag, tag);

// German is the second language every build ships; without its catalogue there is nothing to choose.
describe.skipIf(!HAVE_CHROMIUM || !HAVE_MODELS || !LANGUAGES.includes('de'))('choosing the language', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    // A French browser: a language Rollcall does not speak, so the school's default decides.
    ({ page, errors } = await openPage(browser, { locale: 'fr-FR' }));
    await createFirstAdmin(page, server.base, ADMIN);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("follows the school's default, then the device's choice, then the person's own", async () => {
    await speaks(page, 'en');
    await page.goto(`${server.base}/#/settings`);
    await expect(page.locator('#set-device-language option[value="de"]').textContent()).resolves.toBe('Deutsch');

    await page.locator('#set-school-language').selectOption('de');
    await speaks(page, 'de');

    await page.locator('#set-device-language').selectOption('en');
    await speaks(page, 'en');

    await page.locator('#set-my-language').selectOption('de');
    await speaks(page, 'de');
    await page.reload();
    await speaks(page, 'de');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');

    await page.locator('#set-my-language').selectOption('');
    await speaks(page, 'en');
    await page.locator('#set-device-language').selectOption('');
    await speaks(page, 'de');
    expect(errors).toEqual([]);
  });
});
