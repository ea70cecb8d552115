// An OutboxStore in memory, for Node simulations (the load and fault harness) and tests. It keeps
// the contract except durability: a process that dies loses it.
import type { NewMark } from '@rollcall/contracts';
import type { FailedMark, MarkFailure, OutboxCounts, OutboxStore } from './outbox-store.ts';

export class MemoryOutboxStore implements OutboxStore {
  // A Map iterates in insertion order: deleting and re-inserting puts a mark last.
  private readonly pending = new Map<string, NewMark>();
  private readonly failed = new Map<string, FailedMark>();

  async put(mark: NewMark): Promise<void> {
    // A copy: a caller that mutates its object later must not change what was "saved".
    const copy = structuredClone(mark);
    this.failed.delete(mark.id);
    this.pending.delete(mark.id);
    this.pending.set(mark.id, copy);
  }

  async listPending(limit: number): Promise<NewMark[]> {
    const out: NewMark[] = [];
    for (const mark of this.pending.values()) {
      if (out.length >= limit) break;
      out.push(structuredClone(mark));
    }
    return out;
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      this.pending.delete(id);
      this.failed.delete(id);
    }
  }

  async markFailed(failures: readonly MarkFailure[], at: number): Promise<void> {
    for (const f of failures) {
      const mark = this.pending.get(f.id);
      if (!mark) continue;
      this.pending.delete(f.id);
      this.failed.set(f.id, { mark, reason: f.reason, failedAt: at, ...(f.detail !== undefined && { detail: f.detail }) });
    }
  }

  async listFailed(): Promise<FailedMark[]> {
    return [...this.failed.values()].map((f) => structuredClone(f));
  }

  async count(): Promise<OutboxCounts> {
    return { pending: this.pending.size, failed: this.failed.size };
  }
}
