// Records: each student's attendance rate over the chosen days, and the students under a
// threshold (persistent absence, 90% by default).
import { useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { useRates } from './useRegisters.ts';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';
import { columnNames } from './columns.ts';
import { formatPercent } from '../ui/format.ts';

const pct = (r: number | null) => (r === null ? '–' : formatPercent(r, 1));

export function RatesSection({ from, to, classId }: { from: string; to: string; classId: string }) {
  const col = columnNames();
  const [threshold, setThreshold] = useState(90);
  const [onlyBelow, setOnlyBelow] = useState(true);
  const rates = useRates(from, to, classId, onlyBelow ? threshold / 100 : null, !!from && !!to);
  return (
    <div>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={onlyBelow} onChange={(e) => setOnlyBelow(e.target.checked)} />{' '}
          {t({ id: 'records.rates.onlyBelow', defaultMessage: 'Only students below' })}
        </label>
        <label className="inline">
          {t({ id: 'records.rates.threshold', defaultMessage: 'Threshold (%)' })}
          <input
            type="number"
            min={1}
            max={100}
            value={threshold}
            onChange={(e) => setThreshold(Math.min(100, Math.max(1, Number(e.target.value) || 90)))}
            style={{ width: '5rem' }}
          />
        </label>
      </div>
      {rates.error ? (
        <Alert>{errorText(rates.error)}</Alert>
      ) : !rates.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : rates.data.items.length === 0 ? (
        <p className="hint">
          {onlyBelow
            ? t({ id: 'records.rates.noneBelow', defaultMessage: 'No student is below {threshold}% in these days.' }, { threshold })
            : t({ id: 'records.rates.noEnded', defaultMessage: 'No ended sessions in these days.' })}
        </p>
      ) : (
        <table
          className="list stack"
          aria-label={
            onlyBelow
              ? t({ id: 'records.rates.below', defaultMessage: 'Students below {threshold}%' }, { threshold })
              : t({ id: 'records.rates.title', defaultMessage: 'Attendance per student' })
          }
        >
          <thead>
            <tr>
              <th>{col.student}</th>
              <th>{col.attendance}</th>
              <th>{col.sessions}</th>
              <th>{col.present}</th>
              <th>{col.late}</th>
              <th>{col.excused}</th>
              <th>{col.absent}</th>
            </tr>
          </thead>
          <tbody>
            {rates.data.items.map((r) => (
              <tr key={r.studentId}>
                <td data-label={col.student}>{r.name}</td>
                <td data-label={col.attendance}>
                  <strong>{pct(r.rate)}</strong>
                </td>
                <td data-label={col.sessions}>{r.sessions}</td>
                <td data-label={col.present}>{r.present}</td>
                <td data-label={col.late}>{r.late}</td>
                <td data-label={col.excused}>{r.excused}</td>
                <td data-label={col.absent}>{r.absent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!!rates.data?.runningSessions && (
        <p className="hint" role="status">
          {t(
            {
              id: 'records.rates.running',
              defaultMessage:
                '{count, plural, one {# session is still running: counted once ended.} other {# sessions are still running: counted once ended.}}',
            },
            { count: rates.data.runningSessions },
          )}
        </p>
      )}
      <p className="hint">
        {t({
          id: 'records.rates.explained',
          defaultMessage: 'Attendance = present or late, over the sessions that have ended; excused counts as absence, as persistent-absence rules do.',
        })}
      </p>
    </div>
  );
}
