// A refused request in the caller's language: the API sends each validation issue's code and values
// beside its English, so a German caller reads the contract's own check in the German of de.json
// (and the web app, which words the issue itself, reads the same); an English caller reads the
// server's own sentence, as before.
import { createTranslator, errorMessage } from '@rollcall/i18n';
import { MESSAGES_DIR, readCatalogues } from '@rollcall/i18n/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, type TestApi } from './context.ts';

const german = readCatalogues(MESSAGES_DIR).get('de') ?? {};

describe.each(dialects)('validation issues in the caller’s language on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  const backwards = { name: 'Frühling', firstDay: '2027-04-10', lastDay: '2027-01-04' };

  it('says a term whose last day comes first in German, with the check’s code in the details', async () => {
    const res = await api.call('POST', '/api/terms', backwards, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'lastDay', code: 'custom', params: { check: 'term-ends-before-start' } });
    expect(res.body.error.details.issues[0]).not.toHaveProperty('input');
    const said = errorMessage(createTranslator('de', german), 'validation-failed', res.body.error.details);
    expect(said).toContain(german['validation.termEndsBeforeStart']);
    expect(res.body.error.message).toBe(said);
    expect(res.headers.get('content-language')).toBe('de');
  });

  it('keeps the server’s English for an English caller', async () => {
    const res = await api.call('POST', '/api/terms', backwards, { headers: { 'accept-language': 'en-GB' } });
    expect(res.body.error.message).toContain('lastDay: A term’s last day cannot come before its first day.');
  });
});
