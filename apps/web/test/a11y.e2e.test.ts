// Accessibility in Chromium, measured from what the browser computes: every visible control a
// target of at least 24x24 px, a focus ring of 3:1 against the page and the control on every
// tab stop, table actions in sight on a 390 px phone, and axe-core with no serious or critical
// violation on the main pages and the states a teacher opens (a delete confirmation, a mark's
// editor, a class's roster picker, a roster preview).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { createFirstAdmin, HAVE_CHROMIUM, launch, openPage, serveApp, type WebServer } from './harness.ts';

const ADMIN = { email: 'a11y@school.example', password: 'a long enough passphrase' };
const TEACHER = { email: 'ann.lee@school.example', password: 'teacher passphrase 42' };
const PAGES = [
  '#/',
  '#/students',
  '#/students/new',
  '#/import-roster',
  '#/classes',
  '#/records',
  '#/absences',
  '#/teachers',
  '#/laptops',
  '#/settings',
  '#/camera',
];

/** What a target-size check reports: how many visible controls it measured, and each under 24 px, named so a failure says where to look. */
function smallTargets(): { measured: number; small: string[] } {
  const CONTROLS =
    'button, [role=button], a.button, td.actions a, select, summary, input[type=checkbox], input[type=radio], input[type=file], input[type=button], input[type=submit]';
  const visible = [...document.querySelectorAll<HTMLElement>(CONTROLS)]
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0);
  const small = visible
    .filter(({ r }) => r.width < 23.99 || r.height < 23.99)
    .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 30)}" ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
  return { measured: visible.length, small };
}

/** The focused element's ring: its colours as computed, and its contrast with what is around it and with the control itself. */
function focusRing(): { what: string; again: boolean; ring: string; vsPage: number; vsControl: number } | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  // Back at an element met before (not the same one again, as a date field's parts are) means the walk has come round.
  const walk = window as unknown as { ringSeen?: WeakSet<Element>; ringLast?: Element };
  walk.ringSeen ??= new WeakSet();
  const again = walk.ringSeen.has(el) && walk.ringLast !== el;
  walk.ringSeen.add(el);
  walk.ringLast = el;
  type Rgba = [number, number, number, number];
  const parse = (c: string): Rgba => {
    const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(c);
    if (!m) throw new Error(`unparsed colour ${c}`);
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  };
  // The colour an element shows: its background over its ancestors' (translucent layers composited), over white.
  const shown = (from: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let n = from; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out: Rgba = [255, 255, 255, 1];
    for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a), 1];
    return out;
  };
  const lum = ([r, g, b]: Rgba) => {
    const ch = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const contrast = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const style = getComputedStyle(el);
  const what = `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`;
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return { what, again, ring: 'none', vsPage: 0, vsControl: 0 };
  const ring = parse(style.outlineColor);
  // A band between ring and control (a box-shadow spread) may be what separates the ring from a dark control.
  const bandColour = /^(rgba?\([^)]*\))/.exec(style.boxShadow)?.[1];
  const band = bandColour ? parse(bandColour) : null;
  const control = shown(el);
  return {
    what,
    again,
    ring: style.outlineColor,
    vsPage: Math.round(contrast(ring, shown(el.parentElement)) * 100) / 100,
    vsControl: Math.round(Math.max(contrast(ring, control), band ? contrast(band, control) : 0) * 100) / 100,
  };
}

/** Whether an element is wholly inside the viewport's width and not cut off by a scrolling ancestor. */
function inSight(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.left < 0 || r.right > window.innerWidth) return false;
  for (let n = el.parentElement; n; n = n.parentElement) {
    if (getComputedStyle(n).overflowX === 'visible') continue;
    const box = n.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) return false;
  }
  return true;
}

