// Review items on the device (fake-indexeddb): kept across a reopened database (a reload), listed
// per session, damaged rows dropped, and the database upgraded from version 1 keeps its outbox.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { RollcallDb } from '../../local/db.ts';
import { addReview, listReviews, removeReview, resolveReviews } from './review-store.ts';

const IMG = 'data:image/jpeg;base64,AAAA';
let n = 0;

describe('review store', () => {
  it('a face marked once it moved clears its own "could not confirm a live face" review, and nothing else', async () => {
    const db = new RollcallDb(`reviews-${++n}`);
    const where = { sessionId: 'sess-1', classId: 'c1' };
    // Run r1's track 7 waited for life; an earlier track of the same student (a held-up photo) and
    // track 7 of another run must stay.
    await addReview(db, { thumbnail: IMG, why: 'liveness', candidates: [{ studentId: 'S1', score: 0.7 }], track: 'r1:7' }, where, 1);
    await addReview(db, { thumbnail: IMG, why: 'liveness', candidates: [{ studentId: 'S1', score: 0.7 }], track: 'r1:3' }, where, 2);
    await addReview(db, { thumbnail: IMG, why: 'presentation', candidates: [{ studentId: 'S1', score: 0.7 }], track: 'r1:7' }, where, 3);
    await addReview(db, { thumbnail: IMG, why: 'liveness', candidates: [{ studentId: 'S1', score: 0.7 }], track: 'r0:7' }, where, 4);
    expect(await resolveReviews(db, 'r1:7', 'liveness')).toBe(1);
    expect((await listReviews(db, 'sess-1', 'c1')).map((r) => [r.why, r.track])).toEqual([
      ['liveness', 'r1:3'],
      ['presentation', 'r1:7'],
      ['liveness', 'r0:7'],
    ]);
  });

  it('keeps reviews across a reopen, per session, with the top two candidates', async () => {
    const name = `reviews-${++n}`;
    const db = new RollcallDb(name);
    const a = await addReview(
      db,
      {
        thumbnail: IMG,
        why: 'close',
        candidates: [
          { studentId: 'S1', score: 0.61 },
          { studentId: 'S2', score: 0.58 },
          { studentId: 'S3', score: 0.4 },
        ],
      },
      { sessionId: 'sess-1', classId: 'c1' },
      1,
    );
    await addReview(db, { thumbnail: IMG, why: 'ambiguous', candidates: [{ studentId: 'S4', score: 0.6 }] }, { sessionId: 'sess-2', classId: 'c1' }, 2);
    await addReview(db, { thumbnail: IMG, why: 'close', candidates: [] }, { sessionId: null, classId: null }, 3);
    db.close();
    const again = new RollcallDb(name);
    const first = await listReviews(again, 'sess-1', 'c1');
    expect(first.map((r) => [r.id, r.candidates])).toEqual([
      [
        a,
        [
          { studentId: 'S1', score: 0.61 },
          { studentId: 'S2', score: 0.58 },
        ],
      ],
    ]);
    expect((await listReviews(again, 'sess-2', 'c1'))[0]!.candidates).toEqual([{ studentId: 'S4', score: 0.6 }]);
    expect((await listReviews(again, null, null))[0]!.candidates).toEqual([]);
    await removeReview(again, a);
    expect(await listReviews(again, 'sess-1', 'c1')).toEqual([]);
    // A damaged row is not shown.
    await again.reviews.put({ id: 'bad', sessionId: 'sess-2', classId: 'c1', createdAt: 4, thumbnail: 'javascript:alert(1)', why: 'close', candidates: [] });
    expect((await listReviews(again, 'sess-2', 'c1')).map((r) => r.id)).not.toContain('bad');
  });

  it("keeps the liveness rule's reasons with a row; damaged reasons drop, the row stays", async () => {
    const db = new RollcallDb(`reviews-${++n}`);
    const where = { sessionId: 'sess-1', classId: 'c1' };
    const reasons = ['may be a photo or a screen: the texture is unclear (live score 0.74 over 12 frames)'];
    await addReview(db, { thumbnail: IMG, why: 'presentation', candidates: [{ studentId: 'S1', score: 0.97 }], reasons }, where, 1);
    // A close match has no liveness reasons: none are stored.
    await addReview(db, { thumbnail: IMG, why: 'close', candidates: [{ studentId: 'S2', score: 0.9 }], reasons: [] }, where, 2);
    await db.reviews.put({
      id: 'old',
      ...where,
      createdAt: 3,
      thumbnail: IMG,
      why: 'presentation',
      candidates: [],
      reasons: 'not a list' as unknown as string[],
    });
    const rows = await listReviews(db, 'sess-1', 'c1');
    expect(rows.map((r) => [r.why, r.reasons])).toEqual([
      ['presentation', reasons],
      ['close', undefined],
      ['presentation', undefined],
    ]);
  });

  it('upgrades a version 1 database without losing its outbox', async () => {
    const name = `reviews-${++n}`;
    const old = new Dexie(name);
    old
      .version(1)
      .stores({ students: 'studentId, name', embeddings: 'id, studentId, modelId', classes: 'id, name', outbox: 'id, seq, [state+seq]', meta: 'key' });
    await old.table('outbox').put({ id: 'm1', seq: 1, state: 'pending', mark: {} });
    old.close();
    const db = new RollcallDb(name);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.reviews.count()).toBe(0);
  });
});
