// The model files the page already downloaded (for its progress bar), served to the face worker's
// engine from memory: the engine loads its models with fetch, and without this it downloads each
// file a second time wherever the browser keeps no HTTP cache (an untrusted certificate, or a
// no-store proxy), about 13 MB repeated on a first visit. Any other URL goes to the network.

/** Model bytes by absolute URL. */
export type Preloaded = ReadonlyMap<string, ArrayBuffer>;

const urlOf = (input: RequestInfo | URL, base: string) => (input instanceof Request ? input.url : new URL(String(input), base).href);

/** A fetch that answers the preloaded URLs from memory (a fresh copy each time) and passes the rest on. */
export function preloadedFetch(files: Preloaded, fallback: typeof fetch, base: string): typeof fetch {
  return (input, init) => {
    const bytes = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase() === 'GET' ? files.get(urlOf(input, base)) : undefined;
    return bytes ? Promise.resolve(new Response(bytes.slice(0), { status: 200 })) : fallback(input, init);
  };
}
