// The renderer alone: placeholders filled once, values kept to one line, markup left as text.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, renderNotice, type NoticeValues } from './notice-templates.ts';

const values: NoticeValues = { student: 'Ann Lee', class: 'Form 7B', period: 'Period 2', date: '2026-12-07', guardian: 'Mary Lee' };

describe('rendering a notice', () => {
  it('fills every placeholder of the built-in templates, in English and German', () => {
    for (const t of Object.values(BUILT_IN_TEMPLATES)) {
      const { subject, body } = renderNotice(t, values);
      expect(`${subject}\n${body}`).not.toMatch(/\{[a-z]+\}/);
      expect(body).toContain('Ann Lee (Form 7B)');
    }
    expect(renderNotice(BUILT_IN_TEMPLATES.de!, values).subject).toBe('Ann Lee hat gefehlt: Period 2, 2026-12-07');
  });

  it('keeps a value on one line, so a name cannot start a header or a new paragraph', () => {
    const { subject, body } = renderNotice(
      { subject: 'Absent: {student}', body: 'Dear {guardian}' },
      { ...values, student: 'Ann\r\nBcc: all@evil.example', guardian: 'Mary\u2028Lee' },
    );
    expect(subject).toBe('Absent: Ann Bcc: all@evil.example');
    expect(body).toBe('Dear Mary Lee');
  });

  it('leaves markup and braces in a value as text, filled in one pass', () => {
    const { body } = renderNotice({ subject: 's', body: '{student} / {class}' }, { ...values, student: '<b>{class}</b>' });
    expect(body).toBe('<b>{class}</b> / Form 7B');
  });

  it('makes a subject one line even when the template breaks it', () => {
    expect(renderNotice({ subject: 'Absent\n{student}', body: 'x' }, values).subject).toBe('Absent Ann Lee');
  });
});
