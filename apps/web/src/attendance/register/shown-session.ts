// Which session Take attendance shows, decided from what the server says and the copy this laptop
// kept: pure, so the offline and just-ended cases are tested without a browser.
import type { ClassSession } from '@rollcall/contracts';
import type { KeptRegister } from '../../local/kept-registers.ts';

const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** The kept copy's session if it was still running when kept and has not reached its planned end. */
export function runningFromCopy(kept: KeptRegister | null, now: Date): ClassSession | null {
  const s = kept?.register.session;
  if (!s?.active) return null;
  return s.endsAt === null || Date.parse(s.endsAt) > now.getTime() ? s : null;
}

/**
 * The running session's id; with none running, the session this laptop last showed for the class
 * if it began today, so a session just ended stays on screen as its final register.
 */
export function shownSessionId(running: ClassSession | null, kept: KeptRegister | null, now: Date): string | null {
  if (running) return running.id;
  const last = kept?.register.session;
  return last && localDay(new Date(last.startsAt)) === localDay(now) ? last.id : null;
}
