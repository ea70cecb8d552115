// The register view: pending outbox marks over the server's register, counted as the server would;
// a camera mark made in doubt shows as flagged there and keeps its words in the register CSV.
import Papa from 'papaparse';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NewMark, Register } from '@rollcall/contracts';
import { FLAGGED_FACE_REASON } from '../../core/marking.ts';
import { registersToCsv } from '../../core/register-csv.ts';
import type { ConfirmedMark } from '../../local/confirmed-marks.ts';
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
    const v = registerView(register, { pending: [mark('B'), mark('C', { markedAt: '2026-11-29T09:11:00+01:00' })] });
    expect(v.rows.map((r) => [r.studentId, r.status, r.waiting])).toEqual([
      ['A', 'present', false],
      ['B', 'present', true],
      ['C', 'late', true],
    ]);
    expect(v.counts).toMatchObject({ total: 3, here: 3, present: 2, late: 1, notSeen: 0 });
  });

  it('lets a manual status override a mark, ignores a face mark for a marked student and marks of other sessions', () => {
    const v = registerView(register, {
      pending: [
        mark('A'),
        mark('A', { method: 'manual', status: 'excused', reason: 'Dentist' }),
        mark('B', { sessionId: '33333333-3333-4333-8333-333333333333' }),
      ],
    });
    expect(v.rows.find((r) => r.studentId === 'A')).toMatchObject({ status: 'excused', reason: 'Dentist', waiting: true });
    expect(v.rows.find((r) => r.studentId === 'B')).toMatchObject({ status: 'not-seen', waiting: false });
    expect(v.counts).toMatchObject({ here: 0, excused: 1, notSeen: 2 });
  });

  it("lists names in the language's alphabetical order, not the server's byte order", () => {
    const unsorted: Register = { ...register, rows: [row('Z', 'Zoë'), row('L', 'Łukasz'), row('D', 'Daryl')] };
    expect(registerView(unsorted).rows.map((r) => r.name)).toEqual(['Daryl', 'Łukasz', 'Zoë']);
  });

  it('takes a student back to not seen', () => {
    const v = registerView(register, { pending: [mark('A', { method: 'manual', status: 'not-seen' })] });
    expect(v.counts).toMatchObject({ here: 0, notSeen: 3 });
  });
});

