// Records in Chromium: marks created through the API, filtered by class and days, a status
// corrected with a trail that says who changed what, the plain CSV export compared row by row
// with the API, a running session shown as running, and a session's log cleared after confirmation.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Mark } from '@rollcall/contracts';
import { createFirstAdmin, HAVE_CHROMIUM, launch, openPage, serveApp, type WebServer } from './harness.ts';

const ADMIN = { email: 'records@school.example', password: 'a long enough passphrase' };
const SPECIAL = [
  { studentId: 'S001', name: 'Smith, John' },
  { studentId: 'S002', name: 'Dwayne "The Rock" Johnson' },
  { studentId: 'S003', name: '=HYPERLINK("http://evil.example","x")' },
  { studentId: 'S004', name: 'Zoë Ørsted' },
];
/** More marks than one page (50) holds, so the export must read every page. */
const FILLERS = Array.from({ length: 52 }, (_, i) => ({ studentId: `F${String(i + 1).padStart(3, '0')}`, name: `Filler ${i + 1}` }));

/** A local time written with a +02:00 offset, as a device in that zone would send it. */
function at(minutesAgo: number): string {
  const d = new Date(Date.now() - minutesAgo * 60_000 + 2 * 3600_000);
  return d.toISOString().replace('Z', '+02:00');
}

