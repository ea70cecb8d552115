// Lint: TypeScript rules, React's rules of hooks, and the dependency direction (packages never import apps).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/web/public/**', 'data/**', 'models/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Effects carry dependency lists: the plugin checks them and the rules of hooks.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLive$' }] },
  },
  ...webLayers(),
  ...apiFeatureBounds(),
  ...speaksThroughCatalogue(),
  {
    // Routes stay thin, services hold the rules, repositories hold the SQL: no query builder in a service.
    files: ['apps/api/src/features/**/*.service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'].map((name) => ({
          selector: `CallExpression > MemberExpression.callee[property.name='${name}']`,
          message: `SQL belongs in a *.repository.ts: move this ${name}() there and call it from the service.`,
        })),
      ],
    },
  },
  {
    // The service worker template is plain JavaScript run in a worker scope.
    files: ['apps/web/build/sw.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly', location: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@rollcall/api', '@rollcall/web', '@rollcall/cli', '**/apps/**'],
              message: 'packages/* must not import apps/* (dependencies point inward).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/contracts/**/*.ts', 'packages/matcher/**/*.ts', 'packages/recognition/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'express', 'dexie', '@tensorflow/*', '@vladmandic/*', 'kysely', '@rollcall/api', '@rollcall/web', '@rollcall/cli'],
              message: 'contracts, matcher and the recognition core stay free of UI, server, storage and ML frameworks.',
            },
          ],
        },
      ],
    },
  },
  {
    // The recognition core runs in Node (CLI, simulation, benchmarks) as it does in a page or a worker.
    files: ['packages/recognition/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'HTMLElement',
          'HTMLVideoElement',
          'HTMLCanvasElement',
          'ImageBitmap',
          'requestAnimationFrame',
        ].map((name) => ({ name, message: 'the recognition core is plain data: no DOM.' })),
      ],
    },
  },
);

/**
 * The web app's folder map. `app/` is the shell (the page router's switch, the status bar, first
 * steps) and may import anything. Each feature folder is a page or a family of pages and imports
 * only the shared layers, never another feature or the shell: what two features share moves down.
 * The shared layers import neither.
 */
function webLayers() {
  const features = ['absences', 'admin', 'attendance', 'auth', 'camera-check', 'classes', 'consent', 'notices', 'records', 'settings', 'students'];
  const shared = ['api', 'core', 'data', 'local', 'ui', 'face', 'matcher', 'camera'];
  const banned = (folders) => folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`]);
  const rule = (folders, message) => ({ 'no-restricted-imports': ['error', { patterns: [{ group: banned(folders), message }] }] });
  return [
    ...features.map((feature) => ({
      files: [`apps/web/src/${feature}/**/*.{ts,tsx}`],
      rules: rule(
        ['app', ...features.filter((f) => f !== feature)],
        `A feature imports only ${shared.join(', ')}: move what features share into core, data or ui.`,
      ),
    })),
    {
      files: shared.map((layer) => `apps/web/src/${layer}/**/*.{ts,tsx}`),
      rules: rule(['app', ...features], 'The shared layers of the web app never import a feature or the shell.'),
    },
  ];
}

/**
 * A feature of the API reaches another feature through its service, never its repository: a
 * repository is imported only inside its own folder, and services.ts hands each service the
 * services it uses. The folders are read from disk, so a new feature is held to it at once.
 */
function apiFeatureBounds() {
  const root = 'apps/api/src/features';
  const features = fs
    .readdirSync(path.join(import.meta.dirname, root), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return features.map((feature) => ({
    files: [`${root}/${feature}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: features.filter((f) => f !== feature).map((f) => `../${f}/*.repository*`),
              message: `A feature uses another feature's service, never its repository: ask for that service in createServices (services.ts).`,
            },
          ],
        },
      ],
    },
  }));
}

/**
 * Words a person reads go through the message catalogue (`t`, `tx`): no literal text in JSX, nor
 * in the attributes and props people read, anywhere in the web app.
 */
function speaksThroughCatalogue() {
  const converted = ['**/*.{ts,tsx}'];
  return [
    {
      files: converted.map((f) => `apps/web/src/${f}`),
      ignores: ['**/*.test.*'],
      plugins: { i18next },
      rules: {
        'i18next/no-literal-string': [
          'error',
          {
            mode: 'jsx-only',
            message: 'Text a person reads goes through t() or tx() (core/i18n.ts), so every language has it',
            'jsx-attributes': { include: ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'help', 'confirmText', 'cancelText'] },
            // Punctuation, numbers and the product's name are the same in every language.
            words: { exclude: ['[0-9!-/:-@[-`{-~\\s–—…“”‘’·×•✓✗]+', 'Rollcall'] },
            callees: {
              exclude: [
                't',
                'tx',
                'i18n(ext)?',
                'require',
                'addEventListener',
                'removeEventListener',
                'postMessage',
                'getElementById',
                'includes',
                'indexOf',
                'endsWith',
                'startsWith',
                'split',
                'join',
                'replace',
                'slice',
                'classList\\.\\w+',
                'Date',
                'Set',
                'Map',
                // Formatters take options and styles, not words: what they print follows the language.
                'format[A-Z]\\w*',
                '(\\w+\\.)*intl\\.format[A-Z]\\w*',
              ],
            },
          },
        ],
      },
    },
  ];
}
