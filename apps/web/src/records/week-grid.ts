// A class's week of registers as one grid: a row per student, a column per session, a letter
// per cell, as a paper register shows it. An ended session's "not seen" is an absence, as in the
// statistics; a session still running shows who is not seen yet.
import { finalStatus, sessionPhase, type Register, type RegisterStatus } from '@rollcall/contracts';
import { compareNames, t } from '../core/i18n.ts';

/** A status's letter on the paper register, in the reader's language ("P" for present in English). */
export function statusLetter(status: RegisterStatus): string {
  return t({ id: 'records.week.letter', defaultMessage: '{status, select, present {P} late {L} excused {E} absent {A} other {–}}' }, { status });
}

/** The key under the grid: what each letter means, from the same letters the cells use. */
export function legend(): string {
  return t(
    {
      id: 'records.week.legend',
      defaultMessage:
        '{present} Present · {late} Late · {excused} Excused · {absent} Absent · {notSeen} Not seen yet (session still running) · blank: not on the class list then',
    },
    {
      present: statusLetter('present'),
      late: statusLetter('late'),
      excused: statusLetter('excused'),
      absent: statusLetter('absent'),
      notSeen: statusLetter('not-seen'),
    },
  );
}

export interface WeekGrid {
  sessions: { id: string; startsAt: string; running: boolean }[];
  students: { studentId: string; name: string; cells: string[] }[];
}

export function weekGrid(registers: readonly Register[], now: number): WeekGrid {
  const sorted = [...registers].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  const students = new Map<string, { studentId: string; name: string; cells: string[] }>();
  sorted.forEach((reg, i) => {
    const ended = sessionPhase(reg.session, now) === 'ended';
    for (const row of reg.rows) {
      if (!row.onRoster && row.status === 'not-seen') continue;
      const s = students.get(row.studentId) ?? { studentId: row.studentId, name: row.name, cells: sorted.map(() => '') };
      s.cells[i] = statusLetter(ended ? finalStatus(row.status) : row.status);
      students.set(row.studentId, s);
    }
  });
  return {
    sessions: sorted.map((r) => ({ id: r.session.id, startsAt: r.session.startsAt, running: sessionPhase(r.session, now) === 'running' })),
    students: [...students.values()].sort((a, b) => compareNames(a.name, b.name) || a.studentId.localeCompare(b.studentId)),
  };
}

/** Monday and Sunday (YYYY-MM-DD) of the week holding a day. */
export function weekOf(day: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
  const iso = (t: Date) => t.toISOString().slice(0, 10);
  return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * 86_400_000)) };
}

/** The day a week later or earlier. */
export const shiftDay = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
