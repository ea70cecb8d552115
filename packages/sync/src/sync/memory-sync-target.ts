// A SyncTarget in memory: the roster cache of a simulated device, and the reference for what a
// Dexie implementation must end up holding.
import type { SyncResponse } from '@rollcall/contracts';
import type { ClassChanges, EmbeddingChanges, StudentChanges, SyncTarget } from './sync-target.ts';

type Student = SyncResponse['students']['upserted'][number];
type Embedding = SyncResponse['embeddings']['upserted'][number];
type Class = SyncResponse['classes']['upserted'][number];

function apply<T>(map: Map<string, T>, upserted: T[], deleted: string[], key: (t: T) => string): void {
  for (const id of deleted) map.delete(id);
  for (const row of upserted) map.set(key(row), row);
}

export class MemorySyncTarget implements SyncTarget {
  readonly students = new Map<string, Student>();
  readonly embeddings = new Map<string, Embedding>();
  readonly classes = new Map<string, Class>();
  revision = 0;

  async getRevision(): Promise<number> {
    return this.revision;
  }
  async applyStudents(c: StudentChanges): Promise<void> {
    apply(this.students, c.upserted, c.deleted, (s) => s.studentId);
  }
  async applyEmbeddings(c: EmbeddingChanges): Promise<void> {
    apply(this.embeddings, c.upserted, c.deleted, (e) => e.id);
  }
  async applyClasses(c: ClassChanges): Promise<void> {
    apply(this.classes, c.upserted, c.deleted, (k) => k.id);
  }
  async setRevision(revision: number): Promise<void> {
    this.revision = revision;
  }
  async dropUnrostered(): Promise<string[]> {
    const rostered = new Set([...this.classes.values()].flatMap((c) => c.studentIds));
    const dropped = [...this.students.keys()].filter((id) => !rostered.has(id));
    for (const id of dropped) this.students.delete(id);
    for (const [id, e] of this.embeddings) if (!rostered.has(e.studentId)) this.embeddings.delete(id);
    return dropped;
  }
  async reset(): Promise<void> {
    this.students.clear();
    this.embeddings.clear();
    this.classes.clear();
    this.revision = 0;
  }
}
