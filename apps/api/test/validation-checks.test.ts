// Each of the contracts' own checks, refused by the real API: the issue it sends carries the check's
// code (so the web app words it in the person's language), and a German caller reads it in the
// German of de.json rather than English or zod's bare "invalid input".
import { checkOf, type CheckCode } from '@rollcall/contracts';
import { createTranslator, issueMessage } from '@rollcall/i18n';
import { MESSAGES_DIR, readCatalogues } from '@rollcall/i18n/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, type TestApi } from './context.ts';

const catalogues = readCatalogues(MESSAGES_DIR);
const german = createTranslator('de', catalogues.get('de') ?? {});
const english = createTranslator('en', catalogues.get('en') ?? {});

const SOME_ID = '00000000-0000-4000-8000-000000000001';
const mark = (fields: Record<string, unknown>) => ({
  marks: [{ id: SOME_ID, studentId: 'S001', deviceId: 'Room 12', markedAt: new Date().toISOString(), method: 'manual', ...fields }],
});

/** A request the API refuses for each check: method, path, body, and whether it goes without the admin's token. */
const REFUSED: [CheckCode, string, string, unknown, { anonymous?: boolean }?][] = [
  ['nothing-to-update', 'PATCH', '/api/students/S001', {}],
  ['nothing-to-update', 'PATCH', `/api/users/${SOME_ID}`, {}],
  ['nothing-to-update', 'PATCH', `/api/sessions/${SOME_ID}`, {}],
  ['nothing-to-update', 'PATCH', '/api/privacy/settings', {}],
  ['pairing-code-format', 'POST', '/api/devices/pair', { code: 'abcd-ef' }, { anonymous: true }],
  [
    'source-hash-format',
    'POST',
    '/api/students/S001/embeddings',
    { embeddings: [{ modelId: 'm', vector: 'AAAAAAAA', quality: 0.9, sourceHash: 'not-a-hash' }] },
  ],
  ['email-format', 'PUT', '/api/students/S001/guardians', { guardians: [{ name: 'Mum', email: 'mum at home' }] }],
  ['email-header-unsafe', 'PUT', '/api/students/S001/guardians', { guardians: [{ name: 'Mum', email: 'mum@example.org,dad@example.org' }] }],
  ['phone-format', 'PUT', '/api/students/S001/guardians', { guardians: [{ name: 'Mum', phone: 'ring the office' }] }],
  ['language-tag-format', 'PUT', '/api/auth/me/language', { language: 'German' }],
  ['not-seen-needs-manual-session', 'POST', '/api/attendance', mark({ method: 'face', status: 'not-seen' })],
  ['instant-out-of-range', 'POST', '/api/attendance', mark({ markedAt: '1969-12-31T23:00:00Z' })],
  ['absence-reason-blank', 'POST', '/api/absences/explain', { sessionId: SOME_ID, studentId: 'S001', reason: '   ' }],
];

describe.each(dialects)('the contracts’ checks, refused by the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it.each(REFUSED)('%s: %s %s carries the code and is said in German', async (code, method, path, body, opts) => {
    const res = await api.call(method, path, body, { headers: { 'accept-language': 'de' }, ...(opts?.anonymous && { token: null }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
    const [issue] = res.body.error.details.issues;
    expect(checkOf(issue)?.code).toBe(code);
    const said = issueMessage(german, issue);
    expect(said).not.toBe(issueMessage(english, issue));
    expect(res.body.error.message).toContain(said);
    expect(res.headers.get('content-language')).toBe('de');
  });
});
