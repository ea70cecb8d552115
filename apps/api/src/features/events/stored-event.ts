// How a live event is kept in the events table. A mark.accepted (by far the most rows: one for
// every mark a laptop posts) names its mark instead of copying it. The mark row is written in the
// same transaction as its event, so an event that exists has its mark, and a reader turns the name
// back into the LiveEvent the wire carries, with the mark as it stands when read. A copy cost the
// morning's ingest a second write of every mark (about 400 bytes of JSON each, with the student's
// name) and kept names in a second table that erasure then had to rewrite.
import type { LiveEvent, Mark } from '@rollcall/contracts';

/** A mark.accepted as stored: the mark's id. Rows written before this change hold the whole mark. */
export interface AcceptedRef {
  type: 'mark.accepted';
  markId: string;
}

export type StoredEvent = LiveEvent | AcceptedRef;

export const acceptedRef = (markId: string): AcceptedRef => ({ type: 'mark.accepted', markId });

/** The form an event is written in. */
export const toStored = (event: LiveEvent): StoredEvent => (event.type === 'mark.accepted' ? acceptedRef(event.mark.id) : event);

const isRef = (e: StoredEvent): e is AcceptedRef => e.type === 'mark.accepted' && 'markId' in e;

/** A row of the events table as read: its id and what it holds. */
export interface StoredRow {
  id: number;
  stored: StoredEvent;
}

export interface Delivered {
  id: number;
  event: LiveEvent;
}

/** A row read and what it announces: null where it names a mark gone since (its id still counts in the order). */
export interface Announced {
  id: number;
  event: LiveEvent | null;
}

/**
 * What each of these rows announces, in their order. A mark.accepted whose mark is gone (taken
 * out, or its student erased, since) announces nothing: the removal's own event follows it.
 */
export async function announce(rows: readonly StoredRow[], marks: (ids: string[]) => Promise<Mark[]>): Promise<Announced[]> {
  const ids = rows.flatMap((r) => (isRef(r.stored) ? [r.stored.markId] : []));
  const byId = new Map(ids.length ? (await marks(ids)).map((m) => [m.id, m]) : []);
  return rows.map(({ id, stored }) => {
    if (!isRef(stored)) return { id, event: stored };
    const mark = byId.get(stored.markId);
    return { id, event: mark ? { type: 'mark.accepted', mark } : null };
  });
}

/** The announced events alone, for a listener. */
export const delivered = (announced: readonly Announced[]): Delivered[] => announced.flatMap(({ id, event }) => (event ? [{ id, event }] : []));
