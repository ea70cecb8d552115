// Frozen: a classroom device registered by a teacher acts for that teacher (api_tokens.user_id),
// so it reaches only the classes the teacher still teaches and goes with the teacher's account.
// Devices registered by teachers before this migration are linked to their registering teacher.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE api_tokens SET user_id = created_by
    WHERE kind = 'device' AND user_id IS NULL AND created_by IN (SELECT id FROM users WHERE role = 'teacher')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE api_tokens SET user_id = NULL WHERE kind = 'device'`.execute(db);
}
