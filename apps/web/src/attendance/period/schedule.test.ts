// The schedule and the laptop's autopilot decisions, in a zone with clock changes (London): term
// boundaries, weekends, a period that ends, the next period across a weekend and across the
// spring clock change, and what the laptop starts or ends.
process.env.TZ = 'Europe/London';

import { describe, expect, it } from 'vitest';
import type { ClassSession, Period, Term } from '@rollcall/contracts';
import { autopilotActions, type AutopilotMemory } from './autopilot.ts';
import { periodLine } from './period-line.ts';
import { occurrenceKey, occurrencesOn, scheduleByClass } from '../../core/schedule.ts';

const MATHS = '11111111-1111-4111-8111-111111111111';
const ART = '22222222-2222-4222-8222-222222222222';
let n = 0;
const period = (classId: string, weekday: number, startsAt: string, endsAt: string, label = 'Period 2'): Period => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  classId,
  label,
  weekday,
  startsAt,
  endsAt,
  lateAfterMinutes: 5,
});
/** A local wall-clock instant in London. */
const local = (day: string, time: string) => new Date(`${day}T${time}:00`);

// 2026-03-23 is a Monday; London's clocks go forward on Sunday 2026-03-29 at 01:00.
const mondayMaths = period(MATHS, 1, '09:50', '10:40');
const mondayArt = period(ART, 1, '09:00', '09:50', 'Period 1');
const sundayClub = period(ART, 7, '09:00', '10:00', 'Club');
const periods = [mondayMaths, mondayArt, sundayClub];
const spring: Term = { id: '33333333-3333-4333-8333-333333333333', name: 'Spring', firstDay: '2026-01-05', lastDay: '2026-03-27' };

