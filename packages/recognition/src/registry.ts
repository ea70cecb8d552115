// Who has been marked, to skip a second mark in the same session or within the cooldown before it
// is even made (the API enforces both as well, across devices).
export class MarkedRegistry {
  private last = new Map<string, number>();

  constructor(private cooldownMs: number) {}

  setCooldown(ms: number): void {
    this.cooldownMs = ms;
  }

  /** In a session a student is marked once; with no session, once per cooldown. */
  canMark(studentId: string, now: number, inSession: boolean): boolean {
    const at = this.last.get(studentId);
    if (at === undefined) return true;
    return !inSession && now - at >= this.cooldownMs;
  }

  /** A mark at `at`; an earlier note never moves a later one back (its cooldown still runs). */
  record(studentId: string, at: number): void {
    this.last.set(studentId, Math.max(at, this.last.get(studentId) ?? -Infinity));
  }
}
