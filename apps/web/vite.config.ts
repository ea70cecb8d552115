// Vite: builds the SPA and its face worker into dist/ (served by the API in `pnpm start`); in
// `pnpm dev` it proxies /api to the API on port 8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlineFiles } from './build/offline-files.ts';

// The same cross-origin isolation as the API's static serving (apps/api/src/app.ts), so dev and
// preview run the face worker's wasm multi-threaded too.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  plugins: [react(), offlineFiles()],
  server: { port: 5173, headers: isolation, proxy: { '/api': 'http://localhost:8080', '/health': 'http://localhost:8080' } },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