describe('schedule', () => {
  it('says the current and next period of each class, and a period is over at its end', () => {
    const s = scheduleByClass(periods, [], local('2026-03-23', '09:47'));
    expect(s.get(ART)!.current?.period.id).toBe(mondayArt.id);
    expect(s.get(MATHS)!.current).toBeNull();
    expect(s.get(MATHS)!.next?.start.getTime()).toBe(local('2026-03-23', '09:50').getTime());

    const atBell = scheduleByClass(periods, [], local('2026-03-23', '09:50'));
    expect(atBell.get(ART)!.current).toBeNull();
    expect(atBell.get(MATHS)!.current?.end.getTime()).toBe(local('2026-03-23', '10:40').getTime());
    expect(scheduleByClass(periods, [], local('2026-03-23', '10:40')).get(MATHS)!.current).toBeNull();
  });

  it('runs nothing on days without periods and looks past the weekend for the next one', () => {
    const saturday = scheduleByClass([mondayMaths], [], local('2026-03-28', '09:55'));
    expect(saturday.get(MATHS)!.current).toBeNull();
    expect(saturday.get(MATHS)!.next?.day).toBe('2026-03-30');
    expect(occurrencesOn(local('2026-03-28', '12:00'), periods, [])).toEqual([]);
  });

  it('runs periods only inside a term once terms are set, the first and last days included', () => {
    expect(occurrencesOn(local('2026-01-05', '08:00'), [mondayMaths], [spring])).toHaveLength(1);
    expect(occurrencesOn(local('2025-12-29', '08:00'), [mondayMaths], [spring])).toHaveLength(0);
    const friday = period(MATHS, 5, '14:00', '15:00');
    expect(occurrencesOn(local('2026-03-27', '08:00'), [friday], [spring])).toHaveLength(1);
    // The Monday after the last day of term has no period, and nothing comes within the week.
    const after = scheduleByClass([mondayMaths], [spring], local('2026-03-27', '16:00'));
    expect(after.get(MATHS)).toEqual({ current: null, next: null });
  });

  it('keeps local wall-clock times across the clock change', () => {
    const before = occurrencesOn(local('2026-03-22', '00:00'), [sundayClub], [])[0]!;
    const after = occurrencesOn(local('2026-03-29', '00:00'), [sundayClub], [])[0]!;
    expect(before.start.toISOString()).toBe('2026-03-22T09:00:00.000Z');
    expect(after.start.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // Asked on the Saturday before the change, the next club is at 09:00 on the clock, not 24 hours' worth of milliseconds later.
    const next = scheduleByClass([sundayClub], [], local('2026-03-28', '09:30')).get(ART)!.next!;
    expect(next.start.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(next.day).toBe('2026-03-29');
  });

  it('orders one day’s periods by their start', () => {
    expect(occurrencesOn(local('2026-03-23', '00:00'), periods, []).map((o) => o.period.label)).toEqual(['Period 1', 'Period 2']);
  });
});

const session = (over: Partial<ClassSession>): ClassSession => ({
  id: '44444444-4444-4444-8444-444444444444',
  classId: MATHS,
  startsAt: '2026-03-23T09:50:00.000Z',
  endsAt: null,
  lateAfterMinutes: 5,
  active: true,
  periodId: null,
  ...over,
});
const empty: AutopilotMemory = { started: new Map(), done: new Set() };

describe('autopilot', () => {
  const now = local('2026-03-23', '09:51');
  const schedules = scheduleByClass([mondayMaths], [], now);
  const key = occurrenceKey(schedules.get(MATHS)!.current!);

  it('starts the period that is on when no session runs, and waits while the session is unknown', () => {
    expect(autopilotActions(schedules, new Map([[MATHS, null]]), empty, now)).toEqual([{ kind: 'start', key, occurrence: schedules.get(MATHS)!.current }]);
    expect(autopilotActions(schedules, new Map(), empty, now)).toEqual([]);
    expect(autopilotActions(schedules, new Map([[MATHS, session({ active: false })]]), empty, now)).toHaveLength(1);
  });

  it("leaves a teacher's own session alone, and asks again for its own period's session after a reload", () => {
    expect(autopilotActions(schedules, new Map([[MATHS, session({})]]), empty, now)).toEqual([]);
    const own = autopilotActions(schedules, new Map([[MATHS, session({ periodId: mondayMaths.id })]]), empty, now);
    expect(own.map((a) => a.kind)).toEqual(['start']);
  });

  it('starts a period once, and ends the session it started when the period is over', () => {
    const running: AutopilotMemory = { started: new Map([[key, { sessionId: 'S1', end: local('2026-03-23', '10:40') }]]), done: new Set() };
    expect(autopilotActions(schedules, new Map([[MATHS, null]]), running, now)).toEqual([]);
    const later = local('2026-03-23', '10:40');
    expect(autopilotActions(scheduleByClass([mondayMaths], [], later), new Map([[MATHS, null]]), running, later)).toEqual([
      { kind: 'end', key, sessionId: 'S1' },
    ]);
    const finished: AutopilotMemory = { started: running.started, done: new Set([key]) };
    expect(autopilotActions(schedules, new Map([[MATHS, null]]), finished, later)).toEqual([]);
  });

  it('finishes a period of today that ended while the laptop was closed, once', () => {
    const later = local('2026-03-23', '11:00');
    const today = occurrencesOn(later, periods, []);
    const finish = autopilotActions(scheduleByClass(periods, [], later), new Map(), empty, later, today);
    expect(finish.map((a) => [a.kind, a.key])).toEqual(today.map((o) => ['finish', occurrenceKey(o)]));
    const known: AutopilotMemory = { started: new Map(), done: new Set(today.map(occurrenceKey)) };
    expect(autopilotActions(scheduleByClass(periods, [], later), new Map(), known, later, today)).toEqual([]);
    // A period still on is not finished.
    expect(
      autopilotActions(schedules, new Map([[MATHS, session({ periodId: mondayMaths.id })]]), empty, now, occurrencesOn(now, [mondayMaths], [])).map(
        (a) => a.kind,
      ),
    ).toEqual(['start']);
  });
});

describe('period line', () => {
  const names = new Map([
    [MATHS, 'Year 8 Maths'],
    [ART, 'Year 8 Art'],
  ]);
  const line = (at: Date, chosen: string | null = null) => periodLine(scheduleByClass(periods, [], at), names, at, chosen);

  it('says how soon the next period starts, and until when the current one runs', () => {
    expect(line(local('2026-03-23', '08:57'))).toBe('Period 1 · Year 8 Art · starts in 3 min');
    expect(line(new Date(local('2026-03-23', '08:56').getTime() + 30_000))).toBe('Period 1 · Year 8 Art · starts in 4 min');
    expect(line(local('2026-03-23', '07:30'))).toBe('Period 1 · Year 8 Art · starts at 09:00');
    expect(line(local('2026-03-23', '09:10'))).toBe('Period 1 · Year 8 Art · until 09:50');
    expect(line(local('2026-03-23', '09:50'))).toBe('Period 2 · Year 8 Maths · until 10:40');
  });

  it('names the chosen class first, the day of a later period, and nothing when the week is empty', () => {
    expect(line(local('2026-03-23', '09:10'), MATHS)).toBe('Period 1 · Year 8 Art · until 09:50');
    expect(line(local('2026-03-23', '11:00'))).toBe('Club · Year 8 Art · Sunday 09:00');
    expect(periodLine(scheduleByClass([], [], new Date()), names, new Date(), null)).toBeNull();
  });
});
