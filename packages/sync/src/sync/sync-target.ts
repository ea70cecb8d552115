// Where pullSync writes what the API sent: the web app implements it over Dexie and the matcher's
// index; tests use MemorySyncTarget.
import type { SyncResponse } from '@rollcall/contracts';

export type StudentChanges = SyncResponse['students'];
export type EmbeddingChanges = SyncResponse['embeddings'];
export type ClassChanges = SyncResponse['classes'];

/**
 * Rules every implementation keeps:
 * - `getRevision()` returns the revision stored by the last setRevision (0 for an empty cache).
 * - `applyStudents`, `applyEmbeddings`, `applyClasses` upsert by id (studentId, embedding id,
 *   class id) and delete by id; deleting an unknown id is not an error. They must be idempotent:
 *   after a dropped connection the same changes arrive again. An id appears in `upserted` or in
 *   `deleted`, never both. Embedding vectors arrive as base64 float32 (decodeVector).
 * - `setRevision(n)` is called only after every apply of that page resolved: a crash in between
 *   leaves an older revision and the page is fetched and applied again, never skipped.
 * - `reset()` drops every cached student, embedding and class and sets the revision to 0; it is
 *   called before the first page of an answer with `reset: true` is applied.
 * - `dropUnrostered()` deletes every cached student on none of the cached classes' rosters, and
 *   every embedding of a student not kept; it returns the student ids it dropped. pullSync calls
 *   it after the last page of a scoped answer.
 * Pages apply in order; one call's promise resolves before the next call starts.
 */
export interface SyncTarget {
  getRevision(): Promise<number>;
  applyStudents(changes: StudentChanges): Promise<void>;
  applyEmbeddings(changes: EmbeddingChanges): Promise<void>;
  applyClasses(changes: ClassChanges): Promise<void>;
  setRevision(revision: number): Promise<void>;
  reset(): Promise<void>;
  dropUnrostered(): Promise<string[]>;
}
