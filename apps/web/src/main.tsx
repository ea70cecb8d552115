// Entry point of the single-page app: providers, and the service worker that lets it open offline.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { queryClient } from './data/queryClient.ts';
import './styles.css';

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => cacheLoadedAssets())
    .catch((err: unknown) => console.warn('Offline support unavailable:', err));
}

/**
 * The first visit loads the app before the service worker controls the page, so it cannot have
 * cached those files itself: put what this page loaded (scripts, styles, models) into its cache
 * now, and the next visit opens offline.
 */
async function cacheLoadedAssets() {
  const urls = performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && (u.pathname.startsWith('/assets/') || u.pathname.startsWith('/models/')))
    .map((u) => u.pathname);
  const cache = await caches.open('rollcall-v1');
  await cache.addAll(['/', ...new Set(urls)]);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