/** OneRoster's three files as a school information system exports them, one enrollment broken. */
const ONEROSTER = [
  [
    'users.csv',
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
    'u-1,active,2026-08-30T10:00:00Z,true,org-1,student,ada,,Ada,Lovelace,,1001,ada@school.example,,,,09,',
    'u-2,active,2026-08-30T10:00:00Z,true,org-1,student,jose,,José,Muñoz,,1002,,,,,09,',
    't-1,active,2026-08-30T10:00:00Z,true,org-1,teacher,curie,,Marie,Curie,,,curie@school.example,,,,,',
    't-2,active,2026-08-30T10:00:00Z,true,org-1,teacher,head,,Head,Teacher,,,A11Y@school.example,,,,,',
  ],
  [
    'classes.csv',
    'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
    'c-1,active,2026-08-30T10:00:00Z,"Year 9 Chemistry, set 2",09,co-1,CH9,scheduled,Lab 2,org-1,term-1,Chemistry,,1',
  ],
  [
    'enrollments.csv',
    'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
    'e-1,active,2026-08-30T10:00:00Z,c-1,org-1,u-1,student,false,,',
    'e-2,active,2026-08-30T10:00:00Z,c-1,org-1,t-1,teacher,true,,',
    'e-3,active,2026-08-30T10:00:00Z,c-1,org-1,u-9,student,false,,',
    'e-4,active,2026-08-30T10:00:00Z,c-1,org-1,t-2,teacher,false,,',
  ],
].map(([name, ...lines]) => ({ name: name!, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) }));

