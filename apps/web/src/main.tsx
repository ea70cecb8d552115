// Entry point of the single-page app: providers, and the service worker that lets it open offline.
// On an insecure page (plain http on a school name) it shows one sentence naming the https address
// instead: the camera, offline use and session ids all need a secure page.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { startOfflineSupport } from './app/offline-ready.ts';
import { ensureRandomUUID } from './app/random-uuid.ts';
import { insecurePageMessage } from './camera/secure-context.ts';
import { queryClient } from './data/queryClient.ts';
import { useLanguage } from './core/i18n.ts';
import { applyLanguage } from './core/language-choice.ts';
import './styles.css';

ensureRandomUUID();
// A change of language re-renders every screen in it (a remount: language changes are rare).
function Root() {
  const language = useLanguage();
  return <App key={language} />;
}
const root = createRoot(document.getElementById('root')!);

function render() {
  const insecure = insecurePageMessage(window.isSecureContext, window.location);
  if (insecure) {
    root.render(
      <main className="insecure-page">
        <h1>Rollcall</h1>
        <p role="alert">{insecure}</p>
      </main>,
    );
    return;
  }
  startOfflineSupport();
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The first screen already speaks the chosen language (the person's remembered choice, this
// device's, the browser's or the school's): its catalogue loads before anything is drawn.
void applyLanguage().finally(render);
