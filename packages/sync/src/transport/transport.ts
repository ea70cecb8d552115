// What the sender and pullSync need from the network: two calls, typed by the contracts. The web
// app and the Node harness both use fetchTransport; unit tests script their own.
import type { NewMark, PostMarksResult, RequestInput, SyncResponse } from '@rollcall/contracts';

export interface CallOptions {
  signal?: AbortSignal;
}

/** Posts one batch (1..500 marks). Throws TransportError on any failure. */
export interface MarkTransport {
  postMarks(marks: NewMark[], opts?: CallOptions): Promise<PostMarksResult>;
}

export type SyncQueryInput = NonNullable<RequestInput<'sync'>['query']>;

/** Fetches one page of /api/sync. Throws TransportError on any failure. */
export interface SyncClient {
  sync(query: SyncQueryInput, opts?: CallOptions): Promise<SyncResponse>;
}