describe('registerView with the marks the server confirmed', () => {
  const ASKED = 1_000;
  const confirmed = (m: NewMark, over: Partial<ConfirmedMark> = {}): ConfirmedMark => ({
    mark: m,
    status: 'present',
    markId: m.id,
    confirmedAt: ASKED + 500,
    ...over,
  });
  /** Ann's present is the camera's stored mark A1, seen at 09:02. */
  const stored: Register = {
    ...register,
    rows: register.rows.map((r) => (r.studentId === 'A' ? { ...r, markId: 'a1', markedAt: '2026-11-29T08:02:00.000Z', deviceId: 'laptop' } : r)),
  };
  const row = (v: ReturnType<typeof registerView>, id: string) => v.rows.find((r) => r.studentId === id)!;

  it('shows a mark confirmed after the register was asked for, as stored and no longer waiting', () => {
    const b = mark('B', { method: 'manual', status: 'present' });
    const v = registerView(stored, { confirmed: [confirmed(b)], askedAt: ASKED });
    expect(row(v, 'B')).toMatchObject({ status: 'present', method: 'manual', markId: b.id, markedAt: b.markedAt, waiting: false });
    expect(v.counts).toMatchObject({ here: 2, notSeen: 1 });
  });

  it('leaves a register asked for after the confirmation as the server gave it: it holds the mark, or what overtook it', () => {
    const v = registerView(stored, { confirmed: [confirmed(mark('B'), { confirmedAt: ASKED - 1 })], askedAt: ASKED });
    expect(row(v, 'B')).toMatchObject({ status: 'not-seen', waiting: false });
    // The same moment counts as after: the register may have been read before the mark was stored.
    expect(row(registerView(stored, { confirmed: [confirmed(mark('B'), { confirmedAt: ASKED })], askedAt: ASKED }), 'B').status).toBe('present');
  });

  it('takes the status the server decided (late by its clock), and a waiting one when it only said it had the mark already', () => {
    const v = registerView(stored, {
      confirmed: [confirmed(mark('B'), { status: 'late' }), confirmed(mark('C', { markedAt: '2026-11-29T09:11:00+01:00' }), { status: null })],
      askedAt: ASKED,
    });
    expect([row(v, 'B').status, row(v, 'C').status]).toEqual(['late', 'late']);
  });

  it("lays a confirmed hand correction over the camera's mark in place, keeping its id and time, as the server stores it", () => {
    const fix = mark('A', { method: 'manual', status: 'excused', reason: 'Dentist', markedAt: '2026-11-29T09:30:00+01:00' });
    const v = registerView(stored, { confirmed: [confirmed(fix, { status: 'excused', markId: 'a1' })], askedAt: ASKED });
    expect(row(v, 'A')).toMatchObject({
      status: 'excused',
      method: 'manual',
      reason: 'Dentist',
      markId: 'a1',
      markedAt: '2026-11-29T08:02:00.000Z',
      waiting: false,
    });
    expect(v.counts).toMatchObject({ here: 0, excused: 1 });
  });

  it('applies confirmed marks in the order the server did, then the waiting ones: the later hand status wins', () => {
    const face = mark('B');
    const hand = mark('B', { method: 'manual', status: 'absent', markedAt: '2026-11-29T09:01:00+01:00' });
    const after = registerView(stored, {
      confirmed: [confirmed(face), confirmed(hand, { status: 'absent', markId: face.id, confirmedAt: ASKED + 600 })],
      askedAt: ASKED,
    });
    expect(row(after, 'B')).toMatchObject({ status: 'absent', method: 'manual', markId: face.id, markedAt: face.markedAt });
    // A face mark after a hand status changes nothing (the server calls it a duplicate).
    const late = registerView(stored, { confirmed: [confirmed(hand, { status: 'absent' })], pending: [mark('B')], askedAt: ASKED });
    expect(row(late, 'B')).toMatchObject({ status: 'absent', waiting: false });
    // A hand status still waiting wins over the confirmed face mark.
    const waiting = registerView(stored, { confirmed: [confirmed(face)], pending: [mark('B', { method: 'manual', status: 'excused' })], askedAt: ASKED });
    expect(row(waiting, 'B')).toMatchObject({ status: 'excused', waiting: true });
  });

  it('does not lay a confirmed face mark over a student the register already has marked, nor over another session', () => {
    const v = registerView(stored, {
      confirmed: [confirmed(mark('A'), { markId: 'a2' }), confirmed(mark('B', { sessionId: '33333333-3333-4333-8333-333333333333' }))],
      askedAt: ASKED,
    });
    expect(row(v, 'A')).toMatchObject({ markId: 'a1', deviceId: 'laptop' });
    expect(row(v, 'B').status).toBe('not-seen');
  });

  it("replaces the absent a session's end gave with a confirmed sighting, and takes a mark back out", () => {
    const ended: Register = {
      ...stored,
      rows: stored.rows.map((r) => (r.studentId === 'B' ? { ...r, status: 'absent', method: 'session-end', markId: 'b0' } : r)),
    };
    const sighting = mark('B');
    const back = mark('A', { method: 'manual', status: 'not-seen' });
    const v = registerView(ended, {
      confirmed: [confirmed(sighting, { markId: 'b0' }), confirmed(back, { status: 'not-seen', markId: 'a1' })],
      askedAt: ASKED,
    });
    expect(row(v, 'B')).toMatchObject({ status: 'present', method: 'face', markId: 'b0', markedAt: sighting.markedAt });
    expect(row(v, 'A')).toMatchObject({ status: 'not-seen', method: null, markId: null, markedAt: null });
  });
});

describe('a camera mark made in doubt', () => {
  const html = (row: Parameters<typeof isFlaggedFaceMark>[0]) => renderToStaticMarkup(createElement(MarkReason, { row }));

  it("shows as flagged (a warning badge and what to check) while it waits to send; a teacher's reason stays in quotes", () => {
    const v = registerView(register, {
      pending: [mark('B', { reason: FLAGGED_FACE_REASON }), mark('C', { method: 'manual', status: 'excused', reason: 'Dentist' })],
    });
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
