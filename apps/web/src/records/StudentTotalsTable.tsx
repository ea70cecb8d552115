// Per-student totals over the filtered marks: how often each student was present, late,
// excused or absent in the chosen range.
import type { StudentTotals } from '../data/records-filter.ts';

export function StudentTotalsTable({ totals }: { totals: readonly StudentTotals[] }) {
  if (totals.length === 0) return <p className="hint">No marks in this range.</p>;
  return (
    <table className="list stack" aria-label="Totals per student">
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
            <td data-label="Student ID">{t.studentId}</td>
            <td data-label="Name">{t.name}</td>
            <td data-label="Present">{t.present}</td>
            <td data-label="Late">{t.late}</td>
            <td data-label="Excused">{t.excused}</td>
            <td data-label="Absent">{t.absent}</td>
            <td data-label="Marks">{t.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
