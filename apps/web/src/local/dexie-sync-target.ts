// pullSync's target over Dexie: each page is applied in one IndexedDB transaction, and the
// revision is written only after it, so an interrupted sync never skips changes. Listeners hear
// of every applied change, so the matcher's index follows incrementally (no rebuild per delta).
import { decodeVector, type SyncResponse } from '@rollcall/contracts';
import type { ClassChanges, EmbeddingChanges, StudentChanges, SyncTarget } from '@rollcall/sync';
import { META, getMeta, setMeta, type CachedEmbedding, type RollcallDb } from './db.ts';

export interface AppliedChanges {
  embeddingsUpserted: CachedEmbedding[];
  embeddingsDeleted: string[];
  studentsDeleted: string[];
  reset: boolean;
}

export class DexieSyncTarget implements SyncTarget {
  private listeners = new Set<(c: AppliedChanges) => void>();

  constructor(private readonly db: RollcallDb) {}

  onApplied(listener: (c: AppliedChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(c: Partial<AppliedChanges>) {
    const full: AppliedChanges = { embeddingsUpserted: [], embeddingsDeleted: [], studentsDeleted: [], reset: false, ...c };
    for (const l of this.listeners) l(full);
  }

  getRevision(): Promise<number> {
    return getMeta(this.db, META.revision, 0);
  }

  async applyStudents(changes: StudentChanges): Promise<void> {
    await this.db.transaction('rw', this.db.students, this.db.embeddings, async () => {
      await this.db.students.bulkPut(
        changes.upserted.map((s) => ({
          studentId: s.studentId,
          name: s.name,
          email: s.email,
          embeddingCount: s.embeddingCount,
          updatedAt: s.updatedAt,
          consent: s.consent,
          cameraFree: s.cameraFree,
        })),
      );
      await this.db.students.bulkDelete(changes.deleted);
      // A deleted student's biometric data goes with them, even before its own deletions arrive.
      if (changes.deleted.length) await this.db.embeddings.where('studentId').anyOf(changes.deleted).delete();
    });
    if (changes.deleted.length) this.emit({ studentsDeleted: changes.deleted });
  }

  async applyEmbeddings(changes: EmbeddingChanges): Promise<void> {
    const rows: CachedEmbedding[] = [];
    for (const e of changes.upserted as SyncResponse['embeddings']['upserted']) {
      const vector = decodeVector(e.vector);
      if (!vector || vector.length !== e.dim) continue; // refuse a corrupt vector rather than poison the gallery
      rows.push({ id: e.id, studentId: e.studentId, modelId: e.modelId, vector, quality: e.quality, origin: e.origin ?? 'photo' });
    }
    await this.db.transaction('rw', this.db.embeddings, async () => {
      await this.db.embeddings.bulkPut(rows);
      await this.db.embeddings.bulkDelete(changes.deleted);
    });
    this.emit({ embeddingsUpserted: rows, embeddingsDeleted: changes.deleted });
  }

  async applyClasses(changes: ClassChanges): Promise<void> {
    await this.db.transaction('rw', this.db.classes, async () => {
      await this.db.classes.bulkPut(changes.upserted.map((c) => ({ id: c.id, name: c.name, studentIds: c.studentIds })));
      await this.db.classes.bulkDelete(changes.deleted);
    });
  }

  /** Drops students on none of the cached rosters with their embeddings; the gallery hears them as deleted. */
  async dropUnrostered(): Promise<string[]> {
    const dropped = await this.db.transaction('rw', this.db.students, this.db.embeddings, this.db.classes, async () => {
      const rostered = new Set((await this.db.classes.toArray()).flatMap((c) => c.studentIds));
      // Keys only: an embedding row holds its vector, and an orphan embedding (no cached student) goes too.
      const studentIds = await this.db.students.toCollection().primaryKeys();
      const owners = (await this.db.embeddings.orderBy('studentId').uniqueKeys()) as string[];
      const gone = [...new Set([...studentIds, ...owners])].filter((id) => !rostered.has(id));
      if (gone.length) {
        await this.db.students.bulkDelete(gone);
        await this.db.embeddings.where('studentId').anyOf(gone).delete();
      }
      return gone;
    });
    if (dropped.length) this.emit({ studentsDeleted: dropped });
    return dropped;
  }

  setRevision(revision: number): Promise<void> {
    return setMeta(this.db, META.revision, revision);
  }

  async reset(): Promise<void> {
    await this.db.transaction('rw', [this.db.students, this.db.embeddings, this.db.classes, this.db.meta], async () => {
      await this.db.students.clear();
      await this.db.embeddings.clear();
      await this.db.classes.clear();
      await setMeta(this.db, META.revision, 0);
    });
    this.emit({ reset: true });
  }
}
