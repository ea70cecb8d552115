// The registers' totals per attendance code, in the school's own codes: what the office copies
// into its authority's return.
import type { CodeSet, Register } from '@rollcall/contracts';
import { codeTotals } from '../core/code-totals.ts';

export function CodeTotalsTable({ registers, codes, title }: { registers: readonly Register[]; codes: CodeSet; title: string }) {
  const totals = codeTotals(registers, codes, Date.now());
  return (
    <table className="list" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Meaning</th>
          <th scope="col">Entries</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((t) => (
          <tr key={t.code.code}>
            <th scope="row">
              <code>{t.code.code}</code>
            </th>
            <td>{t.code.meaning}</td>
            <td>{t.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
