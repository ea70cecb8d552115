// Configuration, parsed once at start-up from the environment. A bad value stops the server with
// a message that names the variable.
import fs from 'node:fs';
import { z } from 'zod';
import type { SmtpSettings, WebhookSettings } from './features/notices/notice-transports.ts';

export type DatabaseConfig = { dialect: 'mysql'; url: string; poolSize: number } | { dialect: 'sqlite'; file: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** A second mark of the same student within this many seconds is a duplicate. */
  cooldownSeconds: number;
  bodyLimit: string;
  /** Where the built web app lives; served at / when present. */
  webDist: string | null;
  logRequests: boolean;
  /** Browser origins allowed to call the API from another site (the app itself needs none). */
  corsOrigins: string[];
  /** Marks older than this many days are purged; null keeps them. */
  retentionDays: number | null;
  /** Requests to POST /api/attendance per caller per minute, per instance. */
  markPostsPerMinute: number;
  /** The https address laptops open (https://rollcall.school.lan): named to anyone who reaches the server over plain http, and where HTTP_REDIRECT_PORT sends them; null when unknown. */
  publicUrl: string | null;
  /** Behind a reverse proxy, trust X-Forwarded-For and X-Forwarded-Proto (client addresses, Secure cookies, HSTS). */
  trustProxy: boolean;
  /** Serve HTTPS on PORT with this certificate chain and key (PEM file paths); null serves plain http. */
  tls: { cert: string; key: string } | null;
  /** With TLS: a plain-http port that redirects every request to https (e.g. 80), on PUBLIC_URL or else only on a name the certificate covers; null for none. */
  httpRedirectPort: number | null;
  /** On SIGTERM, how long /health answers 503 while requests are still served, so a load balancer stops sending new ones first. */
  shutdownDrainSeconds: number;
  /** Minutes between two background fills of the statistics summary (stats-summary-warmer.ts); null: none, reads fill it. */
  summaryWarmMinutes: number | null;
  /** Where absence notices to guardians go: nothing is queued or sent on a channel left unset. */
  notices: { smtp: SmtpSettings | null; webhook: WebhookSettings | null };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_SQLITE = './data/rollcall.sqlite';

export function parseDatabaseUrl(raw: string | undefined, poolSize = 10): DatabaseConfig {
  const value = raw?.trim();
  if (!value) return { dialect: 'sqlite', file: DEFAULT_SQLITE };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/rollcall.sqlite');
    return { dialect: 'sqlite', file };
  }
  if (value.startsWith('mysql://')) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL (mysql://user:password@host:port/database)');
    }
    if (!url.hostname) throw new ConfigError('DATABASE_URL', 'has no host');
    if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'names no database (mysql://user:password@host:port/database)');
    return { dialect: 'mysql', url: value, poolSize };
  }
  throw new ConfigError('DATABASE_URL', 'must start with mysql:// or sqlite: (or be unset for the embedded SQLite database)');
}

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const bool = z.enum(['true', 'false'], { error: 'use true or false' }).transform((v) => v === 'true');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(name, `${JSON.stringify(raw)} is invalid: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
    return parsed.data;
  };
  const poolSize = read('DATABASE_POOL_SIZE', int('DATABASE_POOL_SIZE', 1, 500), 10);
  return {
    port: read('PORT', int('PORT', 0, 65535), 8080),
    host: read('HOST', z.string().min(1), '0.0.0.0'),
    database: parseDatabaseUrl(env.DATABASE_URL, poolSize),
    cooldownSeconds: read('COOLDOWN_SECONDS', int('COOLDOWN_SECONDS', 0, 86_400), 60),
    bodyLimit: read('BODY_LIMIT', z.string().regex(/^\d+(kb|mb)$/, 'use a size like 2mb or 512kb'), '2mb'),
    webDist: read('WEB_DIST', z.string(), null as string | null),
    logRequests: read('LOG_REQUESTS', bool, true),
    corsOrigins: read(
      'CORS_ORIGINS',
      z.string().transform((v, ctx) => {
        const origins = v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
        for (const o of origins) {
          if (!/^https?:\/\/[^/\s]+$/.test(o)) ctx.addIssue({ code: 'custom', message: `${o} is not an origin like https://school.example` });
        }
        return origins;
      }),
      [] as string[],
    ),
    retentionDays: read('MARK_RETENTION_DAYS', int('MARK_RETENTION_DAYS', 1, 36_500), null as number | null),
    markPostsPerMinute: read('MARK_POSTS_PER_MINUTE', int('MARK_POSTS_PER_MINUTE', 1, 1_000_000), 600),
    publicUrl: read(
      'PUBLIC_URL',
      z.string().transform((v, ctx) => {
        const url = URL.canParse(v) ? new URL(v) : null;
        if (url?.protocol === 'https:' && url.pathname === '/' && !url.search && !url.username) return url.origin;
        ctx.addIssue({ code: 'custom', message: 'use the https address laptops open, like https://rollcall.school.lan' });
        return z.NEVER;
      }),
      null as string | null,
    ),
    trustProxy: read('TRUST_PROXY', bool, false),
    tls: readTls(env),
    httpRedirectPort: read('HTTP_REDIRECT_PORT', int('HTTP_REDIRECT_PORT', 1, 65535), null as number | null),
    // A little over Caddy's health check interval (deploy/Caddyfile: 2 s).
    shutdownDrainSeconds: read('SHUTDOWN_DRAIN_SECONDS', int('SHUTDOWN_DRAIN_SECONDS', 0, 300), 3),
    summaryWarmMinutes: read(
      'STATS_SUMMARY_WARM',
      z.union([z.literal('off').transform(() => null), int('STATS_SUMMARY_WARM', 1, 1440)], { error: 'use off or minutes between fills (1 to 1440)' }),
      15 as number | null,
    ),
    notices: readNotices(env, read, bool),
  };
}

