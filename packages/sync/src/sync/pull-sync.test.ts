// pullSync against a scripted SyncClient: paging to the end, deletions, a reset, a failure
// between pages (the stored revision never runs ahead of the stored data), and a stuck server.
import type { SyncResponse } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { ClientError } from '@rollcall/contracts';
import { MemorySyncTarget, pullSync, SyncError } from '../index.ts';
import { embedding, page, ScriptedSync, student } from '../testing/helpers.ts';

describe('pullSync', () => {
  it('pages from the stored revision until the API has no more, applying each page', async () => {
    const target = new MemorySyncTarget();
    const client = new ScriptedSync(
      new Map([
        [0, page(0, 4, { more: true, students: { upserted: [student('S1'), student('S2')], deleted: [] } })],
        [4, page(4, 7, { more: true, embeddings: { upserted: [embedding('e1', 'S1')], deleted: [] } })],
        [7, page(7, 9, { classes: { upserted: [{ id: 'c1', name: 'Math', studentIds: ['S1', 'S2'] }], deleted: [] } })],
      ]),
    );
    const result = await pullSync(client, target, { modelId: 'human-faceres@3.3.6', limit: 2 });
    expect(result).toMatchObject({
      revision: 9,
      pages: 3,
      reset: false,
      students: { upserted: 2, deleted: 0 },
      embeddings: { upserted: 1 },
      classes: { upserted: 1 },
    });
    expect(client.asked).toEqual([0, 4, 7].map((since) => ({ since, modelId: 'human-faceres@3.3.6', limit: 2 })));
    expect([...target.students.keys()]).toEqual(['S1', 'S2']);
    expect(target.revision).toBe(9);
  });

  it('applies a delta after deletions: renamed, removed, and a roster without the removed student', async () => {
    const target = new MemorySyncTarget();
    await target.applyStudents({ upserted: [student('S1'), student('S2')], deleted: [] });
    await target.applyEmbeddings({ upserted: [embedding('e1', 'S1'), embedding('e2', 'S2')], deleted: [] });
    await target.applyClasses({ upserted: [{ id: 'c1', name: 'Math', studentIds: ['S1', 'S2'] }], deleted: [] });
    await target.setRevision(10);
    const client = new ScriptedSync(
      new Map([
        [
          10,
          page(10, 14, {
            students: { upserted: [student('S2', 'Two Renamed')], deleted: ['S1', 'S-never-seen'] },
            embeddings: { upserted: [], deleted: ['e1'] },
            classes: { upserted: [{ id: 'c1', name: 'Math', studentIds: ['S2'] }], deleted: [] },
          }),
        ],
      ]),
    );
    await pullSync(client, target);
    expect([...target.students.values()].map((s) => [s.studentId, s.name])).toEqual([['S2', 'Two Renamed']]);
    expect([...target.embeddings.keys()]).toEqual(['e2']);
    expect(target.classes.get('c1')?.studentIds).toEqual(['S2']);
    expect(target.revision).toBe(14);
  });

  it('a scoped device drops students on none of its cached rosters with their embeddings, after the last page only; an unscoped one keeps them', async () => {
    const seeded = async () => {
      const target = new MemorySyncTarget();
      await target.applyStudents({ upserted: [student('S1'), student('S2'), student('S3')], deleted: [] });
      await target.applyEmbeddings({ upserted: [embedding('e1', 'S1'), embedding('e2', 'S2'), embedding('e3', 'S3')], deleted: [] });
      await target.applyClasses({
        upserted: [
          { id: 'c1', name: 'Math', studentIds: ['S1', 'S2'] },
          { id: 'c2', name: 'Art', studentIds: ['S3'] },
        ],
        deleted: [],
      });
      await target.setRevision(10);
      return target;
    };
    // S1 left c1, and c2 was deleted: the pages name the classes, not who left.
    const pages = (scoped: boolean) =>
      new Map([
        [10, page(10, 12, { scoped, more: true, classes: { upserted: [{ id: 'c1', name: 'Math', studentIds: ['S2'] }], deleted: [] } })],
        [12, page(12, 13, { scoped, classes: { upserted: [], deleted: ['c2'] } })],
      ]);

    const laptop = await seeded();
    const heldAfterFirstPage: string[][] = [];
    const apply = laptop.applyClasses.bind(laptop);
    laptop.applyClasses = async (c) => {
      heldAfterFirstPage.push([...laptop.students.keys()]);
      await apply(c);
    };
    expect(await pullSync(new ScriptedSync(pages(true)), laptop)).toMatchObject({ revision: 13, pages: 2, unrostered: 2 });
    expect([...laptop.students.keys()]).toEqual(['S2']);
    expect([...laptop.embeddings.keys()]).toEqual(['e2']);
    // Nothing was dropped between pages: a later page may still bring a student's class.
    expect(heldAfterFirstPage[1]).toEqual(['S1', 'S2', 'S3']);

    const admin = await seeded();
    expect(await pullSync(new ScriptedSync(pages(false)), admin)).toMatchObject({ revision: 13, unrostered: 0 });
    expect([...admin.students.keys()]).toEqual(['S1', 'S2', 'S3']);
    expect([...admin.embeddings.keys()]).toEqual(['e1', 'e2', 'e3']);
  });

  it('leaves the revision at the last applied page when the connection drops, and resumes from there', async () => {
    const target = new MemorySyncTarget();
    const client = new ScriptedSync(
      new Map<number, SyncResponse | Error>([
        [0, page(0, 5, { more: true, students: { upserted: [student('S1')], deleted: [] } })],
        [5, new ClientError('network', 'connection reset')],
      ]),
    );
    const revisions: number[] = [];
    const setRevision = target.setRevision.bind(target);
    target.setRevision = async (r) => {
      revisions.push(r);
      await setRevision(r);
    };
    await expect(pullSync(client, target)).rejects.toMatchObject({ code: 'network' });
    expect(target.revision).toBe(5);
    expect([...target.students.keys()]).toEqual(['S1']);

    client.set(5, page(5, 8, { students: { upserted: [student('S2')], deleted: [] } }));
    expect(await pullSync(client, target)).toMatchObject({ revision: 8, pages: 1 });
    expect([...target.students.keys()]).toEqual(['S1', 'S2']);
    expect(revisions).toEqual([5, 8]);
  });

  it('never records a revision whose page failed to apply', async () => {
    const target = new MemorySyncTarget();
    target.applyEmbeddings = async () => {
      throw new Error('QuotaExceededError');
    };
    const client = new ScriptedSync(new Map([[0, page(0, 3, { students: { upserted: [student('S1')], deleted: [] } })]]));
    await expect(pullSync(client, target)).rejects.toThrow('QuotaExceededError');
    expect(target.revision).toBe(0);
  });

  it('drops the cache and takes the whole set when the API says reset', async () => {
    const target = new MemorySyncTarget();
    await target.applyStudents({ upserted: [student('OLD')], deleted: [] });
    await target.setRevision(500);
    const client = new ScriptedSync(
      new Map([
        [500, page(0, 20, { reset: true, more: true, students: { upserted: [student('S1')], deleted: [] } })],
        [20, page(20, 22, { students: { upserted: [student('S2')], deleted: [] } })],
      ]),
    );
    expect(await pullSync(client, target)).toMatchObject({ reset: true, revision: 22, pages: 2 });
    expect([...target.students.keys()]).toEqual(['S1', 'S2']);
  });

  it('pages a whole set by cursor from an emptied cache, recording its revision only with its last page', async () => {
    const target = new MemorySyncTarget();
    // What an interrupted whole set left: a whole set carries no deletions, so it starts from nothing.
    await target.applyStudents({ upserted: [student('LEFT-OVER')], deleted: [] });
    const client = new ScriptedSync(
      new Map<number | string, SyncResponse>([
        [0, page(0, 0, { more: true, cursor: 'c1', students: { upserted: [student('S1')], deleted: [] } })],
        ['c1', page(0, 0, { more: true, cursor: 'c2', students: { upserted: [student('S2')], deleted: [] } })],
        ['c2', page(0, 12, { students: { upserted: [student('S3')], deleted: [] } })],
      ]),
    );
    const revisions: number[] = [];
    const setRevision = target.setRevision.bind(target);
    target.setRevision = async (r) => {
      revisions.push(r);
      await setRevision(r);
    };
    expect(await pullSync(client, target)).toMatchObject({ revision: 12, pages: 3, reset: false });
    expect(client.asked.map((q) => [q.since, q.cursor])).toEqual([
      [0, undefined],
      [0, 'c1'],
      [0, 'c2'],
    ]);
    expect([...target.students.keys()]).toEqual(['S1', 'S2', 'S3']);
    expect(revisions).toEqual([0, 0, 12]);
  });

  it('refuses to loop when a whole set gives the same cursor again', async () => {
    const client = new ScriptedSync(
      new Map<number | string, SyncResponse>([
        [0, page(0, 0, { more: true, cursor: 'c1' })],
        ['c1', page(0, 0, { more: true, cursor: 'c1' })],
      ]),
    );
    const err = await pullSync(client, new MemorySyncTarget()).catch((e: unknown) => e);
    expect((err as SyncError).code).toBe('no-progress');
  });

  it('refuses to loop when the API says more without moving forward', async () => {
    const client = new ScriptedSync(new Map([[0, page(0, 0, { more: true })]]));
    const err = await pullSync(client, new MemorySyncTarget()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as SyncError).code).toBe('no-progress');
  });

  it('joins a pull already running for the same target instead of applying its pages twice', async () => {
    const target = new MemorySyncTarget();
    const client = new ScriptedSync(new Map([[0, page(0, 2, { students: { upserted: [student('S1')], deleted: [] } })]]));
    const [a, b] = await Promise.all([pullSync(client, target), pullSync(client, target)]);
    expect(a).toBe(b);
    expect(client.asked).toHaveLength(1);
    await pullSync(client, new MemorySyncTarget());
    expect(client.asked).toHaveLength(2);
  });
});
