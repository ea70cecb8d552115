// A guardian reads the built-in notice in their own language end to end: a German and an Arabic
// guardian each get the catalogue's subject and body (de.json, ar.json: the translators' wording,
// whatever it says today) through a real SMTP server, filled with the student, class, period,
// day and their own name, and marked with the language they are written in.
import { createTranslator, type Catalogue } from '@rollcall/i18n';
import { MESSAGES_DIR, readCatalogues } from '@rollcall/i18n/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, type TestApi } from './context.ts';
import { startInbox, type Inbox } from './smtp-inbox.ts';

const catalogues = readCatalogues(MESSAGES_DIR);

/** The built-in notice as the language's catalogue words it, for these values. */
function expected(language: string, values: Record<string, string>) {
  const tr = createTranslator(language, catalogues.get(language) as Catalogue);
  return {
    subject: tr.t({ id: 'notices.builtIn.subject', defaultMessage: '' }, values),
    body: tr.t({ id: 'notices.builtIn.body', defaultMessage: '' }, values),
  };
}

describe.each(dialects)('a notice in the guardian’s language on %s', (dialect) => {
  let api: TestApi;
  let inbox: Inbox;
  let n = 0;

  beforeAll(async () => {
    inbox = await startInbox();
    api = await startApi(dialect, {
      notices: {
        smtp: { host: '127.0.0.1', port: inbox.port, secure: false, user: null, password: null, from: 'Oak School <office@oak.example>' },
        webhook: null,
        timing: { pollMs: 50, retryBaseMs: 100, leaseMs: 120_000 },
      },
    });
    expect((await api.call('PATCH', '/api/notices/settings', { trigger: 'first-period', delayMinutes: 0, defaultLanguage: 'en' })).status).toBe(200);
  });
  afterAll(async () => {
    await api.close();
    await inbox.close();
  });

  /** One absent student with one guardian of `language`, in a class whose session today is ended: the mail that arrives. */
  async function noticeTo(language: string, student: string, guardian: string) {
    inbox.received.length = 0;
    const studentId = `L${++n}${dialect}`;
    const email = `guardian${n}@home.example`;
    expect((await api.call('POST', '/api/students', { studentId, name: student })).status).toBe(201);
    expect((await api.call('PUT', `/api/students/${studentId}/guardians`, { guardians: [{ name: guardian, email, language }] })).status).toBe(200);
    const className = `Klasse ${n}`;
    const classId = (await api.call('POST', '/api/classes', { name: className, studentIds: [studentId] })).body.id as string;
    const weekday = ((new Date().getDay() + 6) % 7) + 1;
    const period = await api.call('POST', `/api/classes/${classId}/periods`, { label: 'Period 3', weekday, startsAt: '00:00', endsAt: '23:59' });
    const startsAt = new Date(Date.now() - 40 * 60_000).toISOString();
    const session = await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt, periodId: period.body.id });
    expect(session.status).toBe(201);
    expect((await api.call('POST', `/api/sessions/${session.body.id}/end`)).body.markedAbsent).toBe(1);
    const [got] = await inbox.waitFor(1);
    const day = new Date(Date.parse(session.body.startsAt)).toLocaleDateString('sv');
    expect(got!.to).toEqual([email]);
    return { mail: got!.mail, values: { student, class: className, period: 'Period 3', date: day, guardian } };
  }

  it('writes to a German guardian in the German of de.json', async () => {
    const { mail, values } = await noticeTo('de', 'Jörg Weiß', 'Jürgen Weiß');
    const want = expected('de', values);
    expect(want.subject).not.toBe(expected('en', values).subject);
    expect(mail.subject).toBe(want.subject);
    expect(mail.text?.trimEnd()).toBe(want.body.trimEnd());
    expect(mail.headers.get('content-language')).toBe('de');
  });

  it('writes to an Arabic guardian in the Arabic of ar.json', async () => {
    const { mail, values } = await noticeTo('ar', 'ليلى حداد', 'سامي حداد');
    const want = expected('ar', values);
    expect(want.subject).toContain('ليلى حداد');
    expect(mail.subject).toBe(want.subject);
    expect(mail.text?.trimEnd()).toBe(want.body.trimEnd());
    expect(mail.headers.get('content-language')).toBe('ar');
  });
});
