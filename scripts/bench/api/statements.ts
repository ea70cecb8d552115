// The statements the API sends to store one batch of marks, sent by a bare mysql2 client: no HTTP,
// no Kysely, no rules decided in JavaScript. Run beside the API and the raw insert, it splits the
// ratio API / raw in two: what the SQL itself costs next to one INSERT (statements / raw), and what
// HTTP and the API's own work add on top (API / statements). Written out by hand from the code
// below as of 2026-12-07; if the API's statements change, change them here too.
//   1. the caller: auth.repository.ts tokenCaller (the token and its account, one join)
//   2. the mark-posting limit: counters.repository.ts countHit (one UPDATE outside a transaction)
//   3. the group's transaction (attendance.service.ts postGroup): begin, lock the students
//      (students.repository.ts lockStudents), ids received and marks near in time (attendance.repository.ts
//      storedFor, one UNION ALL), insert the marks, insert their events (events.repository.ts
//      appendAccepted: the mark's id only), commit.
// The API shares one transaction among the batches that arrive together (2.3 on average in this
// bench, counted with a local harness on 2026-12-07); here two batches share each transaction.
import { createHash } from 'node:crypto';
import type { Pool } from 'mysql2/promise';

export const MARK_COLUMNS = 'id, student_id, session_id, class_id, device_id, marked_at, marked_day, marked_offset, received_at, similarity, method, status';

/** Twin tables for this side's rows, so it writes into tables of the same shape and size as the API's. */
export async function prepareStatements(db: Pool): Promise<void> {
  await db.query('CREATE TABLE attendance_marks_stmt LIKE attendance_marks');
  await db.query('CREATE TABLE events_stmt LIKE events');
  await db.query("INSERT INTO rate_counters (`key`, window_start, count, last_at) VALUES ('bench:statements', ?, 0, 0)", [Date.now()]);
}

/** Batches posted together (rows as the raw side inserts them: MARK_COLUMNS order), as the API would store them. */
export async function storeAsTheApiDoes(db: Pool, token: string, batches: unknown[][][], cooldownMs: number): Promise<void> {
  // Per request: find the caller, count the hit.
  await Promise.all(batches.map(() => callerAndLimit(db, token)));
  await groupTransaction(db, batches.flat(), cooldownMs);
}

async function callerAndLimit(db: Pool, token: string): Promise<void> {
  const now = Date.now();
  await db.query(
    'SELECT t.*, u.id AS account_id, u.name AS account_name, u.role AS account_role, u.disabled_at AS account_disabled_at, u.language AS account_language, u.scope_revision AS account_scope_revision FROM api_tokens AS t LEFT JOIN users AS u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL',
    [createHash('sha256').update(token).digest('hex')],
  );
  const expired = now - 60_000;
  await db.query(
    "UPDATE rate_counters SET count = CASE WHEN window_start <= ? THEN 1 ELSE count + 1 END, window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END, last_at = ? WHERE `key` = 'bench:statements' AND (count < ? OR window_start <= ?)",
    [expired, expired, now, now, 1_000_000, expired],
  );
}

/** The group's transaction: one statement of each kind for all its marks. */
async function groupTransaction(db: Pool, rows: unknown[][], cooldownMs: number): Promise<void> {
  const now = Date.now();
  const students = [...new Set(rows.map((r) => r[1] as string))].sort();
  const ids = rows.map((r) => r[0] as string);
  const times = rows.map((r) => r[5] as number);
  const c = await db.getConnection();
  try {
    await c.query('START TRANSACTION');
    await c.query('SELECT student_id FROM students WHERE student_id IN (?) ORDER BY student_id FOR UPDATE', [students]);
    await c.query(
      'SELECT id, null AS student_id, null AS session_id, null AS marked_at, null AS method FROM attendance_marks_stmt WHERE id IN (?) UNION ALL SELECT id, null, null, null, null FROM attendance_audit WHERE id IN (?) UNION ALL SELECT id, student_id, session_id, marked_at, method FROM attendance_marks_stmt WHERE student_id IN (?) AND marked_at > ? AND marked_at < ?',
      [ids, ids, students, Math.min(...times) - cooldownMs, Math.max(...times) + cooldownMs],
    );
    await c.query(`INSERT INTO attendance_marks_stmt (${MARK_COLUMNS}) VALUES ?`, [rows]);
    await c.query('INSERT INTO events_stmt (type, payload, at) VALUES ?', [
      ids.map((id) => ['mark.accepted', JSON.stringify({ type: 'mark.accepted', markId: id }), now]),
    ]);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
