// The device's gallery: every cached embedding of the running model, kept in step with the Dexie
// cache incrementally as sync pages are applied (a delta of one student never rebuilds it).
import { DEFAULT_PIPELINE } from '@rollcall/face';
import { Gallery } from '@rollcall/matcher';
import type { RollcallDb } from '../local/db.ts';
import type { AppliedChanges, DexieSyncTarget } from '../local/dexie-sync-target.ts';

export class GalleryService {
  private gallery: Promise<Gallery> | null = null;
  private readonly replaced = new Set<(g: Gallery) => void>();

  constructor(
    private readonly db: RollcallDb,
    target: DexieSyncTarget,
    readonly modelId = DEFAULT_PIPELINE.model,
  ) {
    target.onApplied((c) => void this.apply(c));
  }

  /** The gallery, built from the cache on first use. */
  get(): Promise<Gallery> {
    this.gallery ??= this.build();
    return this.gallery;
  }

  /**
   * Called with the new gallery when a sync reset replaces it (other changes update the same
   * gallery in place): a running recognition session swaps it in. Returns the unsubscribe.
   */
  onReplaced(listener: (g: Gallery) => void): () => void {
    this.replaced.add(listener);
    return () => this.replaced.delete(listener);
  }

  private async build(): Promise<Gallery> {
    const rows = await this.db.embeddings.where('modelId').equals(this.modelId).toArray();
    return Gallery.create(
      { modelId: this.modelId },
      rows.map((r) => ({ studentId: r.studentId, embeddingId: r.id, vector: r.vector })),
    );
  }

  private async apply(c: AppliedChanges) {
    if (!this.gallery) return; // not built yet: it will read the cache when it is
    if (c.reset) {
      (await this.gallery).dispose();
      const next = (this.gallery = this.build());
      const g = await next;
      if (this.gallery === next) for (const listener of this.replaced) listener(g);
      return;
    }
    const g = await this.gallery;
    for (const studentId of c.studentsDeleted) g.removeStudent(studentId);
    const gone = c.embeddingsDeleted.filter((id) => g.has(id));
    if (gone.length) g.remove(gone);
    const fresh = c.embeddingsUpserted.filter((e) => e.modelId === this.modelId && !g.has(e.id));
    if (fresh.length) g.add(fresh.map((e) => ({ studentId: e.studentId, embeddingId: e.id, vector: e.vector })));
  }
}
