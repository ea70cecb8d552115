import { afterEach, describe, expect, it } from 'vitest';
import { DFE_CODES, PLAIN_CODES } from '@rollcall/contracts';
import { setLanguage } from '../core/i18n.ts';
import { codeMeaning } from './code-meaning.ts';

describe('codeMeaning', () => {
  afterEach(() => setLanguage('en'));

  it("says the plain set's meanings in the reader's language", async () => {
    expect(PLAIN_CODES.codes.map(codeMeaning)).toEqual(['Present', 'Late', 'Excused absence', 'Absent']);
    await setLanguage('de');
    expect(PLAIN_CODES.codes.map(codeMeaning)).toEqual(['Anwesend', 'Verspätet', 'Entschuldigte Abwesenheit', 'Abwesend']);
  });

  it("shows a school's or an authority's own wording as written", async () => {
    await setLanguage('de');
    expect(codeMeaning({ code: 'P', meaning: 'Da', status: 'present' })).toBe('Da');
    expect(codeMeaning(DFE_CODES.codes[0]!)).toBe('Present (AM)');
  });
});
