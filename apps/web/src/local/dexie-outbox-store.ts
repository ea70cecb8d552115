// The outbox over Dexie. put resolves after the IndexedDB transaction commits, so a mark shown as
// taken survives a reload or a closed tab. Several tabs share it; each call is one transaction.
import type { NewMark } from '@rollcall/contracts';
import type { FailedMark, FailureReason, MarkFailure, OutboxCounts, OutboxStore } from '@rollcall/sync';
import type { RollcallDb } from './db.ts';

export class DexieOutboxStore implements OutboxStore {
  constructor(private readonly db: RollcallDb) {}

  async put(mark: NewMark): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, async () => {
      const last = await this.db.outbox.orderBy('seq').last();
      await this.db.outbox.put({ id: mark.id, seq: (last?.seq ?? 0) + 1, state: 'pending', mark });
    });
  }

  async listPending(limit: number): Promise<NewMark[]> {
    const rows = await this.db.outbox.where('[state+seq]').between(['pending', -Infinity], ['pending', Infinity]).limit(limit).toArray();
    return rows.map((r) => r.mark);
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.db.outbox.bulkDelete([...ids]);
  }

  async markFailed(failures: readonly MarkFailure[], at: number): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, async () => {
      for (const f of failures) {
        const row = await this.db.outbox.get(f.id);
        if (!row || row.state !== 'pending') continue;
        await this.db.outbox.put({ ...row, state: 'failed', reason: f.reason, ...(f.detail !== undefined && { detail: f.detail }), failedAt: at });
      }
    });
  }

  async listFailed(): Promise<FailedMark[]> {
    const rows = await this.db.outbox.where('[state+seq]').between(['failed', -Infinity], ['failed', Infinity]).toArray();
    return rows
      .sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0) || a.seq - b.seq)
      .map((r) => ({ mark: r.mark, reason: r.reason as FailureReason, ...(r.detail !== undefined && { detail: r.detail }), failedAt: r.failedAt ?? 0 }));
  }

  async count(): Promise<OutboxCounts> {
    const [pending, failed] = await Promise.all([
      this.db.outbox.where('[state+seq]').between(['pending', -Infinity], ['pending', Infinity]).count(),
      this.db.outbox.where('[state+seq]').between(['failed', -Infinity], ['failed', Infinity]).count(),
    ]);
    return { pending, failed };
  }
}
