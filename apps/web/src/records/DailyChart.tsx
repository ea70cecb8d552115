// Attendance rate per day and per class as an SVG bar chart drawn here (one group of bars per
// day, one bar per class), with the same figures as a table for screen readers and keyboards.
// Only ended sessions make a rate; a session still running is named under the chart, "so far".
import type { DailyStat } from '@rollcall/contracts';
import { formatDay, formatPercent } from '../ui/format.ts';
import { t, translator } from '../core/i18n.ts';
import { columnNames } from './columns.ts';

const COLOURS = ['#2f6fd0', '#2e9d6a', '#c9821b', '#8a4fc2', '#c8453b', '#1b8fa6', '#6b7a8c'];
const H = 180;
const PAD = { top: 10, right: 10, bottom: 36, left: 40 };
const BAR = 14;
const GAP = 12;

const pct = (rate: number) => formatPercent(rate);
const classLabel = (s: DailyStat) => s.className ?? t({ id: 'records.allClasses', defaultMessage: 'All classes' });
/** A day on the axis, short: "12/09" in English, the language's own order elsewhere. */
const axisDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return translator().intl.formatDate(new Date(y, m - 1, d), { month: '2-digit', day: '2-digit' });
};

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
  return rate === null ? null : (
    <span className="hint"> · {t({ id: 'records.chart.rangeRate', defaultMessage: '{rate} over the range' }, { rate: pct(rate) })}</span>
  );
}

/** "Running: 12 of 28 here so far", for the sessions of a day that have not ended. */
export const runningText = (r: NonNullable<DailyStat['running']>): string =>
  t({ id: 'records.registers.countRunning', defaultMessage: 'running: {here} of {total} here so far' }, { here: r.here, total: r.total });

/** A day and class's rate, as the chart's description and each bar's tooltip say it. */
const dayRate = (s: DailyStat & { rate: number }) =>
  t({ id: 'records.chart.dayRate', defaultMessage: '{day} {className}: {rate}' }, { day: formatDay(s.day), className: classLabel(s), rate: pct(s.rate) });

export function DailyChart({ stats }: { stats: readonly DailyStat[] }) {
  const col = columnNames();
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
        <p className="hint">{t({ id: 'records.chart.noneEnded', defaultMessage: 'No session has ended in these days yet.' })}</p>
      ) : (
        <svg role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" viewBox={`0 0 ${width} ${H}`} width={width} height={H}>
          <title id="chart-title">{t({ id: 'records.chart.title', defaultMessage: 'Attendance rate per day' })}</title>
          <desc id="chart-desc">{rated.map(dayRate).join('; ')}</desc>
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
                        <title>
                          {t(
                            { id: 'records.chart.barTitle', defaultMessage: '{dayRate} ({came} of {expected})' },
                            { dayRate: dayRate(s), came: s.present + s.late, expected: s.expected },
                          )}
                        </title>
                      </rect>
                    );
                  })}
                <text x={x0 + (classes.length * BAR) / 2} y={H - PAD.bottom + 14} textAnchor="middle" className="axis">
                  {axisDay(day)}
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
          <ul className="running-now" aria-label={t({ id: 'records.chart.runningLabel', defaultMessage: 'Sessions still running' })}>
            {running.map((s) => (
              <li key={`${s.day}-${s.classId}`}>
                {t(
                  { id: 'records.chart.running', defaultMessage: '{day}, {className}: {running} (not counted until the session ends)' },
                  { day: formatDay(s.day), className: classLabel(s), running: runningText(s.running!) },
                )}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
      <details>
        <summary>{t({ id: 'records.chart.asTable', defaultMessage: 'Show as a table' })}</summary>
        <table className="list" aria-label={t({ id: 'records.chart.tableLabel', defaultMessage: 'Daily attendance' })}>
          <thead>
            <tr>
              <th scope="col">{t({ id: 'records.chart.day', defaultMessage: 'Day' })}</th>
              <th scope="col">{t({ id: 'records.chart.class', defaultMessage: 'Class' })}</th>
              <th scope="col">{col.sessions}</th>
              <th scope="col">{t({ id: 'records.chart.expected', defaultMessage: 'Expected' })}</th>
              <th scope="col">{col.present}</th>
              <th scope="col">{col.late}</th>
              <th scope="col">{col.excused}</th>
              <th scope="col">{col.absent}</th>
              <th scope="col">{t({ id: 'records.chart.rate', defaultMessage: 'Rate' })}</th>
              <th scope="col">{t({ id: 'records.chart.stillRunning', defaultMessage: 'Still running' })}</th>
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
