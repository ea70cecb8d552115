// What the sender and pullSync need from the network: two calls, typed by the contracts. The web
// app and the Node harness both use fetchTransport; unit tests script their own.
import type { CallOptions, NewMark, PostMarksResult, RequestInput, SyncResponse } from '@rollcall/contracts';

export type { CallOptions };

/** Posts one batch (1..500 marks). Throws ClientError on any failure. */
export interface MarkTransport {
  postMarks(marks: NewMark[], opts?: CallOptions): Promise<PostMarksResult>;
}

export type SyncQueryInput = NonNullable<RequestInput<'sync'>['query']>;

/** Fetches one page of /api/sync. Throws ClientError on any failure. */
export interface SyncClient {
  sync(query: SyncQueryInput, opts?: CallOptions): Promise<SyncResponse>;
}
