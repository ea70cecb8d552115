// Every page in every language Rollcall speaks, in Chromium: English and each catalogue in
// packages/i18n/messages (a new file is tested without touching this one). For a teacher, an admin,
// a classroom laptop and someone signed out, at 1280 and 390 px: the page is drawn in the language
// (its heading and title are the catalogue's, `lang` and `dir` are set), axe finds nothing serious,
// no text overflows its box on a phone, no message falls back to English, no English is left on
// screen; right-to-left languages are mirrored; the register sorts names by the language; the
// register CSV speaks it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { cameraArgs, clipCamera, HAVE_CHROMIUM, HAVE_MODELS, haveFfmpeg, haveRealvid, launch, realClip, serveApp, type WebServer } from './harness.ts';
import { language, TEST_LANGUAGES, type Language } from './languages/catalogues.ts';
import { directionFacts, englishLeft, overflowingText, type DirectionFacts } from './languages/page-checks.ts';
import { ADMIN_PAGES, CAMERA, LAPTOP_PAGES, SIGNED_OUT_PAGES, TEACHER_PAGES, type PageVisit } from './languages/pages.ts';
import { LESSON_CLASS, PUPILS, reviewItem, seedSchool, type Cookie, type School } from './languages/school.ts';

const WIDTHS = [1280, 390] as const;
/** Set to a folder to keep a screenshot of the register in each language (to judge mirroring by eye). */
const SCREENSHOTS = process.env.LANGUAGE_SCREENSHOTS;
const CAN_RUN = HAVE_CHROMIUM && HAVE_MODELS;
// A face for Camera check to judge (its verdicts are words too); without the footage it is checked stopped.
const WITH_CAMERA = CAN_RUN && haveRealvid('Camera check with a face in the language test') && haveFfmpeg('Camera check with a face in the language test');

/** What one language's walk found, by kind, each entry naming the actor, width and page. */
interface Findings {
  rendered: string[];
  axe: string[];
  overflow: string[];
  english: string[];
  errors: string[];
  /** Message ids the app had no text for ("No <tag> text for <id>" warnings). */
  missing: Set<string>;
  direction?: DirectionFacts;
  register?: string[];
}

interface Actor {
  who: string;
  context: BrowserContext;
  page: Page;
  pages: readonly PageVisit[];
}

const NAV = [
  { id: 'app.nav.attendance', defaultMessage: 'Take attendance' },
  { id: 'app.nav.students', defaultMessage: 'Students' },
  { id: 'app.nav.classes', defaultMessage: 'Classes' },
  { id: 'app.nav.records', defaultMessage: 'Records' },
  { id: 'app.nav.absences', defaultMessage: 'Absences' },
  { id: 'app.nav.teachers', defaultMessage: 'Teachers' },
  { id: 'app.nav.laptops', defaultMessage: 'Classroom laptops' },
  { id: 'app.nav.notices', defaultMessage: 'Absence notices' },
  { id: 'app.nav.privacy', defaultMessage: 'Privacy' },
  { id: 'app.nav.settings', defaultMessage: 'Settings' },
  { id: 'app.nav.camera', defaultMessage: 'Camera check' },
];

/**
 * Findings ("who width page: problem") grouped by problem, each naming the pages it was seen on:
 * the header is on every page, and one overflow there would otherwise be listed thirty times.
 * Times and counts in the text do not split a group.
 */
