// Graceful shutdown, so a rolling restart behind a load balancer goes unnoticed by devices. On
// SIGTERM/SIGINT the instance first says it is draining (/health answers 503) and keeps serving for
// the drain time, which covers the balancer's next health check; only then does it stop listening,
// end its live event streams (their clients reconnect to another instance and replay from
// Last-Event-ID), let the requests it is answering finish, stop its background work and close the
// database. A second signal exits at once.
import type http from 'node:http';
import type { Health } from '@rollcall/contracts';

/** Requests still being answered after this long, once the drain is over, are cut off. */
export const IN_FLIGHT_LIMIT_MS = 10_000;

/** The draining flag and the request handler that answers health probes with it. */
export interface Drain {
  readonly draining: boolean;
  /** Wraps the app: while draining, /health and /api/health answer 503 and every response closes its connection. */
  handler(app: http.RequestListener): http.RequestListener;
}

const HEALTH_PATHS = new Set(['/health', '/api/health']);

export function drainState(): Drain & { begin(): void } {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    begin() {
      draining = true;
    },
    handler: (app) => (req, res) => {
      if (!draining) return app(req, res);
      // A kept-alive connection would carry the balancer's next request here after the server stops
      // listening; closing it after this answer sends that request to another instance instead.
      res.setHeader('Connection', 'close');
      const pathname = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && HEALTH_PATHS.has(pathname!)) {
        const body: Health = { status: 'draining' };
        res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(body));
        return;
      }
      app(req, res);
    },
  };
}

export interface ShutdownParts {
  drain: ReturnType<typeof drainState>;
  drainMs: number;
  /** The servers listening (the API, and the https redirect when there is one). */
  servers: Pick<http.Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>[];
  /** Ends every live event stream, telling its client when to reconnect. */
  endStreams(): void;
  /** Stops background work (event poller, notice sender, purge timer); resolves once it is idle. */
  stopWork(): Promise<void>;
  closeDatabase(): Promise<void>;
  log(line: string): void;
  exit(code: number): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Returns the signal handler: the first signal shuts down gracefully, a second exits at once. */
export function gracefulShutdown(parts: ShutdownParts): (signal: NodeJS.Signals) => void {
  let started = false;
  return (signal) => {
    if (started) {
      parts.log(`${signal} again: exiting now`);
      parts.exit(1);
      return;
    }
    started = true;
    void run(signal).then(
      () => parts.exit(0),
      (err: unknown) => {
        parts.log(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        parts.exit(1);
      },
    );
  };

  async function run(signal: NodeJS.Signals) {
    parts.drain.begin();
    parts.log(`${signal}: draining for ${parts.drainMs / 1000} s, then closing`);
    await sleep(parts.drainMs);
    const closed = parts.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    parts.endStreams();
    // A kept-alive connection goes idle when its last answer is sent; the server closes idle ones
    // only when close() is called, so look again until every connection is gone.
    const closeIdle = () => {
      for (const s of parts.servers) s.closeIdleConnections();
    };
    closeIdle();
    const sweep = setInterval(closeIdle, 100);
    const finished = await Promise.race([Promise.all(closed).then(() => true), sleep(IN_FLIGHT_LIMIT_MS).then(() => false)]);
    clearInterval(sweep);
    if (!finished) {
      parts.log(`Requests still open after ${IN_FLIGHT_LIMIT_MS / 1000} s: closing them`);
      for (const s of parts.servers) s.closeAllConnections();
      await Promise.all(closed);
    }
    await parts.stopWork();
    await parts.closeDatabase();
    parts.log('Stopped');
  }
}
