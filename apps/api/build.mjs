// Compiles the API to JavaScript (dist/main.js, and the migrate and check-db commands) for production: the workspace packages
// (TypeScript sources) are bundled in, npm dependencies stay external and come from node_modules.
// The message catalogues travel beside it (dist/messages), where http/language.ts looks first.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts', 'src/migrate.ts', 'src/check.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-npm',
      setup(b) {
        // Bare imports other than @rollcall/* are npm packages: resolved at run time, never bundled.
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rollcall/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});

cpSync('../../packages/i18n/messages', 'dist/messages', { recursive: true });
