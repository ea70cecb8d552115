// The rows a roster import will write, as a table that stacks into one card per student on a phone.
import { CONSENT_TEXT } from '../core/camera-free.ts';
import type { RosterRow } from './roster-row.ts';

export function RosterPreviewTable({ rows }: { rows: readonly RosterRow[] }) {
  return (
    <table className="list stack" aria-label="Rows to import">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Student ID</th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Classes</th>
          <th scope="col">Consent</th>
          <th scope="col">Guardians</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.file}:${r.line}`}>
            <td data-label="Line">{r.line}</td>
            <td data-label="Student ID">{r.studentId}</td>
            <td data-label="Name">{r.name}</td>
            <td data-label="Email">{r.email ?? ''}</td>
            <td data-label="Classes">{r.classes.join(', ')}</td>
            <td data-label="Consent">{r.consent ? `${CONSENT_TEXT[r.consent.status]}${r.consent.onBehalfOf ? ` (${r.consent.onBehalfOf})` : ''}` : ''}</td>
            <td data-label="Guardians">{r.guardians.map((g) => [g.name, g.email ?? g.phone].filter(Boolean).join(' ')).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