describe.skipIf(!HAVE_CHROMIUM)('records page in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let mathId = '';
  let artSession = '';
  let days: { from: string; to: string } = { from: '', to: '' };

  async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<T> {
    // The context's request client carries the browser's session cookie.
    const res = await context.request.fetch(`${server.base}${path}`, { method, ...(data !== undefined && { data }) });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const listMarks = (query: Record<string, string>) =>
    api<{ items: Mark[]; total: number }>('GET', `/api/attendance?${new URLSearchParams({ ...query, limit: '500' })}`);

  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
    ({ context, page, errors } = await openPage(browser, { acceptDownloads: true }));
    await createFirstAdmin(page, server.base, ADMIN);

    for (const s of [...SPECIAL, ...FILLERS]) await api('POST', '/api/students', s);
    const math = await api<{ id: string }>('POST', '/api/classes', { name: 'Math', studentIds: [...SPECIAL, ...FILLERS].map((s) => s.studentId) });
    const art = await api<{ id: string }>('POST', '/api/classes', { name: 'Art', studentIds: ['S001', 'S004'] });
    mathId = math.id;
    // Math's session is over (it ended 100 minutes ago); Art's is still running.
    const mathSession = await api<{ id: string }>('POST', `/api/classes/${math.id}/sessions`, { startsAt: at(200), endsAt: at(100), lateAfterMinutes: 120 });
    const artS = await api<{ id: string }>('POST', `/api/classes/${art.id}/sessions`, { startsAt: at(60), lateAfterMinutes: 10 });
    artSession = artS.id;
    const mark = (studentId: string, sessionId: string, minutesAgo: number, similarity: number | null) => ({
      id: randomUUID(),
      studentId,
      sessionId,
      deviceId: 'laptop-7',
      markedAt: at(minutesAgo),
      similarity,
      method: similarity === null ? 'manual' : 'face',
    });
    const marks = [
      mark('S001', mathSession.id, 190, 0.981),
      mark('S002', mathSession.id, 189, 0.962),
      mark('S003', mathSession.id, 188, null),
      ...FILLERS.map((f, i) => mark(f.studentId, mathSession.id, 199 - i / 10, 0.97)),
      mark('S001', artS.id, 50, 0.975),
      mark('S004', artS.id, 49, 0.99),
    ];
    const posted = await api<{ results: { status: string }[] }>('POST', '/api/attendance', { marks });
    expect(posted.results.every((r) => r.status === 'accepted')).toBe(true);
    const all = await listMarks({});
    const sorted = all.items.map((m) => m.day).sort();
    days = { from: sorted[0]!, to: sorted.at(-1)! };
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters marks by class and days, a page at a time', async () => {
    await page.getByRole('link', { name: 'Records' }).click();
    await page.getByLabel('From', { exact: true }).fill(days.from);
    await page.getByLabel('To', { exact: true }).fill(days.to);
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Math' });
    const table = page.getByRole('table', { name: 'Marks' });
    await page.getByRole('navigation', { name: 'Pages of marks' }).getByText('1–50 of 55').waitFor();
    expect(await table.getByRole('row').count()).toBe(51);
    for (const s of SPECIAL.slice(0, 3)) expect(await table.getByRole('row').filter({ hasText: s.studentId }).filter({ hasText: s.name }).count()).toBe(1);
    // Art's marks are not in Math's filter.
    expect(await table.getByRole('row').filter({ hasText: 'S004' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('51–55 of 55').waitFor();
    expect(await table.getByRole('row').count()).toBe(6);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('1–50 of 55').waitFor();

    // One student across every class: Math and Art.
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'All classes' });
    await page.getByLabel('Student', { exact: true }).fill('S001');
    await page.getByText('1–2 of 2').waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Smith, John' }).count()).toBe(2);
    await page.getByLabel('Student', { exact: true }).fill('');
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Math' });
    await page.getByText('1–50 of 55').waitFor();
  });

  it('changes a status with a reason and shows it in the audit trail and the totals', async () => {
    const row = page.getByRole('table', { name: 'Marks' }).getByRole('row').filter({ hasText: 'S002' });
    const before = (await row.getByRole('cell').nth(3).textContent())!;
    await page.getByRole('button', { name: 'Change status of S002' }).click();
    const form = page.getByRole('form', { name: 'Change status of S002' });
    await form.getByLabel('New status').selectOption('excused');
    await form.getByLabel('Reason (optional)').fill("Doctor's note");
    await form.getByRole('button', { name: 'Save status' }).click();
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await trail.getByText(new RegExp(`^records changed ${before} → Excused at .+ — “Doctor's note”$`)).waitFor();
    await trail.getByText('First marked by records.').waitFor();
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('Excused');
    const totals = page.getByRole('table', { name: 'Totals per student' }).getByRole('row').filter({ hasText: 'S002' });
    await expect.poll(() => totals.getByRole('cell').allTextContents()).toEqual(['S002', SPECIAL[1]!.name, '0', '0', '1', '0', '1']);
    const stored = await listMarks({ studentId: 'S002' });
    expect(stored.items.map((m) => m.status)).toEqual(['excused']);
    await page.getByRole('img', { name: 'Attendance rate per day' }).waitFor();
    // The legend's rate over the range is the API's daily figures added up for the class.
    const stats = await api<{ days: { classId: string | null; present: number; late: number; expected: number }[] }>(
      'GET',
      `/api/stats/daily?from=${days.from}&to=${days.to}&classId=${mathId}`,
    );
    const math = stats.days.filter((d) => d.classId === mathId);
    const rate = Math.round((100 * math.reduce((n, d) => n + d.present + d.late, 0)) / math.reduce((n, d) => n + d.expected, 0));
    await expect.poll(() => page.getByRole('figure').getByRole('listitem').first().textContent()).toBe(`Math · ${rate}% over the range`);
  });

  it('exports exactly the filtered rows (every page) as CSV, matching the API', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`attendance-${days.from}-${days.to}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Marked at', 'Time zone', 'School day', 'Student ID', 'Student', 'Class', 'Status', 'How marked', 'Marked by', 'Reason']);

    const expected = await listMarks({ classId: mathId, from: days.from, to: days.to });
    expect(expected.total).toBe(55);
    const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    const words = { present: 'Present', late: 'Late', excused: 'Excused', absent: 'Absent' } as const;
    expect(rows.slice(1)).toEqual(
      expected.items.map((m) => [
        // The laptop's wall clock (it sent +02:00), as Excel reads a time.
        m.markedAt.slice(0, 19).replace('T', ' '),
        'UTC+02:00',
        m.day,
        m.studentId,
        safe(m.studentName ?? ''),
        'Math',
        words[m.status],
        m.method === 'face' ? 'Camera (strong match)' : 'By hand',
        m.markedBy ?? '',
        m.reason ?? '',
      ]),
    );
    expect(rows.find((r) => r[3] === 'S002')!.slice(6, 10)).toEqual(['Excused', 'Camera (strong match)', 'records', "Doctor's note"]);
    // No ids, no UTC "Z" times, no match scores in the plain file.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|\d\dZ|0\.9\d/);
    expect(rows.find((r) => r[3] === 'S003')![4]).toBe(`'${SPECIAL[2]!.name}`);
    expect(rows.find((r) => r[3] === 'S001')![4]).toBe('Smith, John');
    expect(text).toContain('"Dwayne ""The Rock"" Johnson"');
  });

  it('writes the register CSV with semicolons for a French browser, as its Excel expects', async () => {
    const office = await browser.newContext({ locale: 'fr-FR', storageState: await context.storageState(), acceptDownloads: true });
    const fr = await office.newPage();
    await fr.goto(`${server.base}/#/records`);
    await fr.getByLabel('From', { exact: true }).fill(days.from);
    await fr.getByLabel('To', { exact: true }).fill(days.to);
    await fr.getByLabel('Class', { exact: true }).selectOption({ label: 'Math' });
    expect(await fr.getByLabel('Separator').inputValue()).toBe(';');
    const [download] = await Promise.all([fr.waitForEvent('download'), fr.getByRole('button', { name: 'Export register CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true, delimiter: ';' }).data;
    expect(rows[0]).toEqual([
      'Class',
      'Date',
      'Start',
      'Time zone',
      'Student ID',
      'Student',
      'Status',
      'Code',
      'Code meaning',
      'Marked at',
      'How marked',
      'Marked by',
      'Reason',
    ]);
    // One row per roster student; the comma in a name stays inside its cell.
    expect(rows.length - 1).toBe(SPECIAL.length + FILLERS.length);
    expect(rows.find((r) => r[4] === 'S001')![5]).toBe('Smith, John');
    // Zoë was not seen in Math's session, which is over: absent, as the statistics count her, in the school's (plain) code.
    expect(rows.find((r) => r[4] === 'S004')!.slice(6, 11)).toEqual(['Absent', 'A', 'Absent', '', 'Not seen before the end']);
    await office.close();
  });

  it("clears a session's log after confirmation", async () => {
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Art' });
    // Art's session is running: shown as so far, in no rate yet.
    await page
      .getByRole('list', { name: 'Sessions still running' })
      .getByText(/Art: running: 2 of 2 here so far \(not counted until the session ends\)$/)
      .waitFor();
    await page.getByLabel('Session', { exact: true }).selectOption({ index: 1 });
    const table = page.getByRole('table', { name: 'Marks' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await page.getByRole('button', { name: 'Clear log' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm clearing the log' });
    await dialog.getByLabel('Reason (optional)').fill('test run');
    await dialog.getByRole('button', { name: 'Yes, clear the log' }).click();
    await page.getByRole('status').filter({ hasText: 'Cleared 2 marks.' }).waitFor();
    await page.getByText('No marks match this filter.').waitFor();
    expect((await listMarks({ sessionId: artSession })).total).toBe(0);
    // Math's marks are untouched.
    expect((await listMarks({ classId: mathId })).total).toBe(55);
    expect(errors).toEqual([]);
  });
});
