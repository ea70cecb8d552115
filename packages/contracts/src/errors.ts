// The closed set of error codes the API answers with, and the HTTP status of each. The web app
// and the CLI switch on `code`, never on message text.

export const ERROR_STATUS = {
  'invalid-json': 400,
  'validation-failed': 400,
  'embedding-wrong-dimension': 400,
  'embedding-not-finite': 400,
  'embedding-all-zero': 400,
  'embedding-not-base64': 400,
  'unknown-model': 400,
  'session-not-in-class': 400,
  'session-ended': 409,
  /** A change to a classroom device that was revoked: register and pair a new one instead. */
  'device-revoked': 409,
  /** A period of a class at the same weekday and time as another of it (details: { periodId }). */
  'period-overlap': 409,
  'period-not-in-class': 400,
  /** A laptop's pairing code that is unknown, used or expired. */
  'pairing-code-invalid': 400,
  /** Face data for a student without granted consent (details: { status }). */
  'consent-required': 409,
  'learned-embeddings-full': 409,
  unauthenticated: 401,
  forbidden: 403,
  /** A password or first-run setup sent over plain http to a school name (not localhost): open the https address. */
  'insecure-connection': 403,
  'route-not-found': 404,
  'student-not-found': 404,
  'class-not-found': 404,
  'session-not-found': 404,
  'embedding-not-found': 404,
  'mark-not-found': 404,
  'user-not-found': 404,
  'device-not-found': 404,
  'token-not-found': 404,
  'period-not-found': 404,
  'term-not-found': 404,
  'cover-not-found': 404,
  'duplicate-student-id': 409,
  /** A new student under the id of a deleted one whose marks were kept (details: { studentId, marksKept }). */
  'student-id-retired': 409,
  /** A learned embedding the server would not take (details: { index, reason }: see LearningRefusal). */
  'learning-refused': 409,
  'duplicate-class-name': 409,
  'duplicate-email': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  internal: 500,
  'database-unavailable': 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}
