// A class's week on one sheet: students down, sessions across, a letter each, with a legend and
// a "Print week" button (the print stylesheet leaves the rest of the page off the paper).
import { useRef, useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { formatDay } from '../ui/format.ts';
import { PrintButton } from '../ui/PrintButton.tsx';
import { useRegisters } from './useRegisters.ts';
import { LEGEND, shiftDay, weekGrid, weekOf } from './week-grid.ts';
import { Alert } from '../ui/Alert.tsx';

const column = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function WeekRegister({ classId, className, day }: { classId: string; className: string; day: string }) {
  const [week, setWeek] = useState(() => weekOf(day));
  const registers = useRegisters(classId, week.from, week.to, !!classId);
  const sheet = useRef<HTMLElement>(null);
  const title = `${className}: week of ${formatDay(week.from)}`;
  return (
    <section ref={sheet} aria-label="Week register" className="week-register">
      <div className="row no-print">
        <button type="button" onClick={() => setWeek(weekOf(shiftDay(week.from, -7)))}>
          Earlier week
        </button>
        <button type="button" onClick={() => setWeek(weekOf(shiftDay(week.from, 7)))}>
          Later week
        </button>
        <PrintButton target={sheet} label="Print week" />
      </div>
      <h4>{title}</h4>
      {registers.error ? (
        <Alert>{errorText(registers.error)}</Alert>
      ) : !registers.data ? (
        <p>Loading…</p>
      ) : registers.data.items.length === 0 ? (
        <p className="hint">No sessions of {className} this week.</p>
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
            <th scope="col">Student</th>
            {grid.sessions.map((s) => (
              <th scope="col" key={s.id}>
                {column(s.startsAt)}
                {s.running && ' (running)'}
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
      <p className="hint legend-text">{LEGEND.map(([letter, words]) => `${letter} ${words}`).join(' · ')} · blank: not on the class list then</p>
    </>
  );
}
