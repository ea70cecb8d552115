// The web app's own modules run in Node against the real API: fetch goes to the API's origin with
// the admin's token, as the page on that origin sends its session cookie. For vitest files only.
import { afterAll, beforeAll } from 'vitest';
import { startApi, type Dialect, type TestApi } from '../../api/test/context.ts';

/** Starts the API for this describe block and points fetch at it; the returned getter gives the running API. */
export function webApiAsAdmin(dialect: Dialect): () => TestApi {
  let api: TestApi | undefined;
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    const started = await startApi(dialect);
    api = started;
    globalThis.fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${started.adminToken}`);
      return realFetch(new URL(String(input), started.base), { ...init, headers });
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await api?.close();
  });
  return () => api!;
}
