// What the server lets a mark's client-side facts be: its time within the window a real lesson
// could have produced it, and its device label from who is calling, not from the body.
import { MARK_CLOCK_SKEW_MS, MARK_MAX_AGE_DAYS } from '@rollcall/contracts';
import type { Actor } from '../../shared/actor.ts';

const DAY_MS = 86_400_000;

/**
 * Whether a mark's time is one the server refuses. Never ahead of the server's clock beyond the
 * skew (a mark dated 2099 would outlive every retention period); a session mark not before its
 * session started; a day mark of a laptop or teacher not older than MARK_MAX_AGE_DAYS, since an
 * offline laptop's marks legitimately arrive hours or days late. An admin may type in an old paper
 * register, so an admin's day mark has no lower bound.
 */
export function markTimeRefused(markedAt: number, receivedAt: number, sessionStartsAt: number | null, actor: Actor | null): boolean {
  if (markedAt > receivedAt + MARK_CLOCK_SKEW_MS) return true;
  if (sessionStartsAt !== null) return markedAt < sessionStartsAt - MARK_CLOCK_SKEW_MS;
  const admin = !actor || (actor.kind === 'user' && actor.role === 'admin');
  return !admin && markedAt < receivedAt - MARK_MAX_AGE_DAYS * DAY_MS;
}

/**
 * The device label stored with a mark: a paired laptop's registered name; for a person, the label
 * their browser sent, marked as theirs ("user:") so it can never read as a laptop's.
 */
export function deviceLabel(sent: string, actor: Actor | null): string {
  if (actor?.kind === 'device') return actor.name.slice(0, 128);
  return actor ? `user:${sent}`.slice(0, 128) : sent;
}
