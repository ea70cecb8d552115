// Rollcall's service worker: after one online visit the app opens offline. The app shell is
// served network-first (a new deployment shows at once when online) with the cached copy as the
// fallback; built assets are content-addressed and model files change only with a new build (and
// so a new worker), so both are cache-first. The API is never cached here: offline data lives in IndexedDB.
// The build names the cache after its files (apps/web/build/offline-files.ts): a new deployment
// is a new worker, which caches the new files and, once active, drops the old cache.
const CACHE = 'rollcall-__BUILD_ID__';

// Everything the app needs offline, cached at install: the shell, every built file (the build
// writes asset-list.json) and every model file (models/manifest.json). One missing file must not
// stop the rest, so each is added on its own, with two retries; the page asks again for whatever
// is still missing ('precache-missing'), and its status bar says when nothing is. After each round
// the pages are told which files failed and why ('precache-result'), so the status bar can say
// why offline use is not ready instead of "preparing" forever.
async function addWithRetry(cache, url) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await cache.add(url);
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function precache({ onlyMissing }) {
  const failed = [];
  try {
    await precacheInto(await caches.open(CACHE), onlyMissing, failed);
  } catch (err) {
    // No cache at all (storage refused): the install fails, and the page hears why first.
    failed.push({ url: '(offline storage)', error: describe(err) });
    throw err;
  } finally {
    const pages = await self.clients.matchAll({ includeUncontrolled: true, type: 'window' });
    for (const page of pages) page.postMessage({ type: 'precache-result', failed });
  }
}

const describe = (err) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

async function precacheInto(cache, onlyMissing, failed) {
  const list = async (url, pick) => {
    try {
      const res = await fetch(url, { cache: 'no-store' });
      if (res.ok) return pick(await res.json());
      failed.push({ url, error: `HTTP ${res.status}` });
    } catch (err) {
      failed.push({ url, error: describe(err) });
    }
    return [];
  };
  const assets = await list('/asset-list.json', (files) => ['/asset-list.json', ...files]);
  const models = await list('/models/manifest.json', (m) => ['/models/manifest.json', ...m.files.map((f) => `/models/${f.file}`)]);
  const all = ['/', '/index.html', ...assets, ...models];
  const todo = onlyMissing ? (await Promise.all(all.map(async (u) => ((await cache.match(u)) ? null : u)))).filter(Boolean) : all;
  await eachAtMost(PRECACHE_DOWNLOADS, todo, (url) => addWithRetry(cache, url).catch((err) => void failed.push({ url, error: describe(err) })));
}

// A browser opens at most six connections to a host over HTTP/1.1. Downloading every file at
// once (20 MB of models among them) on a first visit left the page's own sign-in and roster
// calls queued behind them for over 30 s on a busy laptop; two at a time leaves the rest to the page.
const PRECACHE_DOWNLOADS = 2;

/** Runs `fn` over `items`, at most `limit` at a time; one failure does not stop the rest. */
async function eachAtMost(limit, items, fn) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'precache-missing') event.waitUntil(precache({ onlyMissing: true }));
});

self.addEventListener('install', (event) => {
  event.waitUntil(precache({ onlyMissing: false }).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? '/index.html' : request;
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/health') return;
  if (event.request.mode === 'navigate') return event.respondWith(networkFirst(event.request));
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/models/')) return event.respondWith(cacheFirst(event.request));
  event.respondWith(networkFirst(event.request));
});
