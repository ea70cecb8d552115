// Entry point of the single-page app: providers, and the service worker that lets it open offline.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { watchOfflineReadiness } from './app/offline-ready.ts';
import { queryClient } from './data/queryClient.ts';
import './styles.css';

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // The worker caches the whole app and the models when it installs (apps/web/build/sw.js, written into dist by the build).
  void navigator.serviceWorker.register('/sw.js').catch((err: unknown) => console.warn('Offline support unavailable:', err));
  watchOfflineReadiness();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
