// Records: each student's attendance rate over the chosen days, and the students under a
// threshold (persistent absence, 90% by default).
import { useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { useRates } from './useRegisters.ts';
import { Alert } from '../ui/Alert.tsx';

const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 1000) / 10}%`);

export function RatesSection({ from, to, classId }: { from: string; to: string; classId: string }) {
  const [threshold, setThreshold] = useState(90);
  const [onlyBelow, setOnlyBelow] = useState(true);
  const rates = useRates(from, to, classId, onlyBelow ? threshold / 100 : null, !!from && !!to);
  return (
    <div>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={onlyBelow} onChange={(e) => setOnlyBelow(e.target.checked)} /> Only students below
        </label>
        <label className="inline">
          Threshold (%)
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
        <p>Loading…</p>
      ) : rates.data.items.length === 0 ? (
        <p className="hint">{onlyBelow ? `No student is below ${threshold}% in these days.` : 'No ended sessions in these days.'}</p>
      ) : (
        <table className="list stack" aria-label={onlyBelow ? `Students below ${threshold}%` : 'Attendance per student'}>
          <thead>
            <tr>
              <th>Student</th>
              <th>Attendance</th>
              <th>Sessions</th>
              <th>Present</th>
              <th>Late</th>
              <th>Excused</th>
              <th>Absent</th>
            </tr>
          </thead>
          <tbody>
            {rates.data.items.map((r) => (
              <tr key={r.studentId}>
                <td data-label="Student">{r.name}</td>
                <td data-label="Attendance">
                  <strong>{pct(r.rate)}</strong>
                </td>
                <td data-label="Sessions">{r.sessions}</td>
                <td data-label="Present">{r.present}</td>
                <td data-label="Late">{r.late}</td>
                <td data-label="Excused">{r.excused}</td>
                <td data-label="Absent">{r.absent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!!rates.data?.runningSessions && (
        <p className="hint" role="status">
          {rates.data.runningSessions === 1 ? '1 session is' : `${rates.data.runningSessions} sessions are`} still running: counted once ended.
        </p>
      )}
      <p className="hint">Attendance = present or late, over the sessions that have ended; excused counts as absence, as persistent-absence rules do.</p>
    </div>
  );
}
