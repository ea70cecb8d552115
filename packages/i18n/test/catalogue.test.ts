// The catalogue check CI runs: every message in the code is in en.json with the same English, every
// other language has exactly the messages the code uses, and each translation is a valid ICU
// message with the same arguments and tags as its English. Adding a message means running
// `pnpm i18n:extract`; a language that falls behind fails here before a person sees English.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES_DIR, readCatalogues } from '../src/node.ts';
import { SOURCE_LANGUAGE } from '../src/languages.ts';
import { messageShape } from './message-shape.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The messages in the code, by the same command as `pnpm i18n:extract` (it refuses one id with two texts). */
function extract(): Record<string, string> {
  const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['i18n:extract'] as string;
  const out = join(mkdtempSync(join(tmpdir(), 'rollcall-i18n-')), 'en.json');
  const command = script.replace(/^formatjs /, '').replace(/--out-file \S+/, '');
  const args = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  execFileSync(join(root, 'node_modules/.bin/formatjs'), [...args, '--out-file', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  return JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
}

const code = extract();
const catalogues = readCatalogues(MESSAGES_DIR);
const english = catalogues.get(SOURCE_LANGUAGE) ?? {};

describe('the message catalogue', () => {
  it('has messages in the code', () => {
    expect(Object.keys(code).length).toBeGreaterThan(0);
  });

  it('en.json is what the code says (run `pnpm i18n:extract` after changing a message)', () => {
    const stale = Object.keys(code).filter((id) => english[id] !== code[id]);
    const unused = Object.keys(english).filter((id) => !(id in code));
    expect({ stale, unused }).toEqual({ stale: [], unused: [] });
  });

  for (const [language, catalogue] of catalogues) {
    if (language === SOURCE_LANGUAGE) continue;
    describe(`${language}.json`, () => {
      it('translates every message the code uses, and no other', () => {
        const missing = Object.keys(code).filter((id) => !(id in catalogue));
        const unused = Object.keys(catalogue).filter((id) => !(id in code));
        expect({ missing, unused }).toEqual({ missing: [], unused: [] });
      });

      it('keeps each message valid ICU with the English arguments and tags', () => {
        const wrong: string[] = [];
        for (const [id, translated] of Object.entries(catalogue)) {
          if (!(id in code)) continue;
          const want = messageShape(code[id]!, language);
          const got = messageShape(translated, language);
          if (typeof got === 'string') wrong.push(`${id}: ${got}`);
          else if (typeof want !== 'string' && JSON.stringify(got) !== JSON.stringify(want))
            wrong.push(`${id}: has ${JSON.stringify(got)}, English has ${JSON.stringify(want)}`);
        }
        expect(wrong).toEqual([]);
      });
    });
  }
});
