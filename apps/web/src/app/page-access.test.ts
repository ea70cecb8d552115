import { describe, expect, it } from 'vitest';
import { parseHash } from '../core/router.ts';
import { closedText, mayOpen, navFor } from './page-access.ts';

describe('page access', () => {
  it('offers each role only the pages it may use', () => {
    expect(navFor('device').map((n) => n.label)).toEqual(['Take attendance', 'Settings', 'Camera check']);
    expect(navFor('teacher').map((n) => n.label)).toEqual([
      'Take attendance',
      'Students',
      'Classes',
      'Records',
      'Absences',
      'Classroom laptops',
      'Settings',
      'Camera check',
    ]);
    expect(navFor('admin').map((n) => n.label)).toContain('Teachers');
    expect(navFor('admin').map((n) => n.label)).toContain('Privacy');
    expect(navFor('admin').map((n) => n.label)).toContain('Absence notices');
  });

  it('closes the student forms to teachers before any work is done', () => {
    for (const hash of ['#/students/new', '#/students/S1', '#/import-roster', '#/import-folder', '#/teachers', '#/notices']) {
      const page = parseHash(hash).page;
      expect(mayOpen('teacher', page), hash).toBe(false);
      expect(mayOpen('admin', page), hash).toBe(true);
      expect(closedText(page)).toContain('Only an admin');
    }
    expect(mayOpen('device', 'records')).toBe(false);
    expect(closedText('records')).toContain('classroom laptop');
    expect(mayOpen('device', 'absences')).toBe(false);
    expect(parseHash('#/absences').page).toBe('absences');
  });

  it('reads a pairing address with its code', () => {
    expect(parseHash('#/pair/ABCD-EFGH')).toEqual({ page: 'pair', code: 'ABCD-EFGH' });
    expect(parseHash('#/pair')).toEqual({ page: 'pair', code: '' });
  });
});
