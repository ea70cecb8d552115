// After a scenario: every mark any device made is in the database exactly once, and nothing else.
import { createConnection } from 'mysql2/promise';
import type { NewMark } from '@rollcall/contracts';

export interface Verdict {
  generated: number;
  stored: number;
  lost: number;
  duplicates: number;
  unexpected: number;
}

export async function verify(url: string, generated: NewMark[]): Promise<Verdict> {
  const conn = await createConnection({ uri: url });
  try {
    const [rows] = await conn.query('SELECT id, student_id, marked_at FROM attendance_marks');
    const stored = rows as { id: string; student_id: string; marked_at: number }[];
    const ids = new Set(stored.map((r) => r.id));
    const wanted = new Set(generated.map((m) => m.id));
    const perMoment = new Map<string, number>();
    for (const r of stored) perMoment.set(`${r.student_id}@${r.marked_at}`, (perMoment.get(`${r.student_id}@${r.marked_at}`) ?? 0) + 1);
    return {
      generated: generated.length,
      stored: stored.length,
      lost: generated.filter((m) => !ids.has(m.id)).length,
      duplicates: [...perMoment.values()].filter((n) => n > 1).length,
      unexpected: stored.filter((r) => !wanted.has(r.id)).length,
    };
  } finally {
    await conn.end();
  }
}

/** Marks of the given batches that are in the database: for each batch, 0 or all of it (a batch is one transaction). */
export async function partialBatches(url: string, batches: string[][]): Promise<number> {
  if (batches.length === 0) return 0;
  const conn = await createConnection({ uri: url });
  try {
    let partial = 0;
    for (const ids of batches) {
      const [rows] = await conn.query('SELECT COUNT(*) AS n FROM attendance_marks WHERE id IN (?)', [ids]);
      const n = Number((rows as { n: number }[])[0]!.n);
      if (n !== 0 && n !== ids.length) partial++;
    }
    return partial;
  } finally {
    await conn.end();
  }
}
