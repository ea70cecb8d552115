// The sender's and the roster sync's two calls over the one contracts client (createClient), in the
// browser and in Node 20+. Every failure is a ClientError; a request that hangs is aborted.
import { createClient, routes, type ClientOptions } from '@rollcall/contracts';
import type { MarkTransport, SyncClient } from './transport.ts';

export type FetchTransportOptions = ClientOptions;

export type FetchTransport = MarkTransport & SyncClient;

export function fetchTransport(options: FetchTransportOptions = {}): FetchTransport {
  const client = createClient({ postMarks: routes.postMarks, sync: routes.sync }, options);
  return {
    postMarks: (marks, opts) => client.postMarks({ body: { marks } }, opts),
    sync: (query, opts) => client.sync({ query }, opts),
  };
}