function byProblem(findings: readonly string[]): string[] {
  const groups = new Map<string, { problem: string; where: string[] }>();
  for (const finding of findings) {
    const at = finding.indexOf(': ');
    const problem = finding.slice(at + 2);
    const key = problem.replace(/\d+/g, '#');
    const group = groups.get(key) ?? { problem, where: [] };
    group.where.push(finding.slice(0, at));
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.problem} — on ${g.where.join(', ')}`);
}

describe.skipIf(!CAN_RUN)('every page in every language', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-languages-'));
  let server: WebServer;
  let browser: Browser;
  let school: School;
  const actors: Actor[] = [];
  const found = new Map<string, Findings>();
  /** The language being walked: where a page error or a missing text is filed. */
  let speaking = '';

  async function actor(who: string, pages: readonly PageVisit[], cookie: Cookie | null, camera = false): Promise<Actor> {
    const context = await browser.newContext({ acceptDownloads: true, ...(camera && { permissions: ['camera'] }) });
    if (cookie) await context.addCookies([{ ...cookie, url: server.base }]);
    const page = await context.newPage();
    page.on('pageerror', (e) => found.get(speaking)?.errors.push(`${who}: ${e.message}`));
    page.on('console', (m) => {
      const missing = /^No (\S+) text for (.+)$/.exec(m.text());
      if (missing) found.get(missing[1]!)?.missing.add(missing[2]!);
    });
    await page.goto(server.base);
    return { who, context, page, pages };
  }

  beforeAll(async () => {
    server = await serveApp();
    school = await seedSchool(server.base);
    const camera = WITH_CAMERA ? cameraArgs(clipCamera(path.join(tmp, 'face.y4m'), [realClip('fellway_face.mp4')], 2)) : [];
    browser = await launch(camera);
    const admin = await actor('admin', ADMIN_PAGES, school.admin, WITH_CAMERA);
    // A face waiting in Needs review on the register, in this device's store (once the app has made it).
    await admin.page.getByText(PUPILS[0].name).first().waitFor({ timeout: 120_000 });
    await admin.page.evaluate(
      (item) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('rollcall');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('reviews', 'readwrite');
            tx.objectStore('reviews').put(item);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      reviewItem(school.runningSessionId, school.registerClassId),
    );
    actors.push(
      admin,
      await actor('teacher', TEACHER_PAGES, school.teacher),
      await actor('laptop', LAPTOP_PAGES, school.laptop),
      await actor('signed out', SIGNED_OUT_PAGES, null),
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens a page by its address in the running app and checks it; `where` names it in findings. */
  async function check(a: Actor, visit: PageVisit, l: Language, width: number, f: Findings, label = visit.hash): Promise<boolean> {
    const { page } = a;
    const where = `${a.who} ${width} ${label}`;
    await page.evaluate((hash) => {
      if (location.hash !== hash) location.hash = hash;
    }, visit.hash);
    const heading = l.say(visit.heading.message, visit.heading.values);
    const drawn = await page
      .waitForFunction(([id, text]) => document.getElementById(id!)?.textContent?.trim() === text, [visit.heading.id, heading], { timeout: 20_000 })
      .then(() => true)
      .catch(() => false);
    if (!drawn) {
      const shown = await page.evaluate((id) => document.getElementById(id)?.textContent ?? document.body.innerText.slice(0, 200), visit.heading.id);
      f.rendered.push(`${where}: no heading "${heading}" (shows "${shown.trim()}")`);
      return false;
    }
    if (visit.shows) {
      const shows = await page
        .getByText(visit.shows)
        // Not a filter's <option> with the same name.
        .filter({ visible: true })
        .first()
        .waitFor({ timeout: 30_000 })
        .then(() => true)
        .catch(() => false);
      if (!shows) f.rendered.push(`${where}: "${visit.shows}" never shown`);
    }
    const title = visit.title(l);
    if (!(await page.waitForFunction((title) => document.title === title, title, { timeout: 5000 }).catch(() => null)))
      f.rendered.push(`${where}: title "${await page.title()}", not "${title}"`);
    const [lang, dir] = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    if (lang !== l.tag || dir !== l.dir) f.rendered.push(`${where}: <html lang="${lang}" dir="${dir}">, not lang="${l.tag}" dir="${l.dir}"`);
    const labels = new Set(NAV.map((m) => l.say(m)));
    for (const link of await page.locator('nav a').allTextContents())
      if (!labels.has(link.trim())) f.english.push(`${where}: nav link "${link.trim()}" is none of the catalogue's nav labels`);
    f.axe.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
    if (width === 390) f.overflow.push(...(await page.evaluate(overflowingText)).map((o) => `${where}: ${o}`));
    if (l.english.size > 0) f.english.push(...(await page.evaluate(englishLeft, [...l.english])).map((e) => `${where}: ${e}`));
    return true;
  }

  /** Camera check with the camera on: the verdicts on a face are words too. */
  async function checkCameraRunning(a: Actor, l: Language, width: number, f: Findings): Promise<void> {
    const { page } = a;
    await page.getByRole('button', { name: l.say({ id: 'cameraCheck.start', defaultMessage: 'Start camera' }), exact: true }).click();
    const summary = page.locator('.verdict-summary');
    if (
      !(await summary.waitFor({ timeout: 60_000 }).then(
        () => true,
        () => false,
      ))
    )
      f.rendered.push(`${a.who} ${width} camera running: no verdict shown`);
    else await check(a, CAMERA, l, width, f, `${CAMERA.hash} (camera on)`);
    await page.getByRole('button', { name: l.say({ id: 'cameraCheck.stop', defaultMessage: 'Stop' }), exact: true }).click();
  }

  /** The register CSV of the lesson ended today, downloaded from Records: its header row. */
  async function registerCsvHeader(page: Page, l: Language): Promise<string[]> {
    await page.evaluate(() => (location.hash = '#/records'));
    await page.getByLabel(l.say({ id: 'records.filter.class', defaultMessage: 'Class' }), { exact: true }).selectOption({ label: LESSON_CLASS });
    // Enabled once the registers and the school's codes are in.
    const button = page.locator('button:enabled', { hasText: l.say({ id: 'records.registers.export', defaultMessage: 'Export register CSV' }) });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click({ timeout: 30_000 })]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    return Papa.parse<string[]>(text, { skipEmptyLines: true }).data[0] ?? [];
  }

  describe.each(TEST_LANGUAGES)('%s', (tag) => {
    const l = language(tag);
    const f: Findings = { rendered: [], axe: [], overflow: [], english: [], errors: [], missing: new Set() };

    /** One page: its checks, and for the admin what is measured only there. */
    async function visitPage(a: Actor, visit: PageVisit, width: number): Promise<void> {
      if (!(await check(a, visit, l, width, f)) || a.who !== 'admin') return;
      if (visit === CAMERA && WITH_CAMERA && width === 390) await checkCameraRunning(a, l, width, f);
      if (width === 1280 && visit.hash === '#/students') f.direction = await a.page.evaluate(directionFacts);
      if (width === 1280 && visit.hash === '#/') {
        f.register = await a.page.locator('.register-list .register-name').allTextContents();
        if (SCREENSHOTS) {
          mkdirSync(SCREENSHOTS, { recursive: true });
          await a.page.screenshot({ path: path.join(SCREENSHOTS, `register-${tag}.png`), fullPage: true });
        }
      }
    }

    beforeAll(async () => {
      found.set(tag, f);
      speaking = tag;
      for (const a of actors) {
        // This device's choice: it comes before the browser's languages and the school's default.
        await a.page.evaluate((tag) => localStorage.setItem('rollcall.language', tag), tag);
        await a.page.reload();
        await a.page.waitForFunction((tag) => document.documentElement.lang === tag, tag);
      }
      for (const width of WIDTHS) {
        for (const a of actors) {
          const started = Date.now();
          await a.page.setViewportSize({ width, height: 900 });
          for (const visit of a.pages) {
            // A page that throws is a finding, and the walk goes on.
            await visitPage(a, visit, width).catch((e: unknown) => f.rendered.push(`${a.who} ${width} ${visit.hash}: ${String(e).split('\n')[0]}`));
          }
          console.log(`[languages] ${tag} ${a.who} ${width} px: ${a.pages.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        }
      }
    }, 900_000);

    it('draws every page in the language: its heading and title the catalogue’s, lang and dir set, no page error', () => {
      expect([...f.rendered, ...f.errors]).toEqual([]);
    });

    it('has no serious or critical axe violation on any page', () => {
      expect(byProblem(f.axe)).toEqual([]);
    });

    it('lets no text overflow its box at 390 px, and no page scroll sideways', () => {
      expect(byProblem(f.overflow)).toEqual([]);
    });

    it('has a text for every message the pages use', () => {
      expect([...f.missing].sort()).toEqual([]);
    });

    it('leaves no English on screen', () => {
      expect(byProblem(f.english)).toEqual([]);
    });

    it(`lays the page out ${l.dir === 'rtl' ? 'right to left' : 'left to right'}`, () => {
      const d = f.direction!;
      expect(d.nav && d.heading && d.columns, 'the students page has a nav, a heading and a table').toBeTruthy();
      const { nav, heading, columns } = d as Required<{ [K in keyof DirectionFacts]: NonNullable<DirectionFacts[K]> }>;
      if (l.dir === 'rtl') {
        // The navigation at the right edge, the heading's text starting at its box's right, the first column rightmost.
        expect(d.width - nav.right).toBeLessThan(24);
        expect(Math.abs(heading.right - heading.textRight)).toBeLessThan(2);
        expect(columns.first).toBeGreaterThan(columns.last);
      } else {
        expect(nav.left).toBeLessThan(24);
        expect(Math.abs(heading.textLeft - heading.left)).toBeLessThan(2);
        expect(columns.first).toBeLessThan(columns.last);
      }
    });

    it('lists the register in the language’s order of names', () => {
      const sorted = PUPILS.map((p) => p.name).sort((a, b) => l.translator.collator.compare(a, b));
      expect(f.register).toEqual(sorted);
    });

    it('writes the register CSV’s header in the language', async () => {
      const admin = actors[0]!;
      await admin.page.setViewportSize({ width: 1280, height: 900 });
      const header = [
        { id: 'core.csv.class', defaultMessage: 'Class' },
        { id: 'core.csv.date', defaultMessage: 'Date' },
        { id: 'core.csv.start', defaultMessage: 'Start' },
        { id: 'core.csv.timeZone', defaultMessage: 'Time zone' },
        { id: 'core.csv.studentId', defaultMessage: 'Student ID' },
        { id: 'core.csv.student', defaultMessage: 'Student' },
        { id: 'core.csv.status', defaultMessage: 'Status' },
        { id: 'core.csv.code', defaultMessage: 'Code' },
        { id: 'core.csv.codeMeaning', defaultMessage: 'Code meaning' },
        { id: 'core.csv.markedAt', defaultMessage: 'Marked at' },
        { id: 'core.csv.howMarked', defaultMessage: 'How marked' },
        { id: 'core.csv.markedBy', defaultMessage: 'Marked by' },
        { id: 'core.csv.reason', defaultMessage: 'Reason' },
      ].map((m) => l.say(m));
      expect(await registerCsvHeader(admin.page, l)).toEqual(header);
    });
  });
});
