// The API in this process on the district's database, opened as main.ts opens it, with the SQL
// each measured request ran kept at the driver: the EXPLAINs are of the queries the API sends.
import mysql from 'mysql2';
import { openDatabase } from '../../../apps/api/src/db/database.ts';
import { serveBenchApi } from '../shared/serve-api.ts';

export interface RecordedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

/** Collects the queries run while a label is set. */
export class QueryRecorder {
  private label: string | null = null;
  readonly byLabel = new Map<string, RecordedQuery[]>();
  record(label: string | null) {
    this.label = label;
    if (label) this.byLabel.set(label, []);
  }
  add(q: RecordedQuery) {
    if (this.label) this.byLabel.get(this.label)!.push(q);
  }
}

type QueryFn = (sql: string, values: unknown, cb: (err: unknown, ...rest: unknown[]) => void) => unknown;

/**
 * Wraps mysql2's query method (the one Kysely's MySQL driver calls) so every statement run in
 * this process is offered to the recorder; the API's own pool stays exactly as it opens it.
 */
function recordQueries(recorder: QueryRecorder) {
  let proto: { query: QueryFn } | null = mysql.PoolConnection.prototype as unknown as { query: QueryFn };
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'query')) proto = Object.getPrototypeOf(proto) as { query: QueryFn } | null;
  if (!proto) throw new Error("mysql2's connection has no query method to record");
  const original = proto.query;
  proto.query = function (this: unknown, sql: string, values: unknown, cb: (err: unknown, ...rest: unknown[]) => void) {
    if (typeof sql !== 'string' || typeof cb !== 'function') return original.call(this, sql, values, cb);
    const t = performance.now();
    return original.call(this, sql, values, (err, ...rest) => {
      recorder.add({ sql, parameters: Array.isArray(values) ? values : [], ms: performance.now() - t });
      cb(err, ...rest);
    });
  };
  return () => {
    proto.query = original;
  };
}

export async function serveDistrict(url: string, recorder: QueryRecorder) {
  const unrecord = recordQueries(recorder);
  const database = openDatabase({ dialect: 'mysql', url, poolSize: 10 });
  const server = await serveBenchApi(database, '5mb');
  return {
    base: server.base,
    close: async () => {
      await server.close();
      await database.close();
      unrecord();
    },
  };
}