describe.skipIf(!HAVE_CHROMIUM)('accessibility in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let classId = '';

  const open = async (hash: string) => {
    await page.goto(`${server.base}/${hash}`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
  };

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    ({ page } = await openPage(browser));
    await createFirstAdmin(page, server.base, ADMIN);
    const api = async (method: string, p: string, data?: unknown) => {
      const res = await page.context().request.fetch(`${server.base}${p}`, { method, ...(data !== undefined && { data }) });
      if (!res.ok()) throw new Error(`${method} ${p}: ${res.status()} ${await res.text()}`);
      return res.json() as Promise<{ id: string }>;
    };
    for (const [id, name] of [
      ['A1', 'Priya Raman-Whitfield'],
      ['A2', 'Oluwaseun Adeyemi-Johnson'],
      ['A3', 'Zoë Ørsted'],
    ] as const)
      await api('POST', '/api/students', { studentId: id, name, email: `${id.toLowerCase()}@school.example` });
    const cls = await api('POST', '/api/classes', { name: 'Year 9 Chemistry, set 2', studentIds: ['A1', 'A2'] });
    await api('POST', '/api/users', { ...TEACHER, name: 'Ann Lee', role: 'teacher', classIds: [cls.id] });
    classId = cls.id;
    const session = await api('POST', `/api/classes/${cls.id}/sessions`, { lateAfterMinutes: 10 });
    const mark = { id: crypto.randomUUID(), studentId: 'A1', sessionId: session.id, deviceId: 'laptop', markedAt: new Date().toISOString(), method: 'face' };
    await api('POST', '/api/attendance', { marks: [{ ...mark, similarity: 0.91 }] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('makes every visible control at least 24 by 24 px, at desktop and phone widths', async () => {
    const small: Record<string, string[]> = {};
    let measured = 0;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const hash of PAGES) {
        await open(hash);
        const found = await page.evaluate(smallTargets);
        measured += found.measured;
        if (found.small.length > 0) small[`${width} ${hash}`] = found.small;
      }
      // The register's small buttons, where targets were 23 px, on a freshly loaded page as a teacher opens it.
      await page.goto('about:blank');
      await open('#/');
      await page
        .locator('section.attendance label', { hasText: /^Class/ })
        .locator('select')
        .selectOption({ label: 'Year 9 Chemistry, set 2' });
      await page.getByRole('button', { name: 'Mark Oluwaseun Adeyemi-Johnson present' }).waitFor();
      const register = await page.evaluate(smallTargets);
      if (register.small.length > 0) small[`${width} register`] = register.small;
    }
    expect(measured).toBeGreaterThan(100);
    expect(small).toEqual({});
  }, 300_000);

  it('shows a focus ring of 3:1 against the page and the control on every tab stop', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const weak: string[] = [];
    let stops = 0;
    for (const hash of PAGES) {
      await open(hash);
      await page.evaluate(() => delete (window as unknown as { ringSeen?: unknown }).ringSeen);
      // Every tab stop of the page, until focus comes round again.
      for (let i = 0; i < 300; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(focusRing);
        if (!ring) continue;
        if (ring.again) break;
        stops++;
        if (ring.vsPage < 3 || ring.vsControl < 3)
          weak.push(`${hash} ${ring.what}: ring ${ring.ring}, ${ring.vsPage}:1 to page, ${ring.vsControl}:1 to control`);
      }
    }
    // The walk must have reached real controls, or the check above says nothing.
    expect(stops).toBeGreaterThan(100);
    expect(weak).toEqual([]);
  }, 300_000);

  it('keeps Edit, Delete and Change status in sight on a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('#/students');
    const studentActions = page.getByRole('table', { name: 'Students' }).locator('td.actions').locator('a, button');
    expect(await studentActions.count()).toBe(6);
    for (const action of await studentActions.all()) expect(await action.evaluate(inSight), (await action.textContent()) ?? undefined).toBe(true);
    await open('#/records');
    const change = page.getByRole('button', { name: /Change status/ });
    await change.first().waitFor();
    for (const action of await change.all()) expect(await action.evaluate(inSight)).toBe(true);
    // And the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  }, 120_000);

  it('has no serious or critical axe violation on the pages and the states a teacher opens', async () => {
    const found: Record<string, string[]> = {};
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const hash of PAGES) {
        await open(hash);
        found[`${width} ${hash}`] = await seriousViolations(page);
      }
      await open('#/students');
      await page.getByRole('button', { name: 'Delete Zoë Ørsted' }).click();
      await page.getByRole('alertdialog').waitFor();
      found[`${width} delete confirmation`] = await seriousViolations(page);
      await open('#/records');
      await page
        .getByRole('button', { name: /Change status/ })
        .first()
        .click();
      await page.getByRole('button', { name: /Change status/, expanded: true }).waitFor();
      found[`${width} mark editor`] = await seriousViolations(page);
      await open('#/classes');
      await page.getByRole('button', { name: 'Choose students' }).click();
      await page.getByRole('searchbox', { name: /Find a student/ }).fill('zo');
      found[`${width} roster picker`] = await seriousViolations(page);
      await open('#/import-roster');
      await page.getByLabel('Roster CSV', { exact: true }).setInputFiles(ONEROSTER);
      // Teachers are listed, each saying whether an account with their email exists (the admin's does).
      const teachers = page.getByRole('list', { name: 'Teachers in the files' });
      await teachers.getByText('Marie Curie (curie@school.example): Year 9 Chemistry, set 2 · no account yet').waitFor();
      await teachers.getByText('Head Teacher (A11Y@school.example): Year 9 Chemistry, set 2 · has an account').waitFor();
      await page.getByText('2 rows ready to import, 1 with errors (not imported).').waitFor();
      await page.getByRole('list', { name: 'Rows with errors' }).getByText('enrollments.csv line 4: No student u-9 in users.csv').waitFor();
      found[`${width} OneRoster preview`] = await seriousViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  }, 300_000);

  it("passes the same checks on a teacher's pages, a mark's history open", async () => {
    const t = await openPage(browser);
    await t.page.goto(server.base);
    await t.page.getByLabel('Email').fill(TEACHER.email);
    await t.page.getByLabel('Password').fill(TEACHER.password);
    await t.page.getByRole('button', { name: 'Sign in' }).click();
    await t.page.getByRole('navigation', { name: 'Main' }).waitFor();
    const found: Record<string, string[]> = {};
    for (const width of [1280, 390]) {
      await t.page.setViewportSize({ width, height: 900 });
      for (const hash of ['#/', '#/students', '#/classes', '#/records', '#/settings']) {
        await t.page.goto(`${server.base}/${hash}`);
        await t.page.getByRole('heading', { level: 2 }).first().waitFor();
        if (hash === '#/records') {
          const history = t.page.getByRole('button', { name: /^(Change status|History) of A1/ }).first();
          await history.click();
          await t.page.getByRole('button', { name: /^(Change status|History) of A1/, expanded: true }).waitFor();
          if (width === 390) expect(await history.evaluate(inSight)).toBe(true);
        }
        found[`${width} ${hash}`] = [...(await t.page.evaluate(smallTargets)).small, ...(await seriousViolations(t.page))];
      }
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    await t.context.close();
  }, 300_000);

  it("rings every stop on a paired laptop's dark header and in its teacher sign-in", async () => {
    const res = await page.context().request.post(`${server.base}/api/devices`, { data: { name: 'Room 9 laptop', classIds: [classId] } });
    const { pairing } = (await res.json()) as { pairing: { code: string } };
    const laptop = await openPage(browser);
    expect((await laptop.context.request.post(`${server.base}/api/devices/pair`, { data: { code: pairing.code } })).status()).toBe(200);
    await laptop.page.goto(server.base);
    await laptop.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await laptop.page.getByText('Teacher sign-in').click();
    await laptop.page.getByRole('form', { name: 'Teacher sign-in' }).getByLabel('Email').waitFor();
    const weak: string[] = [];
    let inForm = 0;
    for (let i = 0; i < 300; i++) {
      await laptop.page.keyboard.press('Tab');
      const ring = await laptop.page.evaluate(focusRing);
      if (!ring) continue;
      if (ring.again) break;
      if (await laptop.page.evaluate(() => !!document.activeElement?.closest('form[aria-label="Teacher sign-in"]'))) inForm++;
      if (ring.vsPage < 3 || ring.vsControl < 3) weak.push(`${ring.what}: ring ${ring.ring}, ${ring.vsPage}:1 to page, ${ring.vsControl}:1 to control`);
    }
    expect(inForm).toBeGreaterThanOrEqual(3);
    expect(weak).toEqual([]);
    expect(await seriousViolations(laptop.page)).toEqual([]);
    await laptop.context.close();
  }, 120_000);

  it("chooses a class's students by search among 500, with the keyboard alone", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const students = Array.from({ length: 500 }, (_, i) => ({ studentId: `N${i}`, name: `Pupil ${i}` }));
    for (const s of students) {
      const res = await page.context().request.post(`${server.base}/api/students`, { data: s });
      expect(res.ok()).toBe(true);
    }
    await open('#/classes');
    await page.getByRole('button', { name: 'Choose students' }).click();
    await page.getByText('503 students in the school.').waitFor();
    const search = page.getByRole('searchbox', { name: /Find a student/ });
    await search.focus();
    await search.pressSequentially('pupil 49');
    // Eleven match (49, 490-499): Enter adds nobody while the choice is not clear.
    await page.getByText('11 matches.').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chosen: 2 students' }).waitFor();
    await search.pressSequentially('9');
    await page.getByText('1 match.').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chosen: 3 students' }).waitFor();
    expect(await search.inputValue()).toBe('');
    // Take Priya off: her match's button is the next stop after the search box.
    await search.pressSequentially('priya');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove Priya Raman-Whitfield');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chosen: 2 students' }).waitFor();
    // Taking someone off the chosen list leaves the keyboard in the search box, ready for the next.
    await page
      .getByRole('list', { name: /^Chosen/ })
      .getByRole('button', { name: 'Remove Pupil 499' })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chosen: 1 student' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('pupil 499');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chosen: 2 students' }).waitFor();
    await page.getByRole('button', { name: 'Save roster' }).click();
    await page.getByRole('button', { name: 'Choose students' }).waitFor();
    const saved = (await page.locator('.roster-names').textContent())!.split(', ').sort();
    expect(saved).toEqual(['Oluwaseun Adeyemi-Johnson', 'Pupil 499']);
  }, 300_000);
});
