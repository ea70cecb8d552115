// The language the API speaks to people: error messages in the caller's language where the
// catalogue has the code's sentence (the code unchanged), the server's English otherwise; the
// built-in wording of notices in each catalogue's language; a person's own language (over the
// request's) and the school's default, kept and answered in `me`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A German catalogue of a few messages, read by the API at start-up like packages/i18n/messages.
const dir = mkdtempSync(join(tmpdir(), 'rollcall-messages-'));
writeFileSync(join(dir, 'en.json'), '{}');
writeFileSync(
  join(dir, 'de.json'),
  JSON.stringify({
    'errors.studentNotFound': 'Diesen Schüler gibt es nicht: Er wurde vielleicht gelöscht.',
    'errors.forbidden': 'Das dürfen Sie nicht.',
    'notices.builtIn.subject': 'Abwesend: {student}, {period}, {date}',
    'notices.builtIn.body': 'Hallo {guardian},\n{student} ({class}) fehlte am {date} in {period}.',
  }),
);
process.env.ROLLCALL_MESSAGES_DIR = dir;
const { dialects, startApi } = await import('./context.ts');
type TestApi = Awaited<ReturnType<typeof startApi>>;

describe.each(dialects)('the language of the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('says an error in the language the request accepts, with the same code', async () => {
    const de = await api.call('GET', '/api/students/NOPE', undefined, { headers: { 'accept-language': 'fr;q=0.9, de-AT;q=0.8, en;q=0.5' } });
    expect(de.status).toBe(404);
    expect(de.body.error).toEqual({ code: 'student-not-found', message: 'Diesen Schüler gibt es nicht: Er wurde vielleicht gelöscht.' });
    expect(de.headers.get('content-language')).toBe('de');

    const en = await api.call('GET', '/api/students/NOPE', undefined, { headers: { 'accept-language': 'en-GB,de;q=0.5' } });
    expect(en.body.error.code).toBe('student-not-found');
    expect(en.body.error.message).toMatch(/NOPE/);
  });

  it("writes to guardians in their language from the catalogue's built-in wording", async () => {
    const { templates } = (await api.call('GET', '/api/notices/settings')).body as { templates: { language: string; subject: string; custom: boolean }[] };
    expect(templates.find((t) => t.language === 'de')).toMatchObject({ subject: 'Abwesend: {student}, {period}, {date}', custom: false });
    expect(templates.find((t) => t.language === 'en')).toMatchObject({ subject: '{student} was absent: {period}, {date}', custom: false });
  });

  it("keeps the server's English where the language lacks the sentence", async () => {
    const r = await api.call('POST', '/api/classes', { name: '' }, { headers: { 'accept-language': 'de' } });
    expect(r.body.error.code).toBe('validation-failed');
    expect(r.body.error.message).toMatch(/^Invalid request/);
    expect(r.headers.get('content-language')).toBeNull();
  });

  it("keeps a person's own language and the school's default, and answers both in me", async () => {
    const teacher = await api.teacher([]);
    const as = api.clientAs(teacher.token);
    expect(await as.me({})).toMatchObject({ actor: { user: { language: null } }, schoolLanguage: null });

    const mine = await as.setMyLanguage({ body: { language: 'de' } });
    expect(mine).toMatchObject({ actor: { kind: 'user', user: { id: teacher.id, language: 'de' } } });
    expect(await api.client.setSchoolLanguage({ body: { language: 'es' } })).toEqual({ language: 'es' });
    expect(await as.me({})).toMatchObject({ actor: { user: { language: 'de' } }, schoolLanguage: 'es' });

    // Their own language over the browser's: a refusal is said in German even to an English request.
    const refused = await api.call('PUT', '/api/school/language', { language: 'de' }, { token: teacher.token, headers: { 'accept-language': 'en' } });
    expect(refused.body.error).toEqual({ code: 'forbidden', message: 'Das dürfen Sie nicht.' });

    await as.setMyLanguage({ body: { language: null } });
    expect(await as.me({})).toMatchObject({ actor: { user: { language: null } }, schoolLanguage: 'es' });
    expect((await api.call('PUT', '/api/school/language', { language: 'es' }, { token: teacher.token })).status).toBe(403);
    expect((await api.call('PUT', '/api/auth/me/language', { language: 'not a tag' }, { token: teacher.token })).status).toBe(400);
  });
});
