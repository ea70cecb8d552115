// Per-student totals over the filtered marks: how often each student was present, late,
// excused or absent in the chosen range.
import type { StudentTotals } from '../data/records-filter.ts';
import { t } from '../core/i18n.ts';
import { columnNames } from './columns.ts';

export function StudentTotalsTable({ totals }: { totals: readonly StudentTotals[] }) {
  const col = columnNames();
  if (totals.length === 0) return <p className="hint">{t({ id: 'records.totals.empty', defaultMessage: 'No marks in this range.' })}</p>;
  return (
    <table className="list stack" aria-label={t({ id: 'records.totals.title', defaultMessage: 'Totals per student' })}>
      <thead>
        <tr>
          <th scope="col">{col.studentId}</th>
          <th scope="col">{col.name}</th>
          <th scope="col">{col.present}</th>
          <th scope="col">{col.late}</th>
          <th scope="col">{col.excused}</th>
          <th scope="col">{col.absent}</th>
          <th scope="col">{col.marks}</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((row) => (
          <tr key={row.studentId}>
            <td data-label={col.studentId}>{row.studentId}</td>
            <td data-label={col.name}>{row.name}</td>
            <td data-label={col.present}>{row.present}</td>
            <td data-label={col.late}>{row.late}</td>
            <td data-label={col.excused}>{row.excused}</td>
            <td data-label={col.absent}>{row.absent}</td>
            <td data-label={col.marks}>{row.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
