// The password rules on what a guesser tries first, and on passphrases people really choose.
import { describe, expect, it } from 'vitest';
import { passwordLength, weakPasswordReason } from './weak-passwords.ts';

describe('weakPasswordReason', () => {
  it('judges the password as it is stored: full-width digits are the ASCII ones', () => {
    expect(weakPasswordReason('１２３４５６７８９０')).toMatch(/most common/);
    expect(weakPasswordReason('ＲＯＬＬＣＡＬＬ２０２６')).not.toBeNull();
  });

  it('counts characters as a person does: accents stay with their letter', () => {
    const fiveAccented = 'e\u0301'.repeat(3) + 'a\u0300o\u0302';
    expect(fiveAccented.length).toBe(10);
    expect(passwordLength(fiveAccented)).toBe(5);
    expect(weakPasswordReason(fiveAccented)).toMatch(/at least 10 characters/);
    expect(passwordLength('\u0301'.repeat(5) + 'abcde')).toBeLessThan(10);
  });

  it('refuses sequences, keyboard walks and repeated characters', () => {
    for (const p of ['12345678901', 'aaaaaaaaab', 'qwertyuiop12', 'abcdefghijk1', '0987654321x', 'asdfghjkl;12', 'zzzzzzqqqqqq1', 'qwertzuiop9']) {
      expect([p, weakPasswordReason(p)]).toEqual([p, expect.any(String)]);
    }
  });

  it('refuses the product and school words, and common words, with a year or digits added', () => {
    for (const p of ['Rollcall2026', 'Teacher2026!', 'P@ssw0rd2026', 'school123456', '2026Student!', 'Welcome2027', 'TeacherTeacher1', 'Summer2026!!']) {
      expect([p, weakPasswordReason(p)]).toEqual([p, expect.any(String)]);
    }
  });

  it('keeps passphrases and passwords with real choice in them', () => {
    for (const p of [
      'correct horse battery staple',
      'teacher password 123',
      'a long enough passphrase',
      'maple kettle orbit',
      'Teacher of Year 9 maths',
      'Łódź w zimie 2026',
      'k8#Vq2!mZp',
      '山田太郎の秘密の合言葉です',
    ]) {
      expect([p, weakPasswordReason(p)]).toEqual([p, null]);
    }
  });
});
