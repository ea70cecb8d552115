// EXPLAIN of the SQL a measured request really ran (kept by the recorder), once per query shape,
// with the plan's access type per table; a full table scan (type ALL) or a whole-index read
// (type index) on a big table is flagged.
import type { Connection } from 'mysql2/promise';
import type { RecordedQuery } from './serve.ts';

export interface PlanLine {
  query: string;
  table: string;
  type: string;
  key: string | null;
  rows: number;
  extra: string;
  flag: string;
}

/** The query with its IN lists and literals folded, so repeats of one shape count once. */
export const shapeOf = (sql: string) => sql.replace(/\(\?(, \?)*\)/g, '(…)').replace(/\s+/g, ' ');

const FLAG_ROWS = 1_000;
/** Who is calling: the same few primary-key lookups before every request, left out of the report. */
const AUTH = /^select .* from `(api_tokens|users|class_teachers|class_covers|device_classes)`/;

export async function explain(conn: Connection, queries: RecordedQuery[]): Promise<PlanLine[]> {
  const seen = new Set<string>();
  const out: PlanLine[] = [];
  for (const q of queries) {
    const shape = shapeOf(q.sql);
    if (!/^\s*select/i.test(q.sql) || AUTH.test(shape) || seen.has(shape)) continue;
    seen.add(shape);
    const [rows] = (await conn.query(`EXPLAIN ${q.sql}`, q.parameters as unknown[])) as unknown as [
      { table: string | null; type: string | null; key: string | null; rows: number | null; Extra: string | null }[],
    ];
    for (const r of rows) {
      const n = Number(r.rows ?? 0);
      const scan = r.type === 'ALL' ? 'FULL SCAN' : r.type === 'index' ? 'full index scan' : '';
      out.push({
        query: shape.length > 150 ? `${shape.slice(0, 147)}...` : shape,
        table: r.table ?? '',
        type: r.type ?? '',
        key: r.key,
        rows: n,
        extra: r.Extra ?? '',
        flag: scan && n >= FLAG_ROWS ? `<- ${scan}` : '',
      });
    }
  }
  return out;
}

export function printPlans(label: string, lines: PlanLine[]) {
  console.log(`  EXPLAIN ${label}:`);
  let last = '';
  for (const l of lines) {
    if (l.query !== last) console.log(`    ${l.query}`);
    last = l.query;
    console.log(`      ${l.table.padEnd(22)} type=${l.type.padEnd(7)} key=${String(l.key).padEnd(32)} rows=${String(l.rows).padStart(8)} ${l.extra} ${l.flag}`);
  }
}
