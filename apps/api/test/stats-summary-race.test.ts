// A session's end moved into the settled past (PATCH) while a mark into that session is being
// written: the mark's transaction holds a shared lock on the session, so it waits for the edit and
// sees the session ended, and raises the class's summary epoch as a mark into an ended session
// does. Without the lock it saw a running session and raised nothing, and a summary filled between
// the two commits missed the mark for good. MySQL only: SQLite runs one writer at a time.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/services.ts';
import { ALL } from '../src/shared/actor.ts';
import { bumpSummaryEpochs } from '../src/shared/summary-epochs.repository.ts';
import { dialects, startApi, type TestApi } from './context.ts';
import { ago, mark } from './marks.ts';

const HOUR = 3_600_000;

describe.skipIf(!dialects.includes('mysql'))('a session edit racing a mark into it, on mysql', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi('mysql');
  });
  afterAll(() => api?.close());

  const epochOf = async (classId: string) =>
    Number((await api.database.db.selectFrom('class_summary_epochs').select('epoch').where('class_id', '=', classId).executeTakeFirst())?.epoch ?? 0);

  it('the mark waits for the edit, sees the session ended, and raises its class epoch', async () => {
    expect((await api.call('POST', '/api/students', { studentId: 'R001', name: 'Ada Race' })).status).toBe(201);
    const classId = (await api.call('POST', '/api/classes', { name: 'Form 9R', studentIds: ['R001'] })).body.id as string;
    const sessionId = (await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: ago(180) })).body.id as string;

    // The edit, as PATCH writes it, held open with its row lock on the session.
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let editing = () => {};
    const holding = new Promise<void>((r) => (editing = r));
    const edit = api.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('class_sessions')
        .set({ ends_at: Date.now() - 2 * HOUR })
        .where('id', '=', sessionId)
        .execute();
      await bumpSummaryEpochs(trx, [classId]);
      editing();
      await gate;
    });
    await holding;
    const before = await epochOf(classId);

    let answered = false;
    const posting = api.call('POST', '/api/attendance', { marks: [mark('R001', sessionId, ago(60))] }).finally(() => (answered = true));
    // The mark's transaction must come to wait on the edit's lock: its locking read of the session
    // stays in the server's process list. Without the shared lock it never waits, and is answered
    // while the edit is still open.
    const waitingOnSession = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*) as n from information_schema.processlist where info like '%class_sessions%lock in share mode%' and info not like '%processlist%'`.execute(
          api.database.db,
        )
      ).rows.some((r) => Number(r.n) > 0);
    while (!answered && !(await waitingOnSession())) await new Promise((r) => setTimeout(r, 10));
    expect(answered, 'the mark was written while the session edit was uncommitted').toBe(false);
    release();
    await edit;
    const res = await posting;
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted']);
    // The edit's raise and the mark's own.
    expect(await epochOf(classId)).toBe(before + 2);

    // And the settled day through the summary counts the mark, as the live count does.
    const services = createServices({ db: api.database.db, dialect: 'mysql', now: Date.now, cooldownMs: 0 }, { retentionDays: null });
    const day = new Date(Date.now() - 3 * HOUR).toISOString().slice(0, 10);
    const through = await services.stats.daily(day, day, classId, ALL);
    expect(through).toEqual(await services.stats.daily(day, day, classId, ALL, { live: true }));
  });
});
