// Vite: builds the SPA into dist/ (served by the API in `pnpm start`); in `pnpm dev` it proxies
// /api to the API on port 8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlineFiles } from './build/offline-files.ts';

export default defineConfig({
  plugins: [react(), offlineFiles()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080', '/health': 'http://localhost:8080' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
