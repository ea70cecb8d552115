// The rows a roster import will write, as a table that stacks into one card per student on a phone.
import { CONSENT_TEXT } from '../core/camera-free.ts';
import type { RosterRow } from './roster-row.ts';
import { t, translator } from '../core/i18n.ts';

export function RosterPreviewTable({ rows }: { rows: readonly RosterRow[] }) {
  return (
    <table className="list stack" aria-label={t({ id: 'students.roster.rows', defaultMessage: 'Rows to import' })}>
      <thead>
        <tr>
          <th scope="col">{t({ id: 'students.roster.column.line', defaultMessage: 'Line' })}</th>
          <th scope="col">{t({ id: 'students.column.studentId', defaultMessage: 'Student ID' })}</th>
          <th scope="col">{t({ id: 'students.column.name', defaultMessage: 'Name' })}</th>
          <th scope="col">{t({ id: 'students.column.email', defaultMessage: 'Email' })}</th>
          <th scope="col">{t({ id: 'students.roster.column.classes', defaultMessage: 'Classes' })}</th>
          <th scope="col">{t({ id: 'students.roster.column.consent', defaultMessage: 'Consent' })}</th>
          <th scope="col">{t({ id: 'students.roster.column.guardians', defaultMessage: 'Guardians' })}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.file}:${r.line}`}>
            <td data-label={t({ id: 'students.roster.column.line', defaultMessage: 'Line' })}>{r.line}</td>
            <td data-label={t({ id: 'students.column.studentId', defaultMessage: 'Student ID' })}>{r.studentId}</td>
            <td data-label={t({ id: 'students.column.name', defaultMessage: 'Name' })}>{r.name}</td>
            <td data-label={t({ id: 'students.column.email', defaultMessage: 'Email' })}>{r.email ?? ''}</td>
            <td data-label={t({ id: 'students.roster.column.classes', defaultMessage: 'Classes' })}>
              {translator().intl.formatList(r.classes, { type: 'unit' })}
            </td>
            <td data-label={t({ id: 'students.roster.column.consent', defaultMessage: 'Consent' })}>
              {r.consent
                ? t(
                    { id: 'students.roster.consent', defaultMessage: '{status}{by, select, parent { (parent)} student { (student)} other {}}' },
                    { status: CONSENT_TEXT[r.consent.status], by: r.consent.onBehalfOf ?? 'none' },
                  )
                : ''}
            </td>
            <td data-label={t({ id: 'students.roster.column.guardians', defaultMessage: 'Guardians' })}>
              {r.guardians.map((g) => [g.name, g.email ?? g.phone].filter(Boolean).join(' ')).join('; ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
