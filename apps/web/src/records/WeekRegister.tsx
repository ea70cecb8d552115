// A class's week on one sheet: students down, sessions across, a letter each, with a legend and
// a "Print week" button (the print stylesheet leaves the rest of the page off the paper).
import { useRef, useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { formatDay } from '../ui/format.ts';
import { PrintButton } from '../ui/PrintButton.tsx';
import { useRegisters } from './useRegisters.ts';
import { legend, shiftDay, weekGrid, weekOf } from './week-grid.ts';
import { Alert } from '../ui/Alert.tsx';
import { t, translator } from '../core/i18n.ts';

const column = (iso: string) => translator().intl.formatDate(iso, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function WeekRegister({ classId, className, day }: { classId: string; className: string; day: string }) {
  const [week, setWeek] = useState(() => weekOf(day));
  const registers = useRegisters(classId, week.from, week.to, !!classId);
  const sheet = useRef<HTMLElement>(null);
  const title = t({ id: 'records.week.title', defaultMessage: '{className}: week of {day}' }, { className, day: formatDay(week.from) });
  return (
    <section ref={sheet} aria-label={t({ id: 'records.week.label', defaultMessage: 'Week register' })} className="week-register">
      <div className="row no-print">
        <button type="button" onClick={() => setWeek(weekOf(shiftDay(week.from, -7)))}>
          {t({ id: 'records.week.earlier', defaultMessage: 'Earlier week' })}
        </button>
        <button type="button" onClick={() => setWeek(weekOf(shiftDay(week.from, 7)))}>
          {t({ id: 'records.week.later', defaultMessage: 'Later week' })}
        </button>
        <PrintButton target={sheet} label={t({ id: 'records.week.print', defaultMessage: 'Print week' })} />
      </div>
      <h4>{title}</h4>
      {registers.error ? (
        <Alert>{errorText(registers.error)}</Alert>
      ) : !registers.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : registers.data.items.length === 0 ? (
        <p className="hint">{t({ id: 'records.week.noSessions', defaultMessage: 'No sessions of {className} this week.' }, { className })}</p>
      ) : (
        <WeekTable title={title} grid={weekGrid(registers.data.items, Date.now())} />
      )}
    </section>
  );
}

function WeekTable({ title, grid }: { title: string; grid: ReturnType<typeof weekGrid> }) {
  return (
    <>
      <table className="list week-grid" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{t({ id: 'records.week.student', defaultMessage: 'Student' })}</th>
            {grid.sessions.map((s) => (
              <th scope="col" key={s.id}>
                {s.running ? t({ id: 'records.sessionRunning', defaultMessage: '{when} (running)' }, { when: column(s.startsAt) }) : column(s.startsAt)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.students.map((st) => (
            <tr key={st.studentId}>
              <th scope="row">{st.name}</th>
              {st.cells.map((c, i) => (
                <td key={grid.sessions[i]!.id}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint legend-text">{legend()}</p>
    </>
  );
}
