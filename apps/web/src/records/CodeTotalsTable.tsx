// The registers' totals per attendance code, in the school's own codes: what the office copies
// into its authority's return.
import type { CodeSet, Register } from '@rollcall/contracts';
import { codeTotals } from '../core/code-totals.ts';
import { columnNames } from './columns.ts';
import { codeMeaning } from '../ui/code-meaning.ts';

export function CodeTotalsTable({ registers, codes, title }: { registers: readonly Register[]; codes: CodeSet; title: string }) {
  const col = columnNames();
  const totals = codeTotals(registers, codes, Date.now());
  return (
    <table className="list" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{col.code}</th>
          <th scope="col">{col.meaning}</th>
          <th scope="col">{col.entries}</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((total) => (
          <tr key={total.code.code}>
            <th scope="row">
              <code>{total.code.code}</code>
            </th>
            <td>{codeMeaning(total.code)}</td>
            <td>{total.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
