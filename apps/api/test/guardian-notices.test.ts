// Absence notices to guardians end to end, on both databases, through a real SMTP server started
// here: ending a session sends one notice per unexplained absence and guardian, in the guardian's
// language; a reason recorded in time cancels; a refusing server means retries and, once it takes
// mail again, one message; an instance that claimed a notice and died leaves it to another, once.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../src/features/notices/notices.repository.ts';
import { dialects, startApi, type TestApi } from './context.ts';
import { startInbox, type Inbox } from './smtp-inbox.ts';
import { API_LANGUAGES } from '../src/http/language.ts';

const MINUTE = 60_000;

describe.each(dialects)('guardian notices on %s', (dialect) => {
  let api: TestApi;
  let inbox: Inbox;
  /** The API's clock runs this far ahead of the real one: how a test lets minutes pass. */
  let shift = 0;
  let n = 0;

  beforeAll(async () => {
    inbox = await startInbox();
    api = await startApi(dialect, {
      now: () => Date.now() + shift,
      notices: {
        smtp: { host: '127.0.0.1', port: inbox.port, secure: false, user: null, password: null, from: 'Oak School <office@oak.example>' },
        webhook: null,
        timing: { pollMs: 50, retryBaseMs: 100, leaseMs: 2 * MINUTE },
      },
    });
  });
  afterAll(async () => {
    await api.close();
    await inbox.close();
  });
  afterEach(() => {
    inbox.received.length = 0;
    inbox.refusing = false;
  });

  const settings = (body: Record<string, unknown>) => api.call('PATCH', '/api/notices/settings', body);
  const notices = async (studentId: string) =>
    (await api.call('GET', `/api/students/${studentId}/notices`)).body.items as { state: string; [k: string]: unknown }[];

  /** A class of these students (name, guardians) with a period of today, and a session of it started 40 minutes ago. */
  async function lesson(students: Record<string, { name: string; guardians: Record<string, unknown>[] }>) {
    const ids: Record<string, string> = {};
    for (const [key, s] of Object.entries(students)) {
      ids[key] = `G${++n}`;
      expect((await api.call('POST', '/api/students', { studentId: ids[key], name: s.name })).status).toBe(201);
      const set = await api.call('PUT', `/api/students/${ids[key]}/guardians`, { guardians: s.guardians });
      expect(set.status).toBe(200);
    }
    const classId = (await api.call('POST', '/api/classes', { name: `Form ${++n}C`, studentIds: Object.values(ids) })).body.id as string;
    const weekday = ((new Date(Date.now() + shift).getDay() + 6) % 7) + 1;
    const period = await api.call('POST', `/api/classes/${classId}/periods`, { label: 'Period 2', weekday, startsAt: '00:00', endsAt: '23:59' });
    expect(period.status).toBe(201);
    const startsAt = new Date(Date.now() + shift - 40 * MINUTE).toISOString();
    const session = await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt, periodId: period.body.id });
    expect(session.status).toBe(201);
    return { ids, classId, className: `Form ${n}C`, sessionId: session.body.id as string };
  }

  const mark = (studentId: string, sessionId: string, over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    studentId,
    sessionId,
    deviceId: 'laptop-1',
    markedAt: new Date(Date.now() + shift).toISOString(),
    method: 'manual',
    ...over,
  });

  async function waitUntil(what: string, check: () => Promise<boolean>, ms = 20_000) {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('ends a session with two unexplained absences: exactly two notices arrive, in each guardian’s language, naming student, class and period', async () => {
    expect((await settings({ trigger: 'first-period', delayMinutes: 0, defaultLanguage: 'en' })).status).toBe(200);
    const l = await lesson({
      here: { name: 'Pia Present', guardians: [{ name: 'Paul Present', email: 'paul@home.example' }] },
      absentEn: { name: 'Ann Absent', guardians: [{ name: 'Mary Absent', relation: 'mother', email: 'mary@home.example', language: 'en' }] },
      absentDe: {
        name: 'Jörg Weiß',
        guardians: [{ name: 'Jürgen Weiß', relation: 'Vater', email: 'juergen@home.example', language: 'de', phone: '+49 30 1234567' }],
      },
      excused: { name: 'Eve Excused', guardians: [{ name: 'Ed Excused', email: 'ed@home.example' }] },
      quiet: { name: 'Quinn Quiet', guardians: [{ name: 'Quentin Quiet', email: 'quentin@home.example', mayContact: false }] },
    });
    const posted = await api.call('POST', '/api/attendance', {
      marks: [mark(l.ids.here!, l.sessionId), mark(l.ids.excused!, l.sessionId, { status: 'excused', reason: 'Dentist' })],
    });
    expect(posted.status).toBe(200);

    const t0 = Date.now();
    const ended = await api.call('POST', `/api/sessions/${l.sessionId}/end`);
    expect(ended.body.markedAbsent).toBe(3);
    const mail = await inbox.waitFor(2);
    const elapsed = Math.max(...mail.map((m) => m.at)) - t0;
    console.log(`[${dialect}] End session -> both notices in the inbox: ${elapsed} ms`);

    await waitUntil('notices settled', async () => (await notices(l.ids.absentDe!))[0]?.state === 'sent');
    const day = String((await notices(l.ids.absentEn!))[0]!.day);
    expect(day).toBe(new Date(Date.parse(ended.body.session.startsAt)).toLocaleDateString('sv'));
    await new Promise((r) => setTimeout(r, 300)); // a few more polls: nothing else may arrive
    expect(inbox.received).toHaveLength(2);
    const byTo = new Map(inbox.received.map((m) => [m.to.join(','), m.mail]));
    const en = byTo.get('mary@home.example')!;
    expect(en.subject).toBe(`Ann Absent was absent: Period 2, ${day}`);
    expect(en.text).toContain('Dear Mary Absent,');
    expect(en.text).toContain(`Ann Absent (${l.className}) was marked absent in Period 2 on ${day}`);
    expect(en.html).toBe(false);
    expect(en.from?.text).toContain('office@oak.example');
    const de = byTo.get('juergen@home.example')!;
    expect(de.subject).toBe(`Jörg Weiß hat gefehlt: Period 2, ${day}`);
    expect(de.text).toContain('Guten Tag Jürgen Weiß,');
    expect(de.headers.get('content-language')).toBe('de');

    const recorded = await notices(l.ids.absentDe!);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ channel: 'email', recipient: 'juergen@home.example', language: 'de', state: 'sent', attempts: 1 });
    expect(recorded[0]!.result).toMatch(/^250/);
    expect(await notices(l.ids.excused!)).toEqual([]);
    expect(await notices(l.ids.quiet!)).toEqual([]);
    expect(await notices(l.ids.here!)).toEqual([]);

    // Ending it again (a corrected end time) queues nothing more: one notice per student and day.
    await api.call('POST', `/api/sessions/${l.sessionId}/end`, { endsAt: new Date(Date.now() + shift - MINUTE).toISOString() });
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.received).toHaveLength(2);
  });

  it('cancels a notice when a reason is recorded before its send time', async () => {
    expect((await settings({ delayMinutes: 10 })).status).toBe(200);
    const l = await lesson({
      sick: { name: 'Sam Sick', guardians: [{ name: 'Sue Sick', email: 'sue@home.example' }] },
      truant: { name: 'Tim Truant', guardians: [{ name: 'Tess Truant', email: 'tess@home.example' }] },
    });
    await api.call('POST', `/api/sessions/${l.sessionId}/end`);
    const pending = await notices(l.ids.sick!);
    expect(pending).toMatchObject([{ state: 'pending', attempts: 0 }]);
    const absent = (await api.call('GET', `/api/sessions/${l.sessionId}/register`)).body.rows.find((r: { studentId: string }) => r.studentId === l.ids.sick);
    const corrected = await api.call('PATCH', `/api/attendance/${absent.markId}`, { status: 'excused', reason: 'Parent phoned: flu' });
    expect(corrected.status).toBe(200);

    shift += 11 * MINUTE;
    await inbox.waitFor(1);
    await waitUntil('the cancelled notice settled', async () => (await notices(l.ids.sick!))[0]?.state === 'cancelled');
    expect((await notices(l.ids.sick!))[0]!.result).toBe('cancelled: the mark was changed to excused');
    expect(inbox.received.map((m) => m.to)).toEqual([['tess@home.example']]);
    await settings({ delayMinutes: 0 });
  });

  it('keeps a notice pending while the mail server refuses, retries it, and delivers it once when the server takes mail again', async () => {
    inbox.refusing = true;
    const l = await lesson({ a: { name: 'Rae Retry', guardians: [{ name: 'Rob Retry', email: 'rob@home.example' }] } });
    await api.call('POST', `/api/sessions/${l.sessionId}/end`);
    await waitUntil('two refused attempts', async () => Number((await notices(l.ids.a!))[0]?.attempts) >= 2);
    const refused = (await notices(l.ids.a!))[0]!;
    expect(refused.state).toBe('pending');
    expect(String(refused.result)).toMatch(/451|try again later/i);
    expect(inbox.received).toHaveLength(0);

    inbox.refusing = false;
    await inbox.waitFor(1);
    await waitUntil('sent', async () => (await notices(l.ids.a!))[0]?.state === 'sent');
    await new Promise((r) => setTimeout(r, 400));
    expect(inbox.received).toHaveLength(1);
    const sent = (await notices(l.ids.a!))[0]!;
    console.log(`[${dialect}] refused then delivered after ${sent.attempts} attempts`);
    expect(sent.result).toMatch(/^250/);
  });

  it('an instance that claimed a notice and stopped before sending: a new instance sends it once the claim runs out, exactly once', async () => {
    await settings({ delayMinutes: 10 });
    const l = await lesson({ a: { name: 'Cora Crash', guardians: [{ name: 'Carl Crash', email: 'carl@home.example' }] } });
    await api.call('POST', `/api/sessions/${l.sessionId}/end`);
    const [queued] = await notices(l.ids.a!);
    // The instance that stopped took the claim when the notice fell due, as its sender does, and never got to send.
    const dueAt = Date.parse(String(queued!.sendAfter));
    expect(await claim(api.database.db, String(queued!.id), randomUUID(), dueAt, 2 * MINUTE)).toBe(true);

    const second = await api.secondInstance();
    shift += 11 * MINUTE; // due, but the stopped instance's claim still holds
    await new Promise((r) => setTimeout(r, 400));
    expect(inbox.received).toHaveLength(0);
    expect((await notices(l.ids.a!))[0]).toMatchObject({ state: 'pending', attempts: 1 });

    shift += 2 * MINUTE; // the claim has run out: both running instances race for it
    await inbox.waitFor(1);
    await waitUntil('sent', async () => (await notices(l.ids.a!))[0]?.state === 'sent');
    await new Promise((r) => setTimeout(r, 400));
    expect(inbox.received.map((m) => m.to)).toEqual([['carl@home.example']]);
    expect((await notices(l.ids.a!))[0]).toMatchObject({ state: 'sent', attempts: 2 });
    await second.close();
    await settings({ delayMinutes: 0 });
  });

  it('refuses a guardian email that would inject a header, with a code, and keeps the guardians as they were', async () => {
    const l = await lesson({ a: { name: 'Hal Header', guardians: [{ name: 'Hana Header', email: 'hana@home.example' }] } });
    for (const email of ['hana@home.example\r\nBcc: all@evil.example', 'hana@home.example\nSubject: hi', 'Evil <x@evil.example>', 'a@b.example, c@d.example']) {
      const res = await api.call('PUT', `/api/students/${l.ids.a}/guardians`, { guardians: [{ name: 'Hana Header', email }] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation-failed');
    }
    const kept = (await api.call('GET', `/api/students/${l.ids.a}/guardians`)).body.items;
    expect(kept).toMatchObject([{ name: 'Hana Header', email: 'hana@home.example', mayContact: true }]);
  });

  it('sends a template with HTML in a name as plain text: the markup stays visible text, no header is added', async () => {
    await settings({
      templates: [{ language: 'en', subject: 'Absence: {student}', body: 'Hello {guardian}, {student} missed {period}.\n{class}' }],
    });
    const l = await lesson({
      a: { name: '<b>Bo</b><script>alert(1)</script>', guardians: [{ name: '<img src=x onerror=alert(1)>', email: 'bo@home.example' }] },
    });
    await api.call('POST', `/api/sessions/${l.sessionId}/end`);
    const [got] = await inbox.waitFor(1);
    expect(got!.mail.subject).toBe('Absence: <b>Bo</b><script>alert(1)</script>');
    expect(got!.mail.html).toBe(false);
    expect(got!.mail.text).toContain('Hello <img src=x onerror=alert(1)>, <b>Bo</b><script>alert(1)</script> missed Period 2.');
    expect(got!.mail.headers.has('bcc')).toBe(false);
    await settings({ reset: ['en'] });
  });

  it('stores the settings and wording an admin edits, falls back to the built-in ones, and refuses a bad language', async () => {
    const s = (await api.call('GET', '/api/notices/settings')).body;
    expect(s.channels).toEqual(['email']);
    // Every language of the catalogue has built-in wording, none edited yet.
    expect(s.templates.map((t: { language: string; custom: boolean }) => [t.language, t.custom])).toEqual(
      [...API_LANGUAGES].sort().map((language) => [language, false]),
    );
    expect(API_LANGUAGES).toEqual(expect.arrayContaining(['ar', 'de', 'en', 'es']));
    const bad = await settings({ defaultLanguage: 'German!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation-failed');
    const changed = (await settings({ trigger: 'term-threshold', threshold: 3 })).body;
    expect(changed).toMatchObject({ trigger: 'term-threshold', threshold: 3 });
    await settings({ trigger: 'first-period' });
  });

  it('erases guardians and notices with the student, and lists them in the subject export', async () => {
    const l = await lesson({ a: { name: 'Del Gone', guardians: [{ name: 'Dot Gone', email: 'dot@home.example' }] } });
    await api.call('POST', `/api/sessions/${l.sessionId}/end`);
    await inbox.waitFor(1);
    await waitUntil('sent', async () => (await notices(l.ids.a!))[0]?.state === 'sent');
    const exported = (await api.call('GET', `/api/students/${l.ids.a}/export`)).body;
    expect(exported.guardians).toMatchObject([{ name: 'Dot Gone', email: 'dot@home.example' }]);
    expect(exported.notices).toMatchObject([{ recipient: 'dot@home.example', state: 'sent' }]);
    expect((await api.call('DELETE', `/api/students/${l.ids.a}?keepMarks=true`)).status).toBe(200);
    const db = api.database.db;
    expect(await db.selectFrom('guardians').select('id').where('student_id', '=', l.ids.a!).execute()).toEqual([]);
    expect(await db.selectFrom('notice_outbox').select('id').where('student_id', '=', l.ids.a!).execute()).toEqual([]);
  });
});
