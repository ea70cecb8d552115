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
import { compareNames, t, translator } from '../core/i18n.ts';
import { columnNames } from './columns.ts';

/** Whether "not seen" is still "yet" (a running session) and already counts as absent (past its end). */
function notSeenPhase(reg: Register): 'running' | 'runningPastEnd' | 'ended' | 'other' {
  const ended = sessionPhase(reg.session, Date.now()) === 'ended';
  if (reg.session.active) return ended ? 'runningPastEnd' : 'running';
  return ended ? 'ended' : 'other';
}

function RegisterCard({ reg }: { reg: Register }) {
  const col = columnNames();
  const card = useRef<HTMLDetailsElement>(null);
  // The server sorts names by bytes: the sheet follows the reader's alphabet, the roster before
  // students marked though not on it.
  const rows = [...reg.rows].sort((a, b) => Number(b.onRoster) - Number(a.onRoster) || compareNames(a.name, b.name));
  const names = (status: string) =>
    translator().intl.formatList(
      rows.filter((r) => r.status === status).map((r) => r.name),
      { type: 'unit' },
    );
  const absent = rows.filter((r) => r.status === 'absent').length;
  const notSeen = rows.filter((r) => r.status === 'not-seen').length;
  const title = t(
    { id: 'records.registers.title', defaultMessage: '{className}, {when}' },
    { className: reg.className, when: formatWhen(reg.session.startsAt, 'minutes') },
  );
  return (
    <details className="card register-card" ref={card}>
      <summary>
        <strong>{formatWhen(reg.session.startsAt, 'minutes')}</strong> ·{' '}
        {reg.session.active
          ? t(
              { id: 'records.registers.countRunning', defaultMessage: 'running: {here} of {total} here so far' },
              { here: reg.counts.here, total: reg.counts.total },
            )
          : t({ id: 'records.registers.count', defaultMessage: '{here} of {total} here' }, { here: reg.counts.here, total: reg.counts.total })}
        {absent > 0 && <> · {t({ id: 'records.registers.absent', defaultMessage: 'absent: {names}' }, { names: names('absent') })}</>}
        {notSeen > 0 && (
          <>
            {' '}
            ·{' '}
            {t(
              {
                id: 'records.registers.notSeen',
                defaultMessage:
                  '{phase, select, running {not seen yet: {names}} runningPastEnd {not seen yet: {names} (counted as absent)} ended {not seen: {names} (counted as absent)} other {not seen: {names}}}',
              },
              { phase: notSeenPhase(reg), names: names('not-seen') },
            )}
          </>
        )}
      </summary>
      <div className="row no-print">
        <PrintButton
          target={card}
          label={t({ id: 'records.registers.print', defaultMessage: 'Print this register' })}
          name={t({ id: 'records.registers.printName', defaultMessage: 'Print the register of {title}' }, { title })}
        />
      </div>
      <h4 className="print-only">{t({ id: 'records.registers.printHeading', defaultMessage: 'Register: {title}' }, { title })}</h4>
      <table className="list register-sheet" aria-label={t({ id: 'records.registers.sheetLabel', defaultMessage: 'Register of {title}' }, { title })}>
        <thead>
          <tr>
            <th scope="col">{col.student}</th>
            <th scope="col">{col.status}</th>
            <th scope="col">{col.time}</th>
            <th scope="col">{col.howMarked}</th>
            <th scope="col">{t({ id: 'records.registers.by', defaultMessage: 'By' })}</th>
            <th scope="col">{t({ id: 'records.registers.note', defaultMessage: 'Note' })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
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
  if (!classId) return <p className="hint">{t({ id: 'records.registers.chooseClass', defaultMessage: 'Choose a class to see its registers.' })}</p>;
  if (registers.error) return <Alert>{errorText(registers.error)}</Alert>;
  if (!registers.data) return <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>;
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
          {t({ id: 'records.registers.export', defaultMessage: 'Export register CSV' })}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="hint">{t({ id: 'records.registers.none', defaultMessage: 'No sessions of {className} in these days.' }, { className })}</p>
      ) : (
        items.map((reg) => <RegisterCard key={reg.session.id} reg={reg} />)
      )}
      {items.length > 0 && codes.data && (
        <CodeTotalsTable
          registers={items}
          codes={codes.data}
          title={t({ id: 'records.registers.codesTitle', defaultMessage: 'Attendance codes of {className} in these days' }, { className })}
        />
      )}
      <h4>{t({ id: 'records.registers.week', defaultMessage: 'Week on one sheet' })}</h4>
      <WeekRegister key={`${classId}-${to}`} classId={classId} className={className} day={to || from} />
    </div>
  );
}
