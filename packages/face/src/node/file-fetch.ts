// Node 20's fetch refuses file:// URLs, and Human and face-api load models with fetch. This
// wraps fetch once so file:// URLs are read from disk; every other URL goes to the real fetch.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const MARK = Symbol.for('rollcall.fileFetch');

export function installFileFetch(): void {
  const current = globalThis.fetch as typeof fetch & { [MARK]?: true };
  if (current[MARK]) return;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file:')) return current(input, init);
    try {
      const bytes = await readFile(fileURLToPath(url));
      const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
      return new Response(bytes, { status: 200, headers: { 'content-type': type } });
    } catch {
      return new Response(null, { status: 404, statusText: `not found: ${url}` });
    }
  };
  Object.assign(wrapped, { [MARK]: true });
  globalThis.fetch = wrapped as typeof fetch;
}
