// One test run for the whole workspace: unit tests beside the code, API tests against real
// MySQL and SQLite, browser tests in Debian's Chromium. `pnpm test` runs all of them.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Model loading and real databases are slow on a 2-core machine; nothing here is timed.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: more workers only fight over the CPU with wasm inference and MariaDB. CI runs one
    // file at a time: two browser files side by side starve each other's pages (a register that
    // waited over a minute for a fetch), and CI's time allows it.
    maxWorkers: process.env.CI ? 1 : 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
