// Per-student totals over the filtered marks: how often each student was present, late,
// excused or absent in the chosen range.
import type { StudentTotals } from './filter.ts';

export function StudentTotalsTable({ totals }: { totals: readonly StudentTotals[] }) {
  if (totals.length === 0) return <p className="hint">No marks in this range.</p>;
  return (
    <table className="list" aria-label="Totals per student">
      <thead>
        <tr>
          <th scope="col">Student ID</th>
          <th scope="col">Name</th>
          <th scope="col">Present</th>
          <th scope="col">Late</th>
          <th scope="col">Excused</th>
          <th scope="col">Absent</th>
          <th scope="col">Marks</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((t) => (
          <tr key={t.studentId}>
            <td>{t.studentId}</td>
            <td>{t.name}</td>
            <td>{t.present}</td>
            <td>{t.late}</td>
            <td>{t.excused}</td>
            <td>{t.absent}</td>
            <td>{t.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
