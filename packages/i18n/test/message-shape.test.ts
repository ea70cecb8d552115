import { describe, expect, it } from 'vitest';
import { messageShape } from './message-shape.ts';

describe('messageShape', () => {
  const english = '{n, plural, one {# pupil} other {# pupils}} in <b>{className}</b>';
  it('is the same for a translation with other plural branches', () => {
    const arabic = '{n, plural, zero {لا تلاميذ} one {تلميذ} two {تلميذان} few {# تلاميذ} many {# تلميذًا} other {# تلميذ}} في <b>{className}</b>';
    expect(messageShape(arabic, 'ar')).toEqual(messageShape(english, 'en'));
  });
  it('differs for a renamed argument or a dropped tag', () => {
    expect(messageShape('{n, plural, one {# Kind} other {# Kinder}} in {klasse}', 'de')).not.toEqual(messageShape(english, 'en'));
    expect(messageShape('{n, plural, one {# Kind} other {# Kinder}} in {className}', 'de')).not.toEqual(messageShape(english, 'en'));
  });
  it('says why a broken message does not parse', () => {
    expect(messageShape('{n, plural, one {# Kind}', 'de')).toMatch(/does not parse/);
  });
});
