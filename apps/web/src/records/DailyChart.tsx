// Attendance rate per day and per class as an SVG bar chart drawn here (one group of bars per
// day, one bar per class), with the same figures as a table for screen readers and keyboards.
// Only ended sessions make a rate; a session still running is named under the chart, "so far".
import type { DailyStat } from '@rollcall/contracts';
import { formatDay } from '../ui/format.ts';

const COLOURS = ['#2f6fd0', '#2e9d6a', '#c9821b', '#8a4fc2', '#c8453b', '#1b8fa6', '#6b7a8c'];
const H = 180;
const PAD = { top: 10, right: 10, bottom: 36, left: 40 };
const BAR = 14;
const GAP = 12;

const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const classLabel = (s: DailyStat) => s.className ?? 'All classes';

/** A class's rate over the whole range: everyone who came over every place in an ended session, not a mean of daily rates. */
export function rangeRate(stats: readonly DailyStat[], classId: string): number | null {
  let came = 0;
  let expected = 0;
  for (const s of stats) {
    if ((s.classId ?? '') !== classId) continue;
    came += s.present + s.late;
    expected += s.expected;
  }
  return expected ? came / expected : null;
}

function RangeRate({ rate }: { rate: number | null }) {
  return rate === null ? null : <span className="hint"> · {pct(rate)} over the range</span>;
}

/** "Running: 12 of 28 here so far", for the sessions of a day that have not ended. */
export const runningText = (r: NonNullable<DailyStat['running']>): string => `running: ${r.here} of ${r.total} here so far`;

export function DailyChart({ stats }: { stats: readonly DailyStat[] }) {
  const rated = stats.filter((s): s is DailyStat & { rate: number } => s.rate !== null);
  const running = stats.filter((s) => s.running && s.classId !== null);
  const days = [...new Set(rated.map((s) => s.day))].sort();
  const classes = [...new Map(stats.map((s) => [s.classId ?? '', classLabel(s)])).entries()];
  const colour = (classId: string | null) => COLOURS[classes.findIndex(([id]) => id === (classId ?? '')) % COLOURS.length];
  const groupWidth = classes.length * BAR + GAP;
  const width = PAD.left + PAD.right + Math.max(1, days.length) * groupWidth;
  const y = (rate: number) => PAD.top + (1 - Math.min(1, Math.max(0, rate))) * (H - PAD.top - PAD.bottom);

  return (
    <figure className="chart">
      {days.length === 0 ? (
        <p className="hint">No session has ended in these days yet.</p>
      ) : (
        <svg role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" viewBox={`0 0 ${width} ${H}`} width={width} height={H}>
          <title id="chart-title">Attendance rate per day</title>
          <desc id="chart-desc">{rated.map((s) => `${formatDay(s.day)} ${classLabel(s)}: ${pct(s.rate)}`).join('; ')}</desc>
          {[0, 0.5, 1].map((r) => (
            <g key={r}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y(r)} y2={y(r)} className="grid-line" />
              <text x={PAD.left - 6} y={y(r) + 4} textAnchor="end" className="axis">
                {pct(r)}
              </text>
            </g>
          ))}
          {days.map((day, d) => {
            const x0 = PAD.left + d * groupWidth + GAP / 2;
            return (
              <g key={day}>
                {rated
                  .filter((s) => s.day === day)
                  .map((s) => {
                    const i = classes.findIndex(([id]) => id === (s.classId ?? ''));
                    return (
                      <rect key={s.classId ?? ''} x={x0 + i * BAR} y={y(s.rate)} width={BAR - 2} height={H - PAD.bottom - y(s.rate)} fill={colour(s.classId)}>
                        <title>{`${formatDay(day)} ${classLabel(s)}: ${pct(s.rate)} (${s.present + s.late} of ${s.expected})`}</title>
                      </rect>
                    );
                  })}
                <text x={x0 + (classes.length * BAR) / 2} y={H - PAD.bottom + 14} textAnchor="middle" className="axis">
                  {day.slice(5)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <figcaption>
        <ul className="legend">
          {classes.map(([id, name]) => (
            <li key={id}>
              <span className="swatch" style={{ background: colour(id || null) }} aria-hidden="true" />
              {name}
              <RangeRate rate={rangeRate(stats, id)} />
            </li>
          ))}
        </ul>
        {running.length > 0 && (
          <ul className="running-now" aria-label="Sessions still running">
            {running.map((s) => (
              <li key={`${s.day}-${s.classId}`}>
                {formatDay(s.day)}, {classLabel(s)}: {runningText(s.running!)} (not counted until the session ends)
              </li>
            ))}
          </ul>
        )}
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <table className="list" aria-label="Daily attendance">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Class</th>
              <th scope="col">Sessions</th>
              <th scope="col">Expected</th>
              <th scope="col">Present</th>
              <th scope="col">Late</th>
              <th scope="col">Excused</th>
              <th scope="col">Absent</th>
              <th scope="col">Rate</th>
              <th scope="col">Still running</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr key={`${s.day}-${s.classId ?? ''}`}>
                <td>{formatDay(s.day)}</td>
                <td>{classLabel(s)}</td>
                <td>{s.sessions}</td>
                <td>{s.expected}</td>
                <td>{s.present}</td>
                <td>{s.late}</td>
                <td>{s.excused}</td>
                <td>{s.absent}</td>
                <td>{s.rate === null ? '—' : pct(s.rate)}</td>
                <td>{s.running ? runningText(s.running) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
