// Id lists as repositories and services pass them around.

/** The ids of these rows, in order. */
export const idsOf = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id);

/**
 * "Which of these ids name nothing?", answered one way for every table: each repository passes the
 * query that finds the ids it owns.
 */
export async function missingIds(ids: readonly string[], found: (ids: readonly string[]) => Promise<{ id: string }[]>): Promise<string[]> {
  if (ids.length === 0) return [];
  const present = new Set(idsOf(await found(ids)));
  return ids.filter((id) => !present.has(id));
}
