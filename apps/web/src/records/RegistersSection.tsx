// Records: the registers of the chosen class's sessions (roster x status, the absent named), each
// printable on its own, the class's week on one printable sheet, the register CSV export and the
// totals per attendance code, both in the school's codes.
import { useRef } from 'react';
import { sessionPhase, type Register } from '@rollcall/contracts';
import { MarkReason } from '../ui/MarkReason.tsx';
import { howMarked, STATUS_TEXT } from '../ui/status-text.ts';
import { errorText } from '../ui/messages.ts';
import type { Separator } from '../core/csv-format.ts';
import { downloadText } from '../ui/download.ts';
import { formatTime, formatWhen } from '../ui/format.ts';
import { PrintButton } from '../ui/PrintButton.tsx';
import { registerFileName, registersToCsv } from '../core/register-csv.ts';
import { useAttendanceCodes } from '../data/absences.ts';
import { CodeTotalsTable } from './CodeTotalsTable.tsx';
import { useRegisters } from './useRegisters.ts';
import { WeekRegister } from './WeekRegister.tsx';
import { Alert } from '../ui/Alert.tsx';

function RegisterCard({ reg }: { reg: Register }) {
  const card = useRef<HTMLDetailsElement>(null);
  const absent = reg.rows.filter((r) => r.status === 'absent').map((r) => r.name);
  const notSeen = reg.rows.filter((r) => r.status === 'not-seen').map((r) => r.name);
  const title = `${reg.className}, ${formatWhen(reg.session.startsAt, 'minutes')}`;
  return (
    <details className="card register-card" ref={card}>
      <summary>
        <strong>{formatWhen(reg.session.startsAt, 'minutes')}</strong> ·{' '}
        {reg.session.active ? `running: ${reg.counts.here} of ${reg.counts.total} here so far` : `${reg.counts.here} of ${reg.counts.total} here`}
        {absent.length > 0 && <> · absent: {absent.join(', ')}</>}
        {notSeen.length > 0 && (
          <>
            {' '}
            · not seen{reg.session.active ? ' yet' : ''}: {notSeen.join(', ')}
            {sessionPhase(reg.session, Date.now()) === 'ended' && ' (counted as absent)'}
          </>
        )}
      </summary>
      <div className="row no-print">
        <PrintButton target={card} label="Print this register" name={`Print the register of ${title}`} />
      </div>
      <h4 className="print-only">Register: {title}</h4>
      <table className="list register-sheet" aria-label={`Register of ${title}`}>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Status</th>
            <th scope="col">Time</th>
            <th scope="col">How marked</th>
            <th scope="col">By</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {reg.rows.map((r) => (
            <tr key={r.studentId}>
              <th scope="row">{r.name}</th>
              <td>
                <span className={`status status-${r.status}`}>{STATUS_TEXT[r.status]}</span>
              </td>
              <td>{r.markedAt ? formatTime(r.markedAt) : ''}</td>
              <td>{r.method ? howMarked({ method: r.method, similarity: r.similarity, reason: r.reason }) : ''}</td>
              <td>{r.markedBy ?? ''}</td>
              <td>
                <MarkReason row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function RegistersSection({
  classId,
  className,
  from,
  to,
  separator,
  technical,
}: {
  classId: string;
  className: string;
  from: string;
  to: string;
  separator: Separator;
  technical: boolean;
}) {
  const registers = useRegisters(classId, from, to, !!from && !!to);
  const codes = useAttendanceCodes();
  if (!classId) return <p className="hint">Choose a class to see its registers.</p>;
  if (registers.error) return <Alert>{errorText(registers.error)}</Alert>;
  if (!registers.data) return <p>Loading…</p>;
  const items = registers.data.items;
  return (
    <div>
      <div className="row">
        <button
          type="button"
          // The file carries the school's codes: wait for them, unless they cannot be read at all.
          disabled={items.length === 0 || codes.isPending}
          onClick={() => downloadText(registerFileName(className, from, to), registersToCsv(items, { technical, separator, codes: codes.data }))}
        >
          Export register CSV
        </button>
      </div>
      {items.length === 0 ? (
        <p className="hint">No sessions of {className} in these days.</p>
      ) : (
        items.map((reg) => <RegisterCard key={reg.session.id} reg={reg} />)
      )}
      {items.length > 0 && codes.data && <CodeTotalsTable registers={items} codes={codes.data} title={`Attendance codes of ${className} in these days`} />}
      <h4>Week on one sheet</h4>
      <WeekRegister key={`${classId}-${to}`} classId={classId} className={className} day={to || from} />
    </div>
  );
}
