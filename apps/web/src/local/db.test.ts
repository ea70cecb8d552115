// The Dexie stores against fake-indexeddb: the outbox keeps the shared OutboxStore contract, and
// the sync target applies deltas idempotently and drops a deleted or unrostered student's embeddings from the gallery.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Gallery } from '@rollcall/matcher';
import { GalleryService } from '../matcher/gallery-service.ts';
import { encodeVector } from '@rollcall/contracts';
import { describeOutboxStoreContract } from '@rollcall/sync/testing';
import { RollcallDb } from './db.ts';
import { DexieOutboxStore } from './dexie-outbox-store.ts';
import { DexieSyncTarget, type AppliedChanges } from './dexie-sync-target.ts';

let n = 0;
const freshDb = () => new RollcallDb(`test-${++n}`);

describeOutboxStoreContract('dexie', () => new DexieOutboxStore(freshDb()));

const student = (id: string) => ({
  studentId: id,
  name: `N ${id}`,
  email: null,
  embeddingCount: 1,
  consent: 'granted' as const,
  cameraFree: false,
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
});
const embedding = (id: string, studentId: string, v: number[]) => ({
  id,
  studentId,
  modelId: 'faceapi-resnet@1.7.15' as const,
  dim: v.length,
  quality: 0.9,
  sourceHash: 'a'.repeat(64),
  createdAt: '2026-11-24T08:00:00.000Z',
  vector: encodeVector(v),
});

describe('DexieSyncTarget', () => {
  it('applies upserts and deletions idempotently and tells listeners', async () => {
    const db = freshDb();
    const target = new DexieSyncTarget(db);
    const heard: AppliedChanges[] = [];
    target.onApplied((c) => heard.push(c));
    const e1 = embedding('00000000-0000-4000-8000-000000000001', 'S1', [1, 0, 0]);
    for (let i = 0; i < 2; i++) {
      await target.applyStudents({ upserted: [student('S1'), student('S2')], deleted: [] });
      await target.applyEmbeddings({ upserted: [e1, embedding('00000000-0000-4000-8000-000000000002', 'S2', [0, 1, 0])], deleted: [] });
    }
    await target.applyClasses({ upserted: [{ id: '00000000-0000-4000-8000-0000000000c1', name: 'C', studentIds: ['S1'] }], deleted: [] });
    await target.setRevision(7);
    expect(await db.students.count()).toBe(2);
    expect(await db.embeddings.count()).toBe(2);
    expect(Array.from((await db.embeddings.get(e1.id))!.vector)).toEqual([1, 0, 0]);
    expect(await target.getRevision()).toBe(7);

    await target.applyStudents({ upserted: [], deleted: ['S1'] });
    expect(await db.embeddings.where('studentId').equals('S1').count()).toBe(0);
    expect(heard.at(-1)!.studentsDeleted).toEqual(['S1']);

    // A corrupt vector is refused, not cached.
    await target.applyEmbeddings({ upserted: [{ ...embedding('00000000-0000-4000-8000-000000000003', 'S2', [1, 1, 0]), dim: 128 }], deleted: [] });
    expect(await db.embeddings.get('00000000-0000-4000-8000-000000000003')).toBeUndefined();

    await target.reset();
    expect(await db.students.count()).toBe(0);
    expect(await target.getRevision()).toBe(0);
    expect(heard.at(-1)!.reset).toBe(true);
  });
});

describe('GalleryService', () => {
  it('a sync reset replaces the gallery and tells a running session, which then sees the new enrolments', async () => {
    const db = freshDb();
    const target = new DexieSyncTarget(db);
    const service = new GalleryService(db, target, 'faceapi-resnet@1.7.15');
    const v = (k: number) => Array.from({ length: 128 }, (_, i) => (i === k ? 1 : 0.01));
    await target.applyStudents({ upserted: [student('S1')], deleted: [] });
    await target.applyEmbeddings({ upserted: [embedding('00000000-0000-4000-8000-000000000011', 'S1', v(1))], deleted: [] });
    const before = await service.get();
    expect(before.studentIds()).toEqual(['S1']);
    const replaced: Gallery[] = [];
    service.onReplaced((g) => replaced.push(g));
    await target.reset();
    await vi.waitFor(() => expect(replaced).toHaveLength(1));
    expect(replaced[0]).not.toBe(before);
    expect(replaced[0]!.size).toBe(0);
    // Deltas after the reset land in the gallery the session was handed.
    await target.applyStudents({ upserted: [student('S2')], deleted: [] });
    await target.applyEmbeddings({ upserted: [embedding('00000000-0000-4000-8000-000000000012', 'S2', v(2))], deleted: [] });
    await vi.waitFor(() => expect(replaced[0]!.studentIds()).toEqual(['S2']));
    expect(await service.get()).toBe(replaced[0]);
  });

  it('a student dropped for being on none of the cached rosters leaves the gallery with their embeddings', async () => {
    const db = freshDb();
    const target = new DexieSyncTarget(db);
    const service = new GalleryService(db, target, 'faceapi-resnet@1.7.15');
    const v = (k: number) => Array.from({ length: 128 }, (_, i) => (i === k ? 1 : 0.01));
    await target.applyStudents({ upserted: [student('S1'), student('S2')], deleted: [] });
    await target.applyEmbeddings({
      upserted: [
        embedding('00000000-0000-4000-8000-000000000021', 'S1', v(1)),
        embedding('00000000-0000-4000-8000-000000000022', 'S2', v(2)),
        // An embedding whose student the cache never held goes too.
        embedding('00000000-0000-4000-8000-000000000023', 'S9', v(3)),
      ],
      deleted: [],
    });
    await target.applyClasses({ upserted: [{ id: '00000000-0000-4000-8000-0000000000c1', name: 'C', studentIds: ['S2'] }], deleted: [] });
    const gallery = await service.get();
    expect(gallery.studentIds().sort()).toEqual(['S1', 'S2', 'S9']);

    expect((await target.dropUnrostered()).sort()).toEqual(['S1', 'S9']);
    expect(await db.students.toCollection().primaryKeys()).toEqual(['S2']);
    expect((await db.embeddings.toArray()).map((e) => e.studentId)).toEqual(['S2']);
    await vi.waitFor(() => expect(gallery.studentIds()).toEqual(['S2']));
    expect(gallery.has('00000000-0000-4000-8000-000000000021')).toBe(false);
    expect(await target.dropUnrostered()).toEqual([]);
  });
});
