// @rollcall/matcher: which enrolled student is this embedding, or nobody. Pure, same code in the
// browser, the CLI and tests; knows nothing of React, Dexie, Express or TensorFlow.
export { Gallery, DEFAULT_CANDIDATES, DEFAULT_EXACT_BELOW } from './gallery.ts';
export type { GalleryEntry, GalleryOptions, Roster, SearchMethod, SearchOptions } from './gallery.ts';
export { decide, resolveDecisionParams, DEFAULT_SCORING, DEFAULT_TOP_K } from './decision.ts';
export type { Candidate, Decision, DecisionParams, ResolvedDecisionParams, Scoring, UnknownReason } from './decision.ts';
export { DEFAULT_HNSW_PARAMS } from './hnsw-index.ts';
export type { HnswParams } from './hnsw-index.ts';
export { MatcherError, isMatcherError } from './errors.ts';
export type { MatcherErrorCode } from './errors.ts';
export { prng, gaussian } from './synthetic.ts';
