// "Which of these ids name nothing?", answered one way for every table: each repository passes the
// query that finds the ids it owns.
export async function missingIds(ids: readonly string[], found: (ids: string[]) => Promise<{ id: string }[]>): Promise<string[]> {
  if (ids.length === 0) return [];
  const present = new Set((await found([...ids])).map((r) => r.id));
  return ids.filter((id) => !present.has(id));
}
