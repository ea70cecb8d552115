// Assembles the Express app: security headers, the typed routes (which read JSON bodies once the caller is known),
// docs, the live event stream, the built web app, and one error middleware.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { EventHub } from './features/events/event-hub.ts';
import { DISPATCHER_DEFAULTS, noticeDispatcher, type DispatcherOptions, type NoticeDispatcher } from './features/notices/notice-dispatcher.ts';
import { channelsOf, smtpTransport, webhookTransport, type SmtpSettings, type Transports, type WebhookSettings } from './features/notices/notice-transports.ts';
import { eventsStream } from './features/events/events.stream.ts';
import { ApiError, errorMiddleware } from './http/errors.ts';
import { handlers } from './http/handlers.ts';
import { docsPage, openApiDocument } from './http/openapi.ts';
import { jsonBodyReader } from './http/body.ts';
import { cors } from './http/cors.ts';
import { insecureConnection } from './http/insecure.ts';
import { sameOriginWrites } from './http/origin.ts';
import { buildRouter } from './http/router.ts';
import type { ThrottleLimits } from './features/auth/auth.service.ts';
import { actorRateLimit } from './shared/rate-limit.ts';
import { createServices } from './services.ts';

export interface AppOptions {
  config: Pick<Config, 'cooldownSeconds' | 'bodyLimit' | 'webDist' | 'logRequests' | 'corsOrigins' | 'retentionDays' | 'markPostsPerMinute' | 'trustProxy'> &
    Partial<Pick<Config, 'publicUrl'>>;
  throttle?: ThrottleLimits;
  database: Database;
  now?: () => number;
  eventPollMs?: number;
  validateResponses?: boolean;
  log?: (msg: string, err?: unknown) => void;
  /** Where absence notices go (Config.notices); unset: none are queued or sent. */
  notices?: NoticeOptions;
}

export interface NoticeOptions {
  smtp: SmtpSettings | null;
  webhook: WebhookSettings | null;
  /** Overrides of the sender's timing (tests use short ones). */
  timing?: Partial<Pick<DispatcherOptions, 'pollMs' | 'leaseMs' | 'retryBaseMs' | 'maxAttempts'>>;
}

export function createApp(opts: AppOptions): { app: Express; hub: EventHub; notices: NoticeDispatcher } {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((msg, err) => console.error(`[api] ${msg}`, err ?? ''));
  const ctx = {
    db: opts.database.db,
    ...(opts.database.writeDb && { writeDb: opts.database.writeDb }),
    dialect: opts.database.dialect,
    now,
    cooldownMs: opts.config.cooldownSeconds * 1000,
  };
  const transports: Transports = {
    ...(opts.notices?.smtp && { email: smtpTransport(opts.notices.smtp) }),
    ...(opts.notices?.webhook && { sms: webhookTransport(opts.notices.webhook) }),
  };
  const services = createServices(ctx, {
    retentionDays: opts.config.retentionDays,
    ...(opts.throttle && { throttle: opts.throttle }),
    noticeChannels: channelsOf(transports),
    // Called only once a request is served, by which time the sender below exists.
    wakeNotices: () => notices.wake(),
  });
  const notices = noticeDispatcher(opts.database.db, transports, { ...DISPATCHER_DEFAULTS, ...opts.notices?.timing, now, log }, services.noticeReads);
  if (channelsOf(transports).length) notices.start();
  const hub = new EventHub(opts.database.db, {
    pollMs: opts.eventPollMs ?? 500,
    gapGraceMs: 10_000,
    retentionMs: 24 * 3_600_000,
    marks: (ids) => services.attendance.findMarks(opts.database.db, ids),
    now,
    onError: (e) => log('event poll failed', e),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', opts.config.trustProxy);
  // No 'unsafe-eval': nothing the app ships builds code from strings. hnswlib-wasm's Emscripten
  // glue, once named as the reason, avoids new Function and eval; its wasm, inlined as a data: URL
  // (connect-src data:), needs only 'wasm-unsafe-eval', as tfjs' does. zod merely probes for eval.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // blob: for tfjs' threaded wasm: each of its pthread workers importScripts() the
          // Emscripten glue from a blob: URL the face worker made (only running same-origin code can make one).
          'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
          'connect-src': ["'self'", 'data:'],
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:'],
          // A school server may well run on plain http inside its network: never rewrite to https.
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS only on a request that came over https (below): sent over http it would break a plain-http server for a year.
      strictTransportSecurity: false,
      // Cross-origin isolation (COOP same-origin, which helmet sends by default, plus COEP) gives
      // the face worker SharedArrayBuffer, so tfjs' wasm backend runs on every core. Everything
      // the app loads is same-origin or data:/blob:, which require-corp allows.
      crossOriginEmbedderPolicy: { policy: 'require-corp' },
    }),
  );
  app.use((req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  });
  if (opts.config.logRequests) {
    app.use((req, res, next) => {
      const start = performance.now();
      res.on('finish', () => console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${(performance.now() - start).toFixed(1)}ms`));
      next();
    });
  }
  // Before the API and the web app: plain http on a school name gets one sentence, never the SPA or a password form.
  app.use(insecureConnection(opts.config.publicUrl ?? null));
  app.use('/api', cors(opts.config.corsOrigins));
  app.use('/api', sameOriginWrites(opts.config.corsOrigins));

  const doc = openApiDocument();
  app.get('/api/docs', (_req, res) => void res.type('html').send(docsPage(doc)));
  app.get('/api/docs/openapi.json', (_req, res) => void res.json(doc));
  // The probe for health checks (Docker, scripts): unauthenticated, so the status alone; 503 when degraded.
  app.get('/health', (_req, res, next) => {
    services.health.check(null).then((h) => res.status(h.status === 'ok' ? 200 : 503).json(h), next);
  });
  app.use(
    buildRouter(handlers(services), { events: (c) => eventsStream(hub, c) }, services.auth.authenticate, {
      validateResponses: opts.validateResponses ?? process.env.NODE_ENV !== 'production',
      // Per authenticated caller, shared by every instance: a runaway device cannot flood the database.
      limits: { postMarks: actorRateLimit(ctx, 'postMarks', opts.config.markPostsPerMinute, 60_000) },
      // Bodies are read by the router once the caller is known, never here for every /api request.
      readBody: jsonBodyReader(opts.config.bodyLimit),
    }),
  );
  app.use('/api', (req, _res, next) => next(new ApiError('route-not-found', `No route ${req.method} ${req.originalUrl}.`)));

  const dist = opts.config.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // The SPA handles its own routes: every other GET gets index.html.
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.resolve(dist, 'index.html')));
  }
  app.use(errorMiddleware(log));
  return { app, hub, notices };
}
