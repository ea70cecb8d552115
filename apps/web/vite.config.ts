// Vite: builds the SPA into dist/ (served by the API in `pnpm start`); in `pnpm dev` it proxies
// /api to the API on port 8080.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Writes asset-list.json: every built file, so the service worker can cache the whole app at install. */
function assetList(): Plugin {
  return {
    name: 'rollcall-asset-list',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'index.html').map((f) => `/${f}`);
      this.emitFile({ type: 'asset', fileName: 'asset-list.json', source: JSON.stringify(files) });
    },
  };
}

export default defineConfig({
  plugins: [react(), assetList()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080', '/health': 'http://localhost:8080' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
