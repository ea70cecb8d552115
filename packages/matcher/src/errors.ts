// Errors the matcher throws: one class, a closed set of codes, so callers switch on `code`.

export type MatcherErrorCode =
  /** A vector's length differs from the gallery's dimension. */
  | 'dimension-mismatch'
  /** A vector holds NaN/Infinity or is all zeros. */
  | 'invalid-vector'
  /** An embedding id is already in the gallery. */
  | 'duplicate-embedding'
  /** A removal named an embedding id the gallery does not hold. */
  | 'unknown-embedding'
  /** A parameter is out of range (threshold, margin, k, capacity...). */
  | 'invalid-parameter'
  /** hnswlib-wasm failed to load or threw. */
  | 'index-failed';

export class MatcherError extends Error {
  override readonly name = 'MatcherError';
  constructor(
    readonly code: MatcherErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMatcherError(e: unknown, code?: MatcherErrorCode): e is MatcherError {
  return e instanceof MatcherError && (code === undefined || e.code === code);
}
