// The one owner of what runs while someone is signed in: the outbox sender, the roster sync and
// the live event channel. Sign-in starts or resumes them all, sign-out stops them, and a 401 on
// any call pauses them until the next sign-in (the sender and sync then show 'unauthorized').
import type { ClientError, RouteDef } from '@rollcall/contracts';

/** A worker the session drives (Sender, RosterSync, the live channel). */
export interface SessionWorker {
  start(): void;
  /** Leave the paused (unauthorized) state and work again. */
  resume(): void;
  pause(): void;
  stop(): Promise<void> | void;
}

export type SessionPhase = 'signed-out' | 'active' | 'expired';

export class SessionLifecycle {
  private current: SessionPhase = 'signed-out';
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly workers: readonly SessionWorker[],
    /** Told when the API refused the session, so the app can ask for a sign-in again. */
    private readonly onExpired: () => void = () => {},
  ) {}

  get state(): SessionPhase {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Someone is signed in (at load with a live session, or again after an expiry): everything works. */
  signedIn(): void {
    for (const w of this.workers) {
      w.start();
      // start() alone keeps a worker that a 401 stopped in 'unauthorized': resume is what sends again.
      w.resume();
    }
    this.set('active');
  }

  async signedOut(): Promise<void> {
    this.set('signed-out');
    await Promise.all(this.workers.map((w) => w.stop()));
  }

  /** Hears every failed API call. A 401 on a route that needs a session means it ended. */
  heard(err: ClientError, route: RouteDef): void {
    if (err.status !== 401 || route.access === 'public' || this.current !== 'active') return;
    for (const w of this.workers) w.pause();
    this.set('expired');
    this.onExpired();
  }

  private set(phase: SessionPhase): void {
    if (phase === this.current) return;
    this.current = phase;
    for (const l of [...this.listeners]) l();
  }
}