type Read = <T>(name: string, schema: z.ZodType<T>, fallback: T) => T;

/** SMTP_* and NOTICE_FROM come together; the SMS webhook is its own channel. A sender address with a line break could forge headers. */
function readNotices(env: NodeJS.ProcessEnv, read: Read, boolean: z.ZodType<boolean>): Config['notices'] {
  const host = env.SMTP_HOST?.trim();
  let smtp: SmtpSettings | null = null;
  if (host) {
    const secure = read('SMTP_SECURE', boolean, false);
    const from = env.NOTICE_FROM?.trim();
    if (!from) throw new ConfigError('NOTICE_FROM', 'is unset but SMTP_HOST is set: give the sender, e.g. "Oak School <office@oak.example>"');
    if (/[\r\n]/.test(from) || !/@/.test(from)) throw new ConfigError('NOTICE_FROM', 'must be one email address on one line, e.g. office@oak.example');
    const user = env.SMTP_USER?.trim() || null;
    smtp = {
      host,
      port: read('SMTP_PORT', int('SMTP_PORT', 1, 65535), secure ? 465 : 587),
      secure,
      user,
      password: user === null ? null : (env.SMTP_PASSWORD ?? ''),
      from,
    };
  } else {
    for (const name of ['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'NOTICE_FROM']) {
      if (env[name]) throw new ConfigError(name, 'is set but SMTP_HOST is not: no email is sent without a server');
    }
  }
  const url = read(
    'NOTICE_SMS_WEBHOOK_URL',
    z.string().refine((v) => /^https?:$/.test(URL.canParse(v) ? new URL(v).protocol : ''), 'use an http(s) URL of the SMS gateway'),
    null as string | null,
  );
  return { smtp, webhook: url === null ? null : { url, token: env.NOTICE_SMS_WEBHOOK_TOKEN?.trim() || null } };
}

/** TLS_CERT and TLS_KEY come together, as readable PEM files: a typo fails at start, not at the first handshake. */
function readTls(env: NodeJS.ProcessEnv): Config['tls'] {
  const cert = env.TLS_CERT?.trim();
  const key = env.TLS_KEY?.trim();
  if (!cert && !key) {
    if (env.HTTP_REDIRECT_PORT) throw new ConfigError('HTTP_REDIRECT_PORT', 'needs TLS_CERT and TLS_KEY (there is no https to redirect to)');
    return null;
  }
  if (!cert) throw new ConfigError('TLS_CERT', 'is unset but TLS_KEY is set: give both (PEM file paths)');
  if (!key) throw new ConfigError('TLS_KEY', 'is unset but TLS_CERT is set: give both (PEM file paths)');
  for (const [name, file, marker] of [
    ['TLS_CERT', cert, 'CERTIFICATE'],
    ['TLS_KEY', key, 'PRIVATE KEY'],
  ] as const) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(name, `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!text.includes(`-----BEGIN `) || !text.includes(marker)) throw new ConfigError(name, `${file} is not a PEM ${marker.toLowerCase()}`);
  }
  return { cert, key };
}
