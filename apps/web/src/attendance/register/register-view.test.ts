// The register view: pending outbox marks over the server's register, counted as the server would;
// a camera mark made in doubt shows as flagged there and keeps its words in the register CSV.
import Papa from 'papaparse';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NewMark, Register } from '@rollcall/contracts';
import { FLAGGED_FACE_REASON } from '../../core/marking.ts';
import { registersToCsv } from '../../core/register-csv.ts';
import { MarkReason } from '../../ui/MarkReason.tsx';
import { registerView } from './register-view.ts';
import { isFlaggedFaceMark } from '../../ui/status-text.ts';

const SID = '11111111-1111-4111-8111-111111111111';
const row = (studentId: string, name: string, status: Register['rows'][number]['status'] = 'not-seen') => ({
  studentId,
  name,
  onRoster: true,
  status,
  markId: null,
  method: status === 'not-seen' ? null : ('face' as const),
  markedAt: null,
  markedBy: null,
  reason: null,
  similarity: null,
  deviceId: null,
});
const register: Register = {
  session: {
    id: SID,
    classId: '22222222-2222-4222-8222-222222222222',
    startsAt: '2026-11-29T09:00:00+01:00',
    endsAt: null,
    lateAfterMinutes: 10,
    active: true,
  },
  className: '7B',
  rows: [row('A', 'Ann Lee', 'present'), row('B', 'Ben Ortiz'), row('C', 'Cleo Park')],
  counts: { total: 3, here: 1, present: 1, late: 0, excused: 0, absent: 0, notSeen: 2 },
};
const mark = (studentId: string, over: Partial<NewMark> = {}): NewMark => ({
  id: crypto.randomUUID(),
  studentId,
  sessionId: SID,
  deviceId: 'd',
  markedAt: '2026-11-29T09:05:00+01:00',
  method: 'face',
  similarity: 0.9,
  ...over,
});

describe('registerView', () => {
  it('shows a pending face mark as present or late by the threshold, waiting to send', () => {
    const v = registerView(register, [mark('B'), mark('C', { markedAt: '2026-11-29T09:11:00+01:00' })]);
    expect(v.rows.map((r) => [r.studentId, r.status, r.waiting])).toEqual([
      ['A', 'present', false],
      ['B', 'present', true],
      ['C', 'late', true],
    ]);
    expect(v.counts).toMatchObject({ total: 3, here: 3, present: 2, late: 1, notSeen: 0 });
  });

  it('lets a manual status override a mark, ignores a face mark for a marked student and marks of other sessions', () => {
    const v = registerView(register, [
      mark('A'),
      mark('A', { method: 'manual', status: 'excused', reason: 'Dentist' }),
      mark('B', { sessionId: '33333333-3333-4333-8333-333333333333' }),
    ]);
    expect(v.rows.find((r) => r.studentId === 'A')).toMatchObject({ status: 'excused', reason: 'Dentist', waiting: true });
    expect(v.rows.find((r) => r.studentId === 'B')).toMatchObject({ status: 'not-seen', waiting: false });
    expect(v.counts).toMatchObject({ here: 0, excused: 1, notSeen: 2 });
  });

  it("lists names in the language's alphabetical order, not the server's byte order", () => {
    const unsorted: Register = { ...register, rows: [row('Z', 'Zoë'), row('L', 'Łukasz'), row('D', 'Daryl')] };
    expect(registerView(unsorted, []).rows.map((r) => r.name)).toEqual(['Daryl', 'Łukasz', 'Zoë']);
  });

  it('takes a student back to not seen', () => {
    const v = registerView(register, [mark('A', { method: 'manual', status: 'not-seen' })]);
    expect(v.counts).toMatchObject({ here: 0, notSeen: 3 });
  });
});

describe('a camera mark made in doubt', () => {
  const html = (row: Parameters<typeof isFlaggedFaceMark>[0]) => renderToStaticMarkup(createElement(MarkReason, { row }));

  it("shows as flagged (a warning badge and what to check) while it waits to send; a teacher's reason stays in quotes", () => {
    const v = registerView(register, [mark('B', { reason: FLAGGED_FACE_REASON }), mark('C', { method: 'manual', status: 'excused', reason: 'Dentist' })]);
    const [, b, c] = v.rows;
    expect([b!.status, b!.reason, isFlaggedFaceMark(b!)]).toEqual(['present', FLAGGED_FACE_REASON, true]);
    expect(isFlaggedFaceMark(c!)).toBe(false);
    expect(html(b!)).toBe(`<span class="register-flag"><span class="badge warn">Flagged</span>${FLAGGED_FACE_REASON}</span>`);
    expect(html(c!)).toBe('<span class="hint register-reason">“Dentist”</span>');
    expect(html({ method: 'face', reason: null })).toBe('');
  });

  it('keeps its reason in the register CSV', () => {
    const rows = register.rows.map((r) => (r.studentId === 'A' ? { ...r, reason: FLAGGED_FACE_REASON } : r));
    const [header, first] = Papa.parse<string[]>(registersToCsv([{ ...register, rows }]).slice(1), { skipEmptyLines: true }).data;
    expect(first![header!.indexOf('How marked')]).toBe('Camera (flagged)');
    expect(first![header!.indexOf('Reason')]).toBe(FLAGGED_FACE_REASON);
  });
});
