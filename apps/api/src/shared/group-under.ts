// Rows of a one-to-many query grouped under the ids asked for: every id gets an entry ([] when no
// row names it), values in row order. Used by the repositories that load classes, rosters and teachers in bulk.
export function groupUnder<K extends string, R extends Record<K, string>, V>(
  ids: readonly string[],
  rows: readonly R[],
  idKey: K,
  valueOf: (r: R) => V,
): Map<string, V[]> {
  const out = new Map<string, V[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r[idKey])?.push(valueOf(r));
  return out;
}
