// ApiError carries a code from the contracts' closed set; one middleware turns every error into
// `{error: {code, message, details?}}` with the code's status. The message is for people: in the
// caller's language where the catalogue has the code's sentence, else the server's own English.
import type { ErrorRequestHandler } from 'express';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@rollcall/contracts';
import { errorMessage, SOURCE_LANGUAGE } from '@rollcall/i18n';
import { acceptedLanguages, callerLanguage, languageFor, sayIn } from './language.ts';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'POOL_CLOSED',
]);

/** Connection-level failures: the database is down or overloaded, not the request wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; fatal?: unknown; message?: unknown };
  if (typeof e.code === 'string' && DB_DOWN.has(e.code)) return true;
  if (e.fatal === true) return true;
  return typeof e.message === 'string' && /Pool is closed|connect ETIMEDOUT|Connection lost/i.test(e.message);
}

/** Maps body-parser's errors (malformed JSON, too large, bad charset) to our codes. */
function fromBodyParser(err: { type?: unknown; limit?: unknown }): ApiError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new ApiError('invalid-json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new ApiError('payload-too-large', `The request body is larger than the limit (${String(err.limit)} bytes).`);
    case 'entity.verify.failed':
    case 'encoding.invalid':
      return new ApiError('invalid-json', 'The request body is not valid UTF-8.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError('unsupported-media-type', 'Send JSON as UTF-8 (Content-Type: application/json).');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new ApiError('validation-failed', 'The request body was cut off or inconsistent with its Content-Length.');
    default:
      return fromStreamError(err as { status?: unknown; expose?: unknown; code?: unknown });
  }
}

/** Other client-side body failures (a gzip or brotli body that does not decompress) carry a 4xx status: never a 500. */
function fromStreamError(err: { status?: unknown; expose?: unknown; code?: unknown }): ApiError | null {
  if (typeof err.status !== 'number' || err.status < 400 || err.status >= 500 || err.expose !== true) return null;
  if (err.status === 413) return new ApiError('payload-too-large', 'The request body is too large.');
  if (err.status === 415) return new ApiError('unsupported-media-type', 'Send JSON as UTF-8 (Content-Type: application/json).');
  return new ApiError('invalid-json', 'The request body could not be read: it does not match its Content-Encoding.');
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object') {
    const mapped = fromBodyParser(err as { type?: unknown });
    if (mapped) return mapped;
    if (err instanceof URIError) return new ApiError('validation-failed', 'The URL is not correctly encoded.');
  }
  if (isDatabaseUnavailable(err)) return new ApiError('database-unavailable', 'The database is unavailable; retry shortly.');
  return new ApiError('internal', 'Something went wrong on the server.');
}

export function errorMiddleware(log: (msg: string, err?: unknown) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const apiError = toApiError(err);
    // An outage produces one short line per request, not a stack trace each.
    if (apiError.code === 'internal') log(`${req.method} ${req.originalUrl}`, err);
    if (apiError.code === 'database-unavailable') log(`${req.method} ${req.originalUrl} -> 503: ${err instanceof Error ? err.message : String(err)}`);
    const language = languageFor([callerLanguage(res), ...acceptedLanguages(req.headers['accept-language'])]);
    // In English the server's own sentence says more (which id, which field) than the code's.
    const translated = language === SOURCE_LANGUAGE ? null : sayIn(language, (tr) => errorMessage(tr, apiError.code, apiError.details));
    if (translated !== null) res.setHeader('Content-Language', language);
    const body: ErrorBody = { error: { code: apiError.code, message: translated ?? apiError.message } };
    if (apiError.details !== undefined) body.error.details = apiError.details;
    if (apiError.code === 'database-unavailable') res.setHeader('Retry-After', '2');
    const retryAfter = (apiError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (apiError.code === 'rate-limited' && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(ERROR_STATUS[apiError.code]).json(body);
  };
}
