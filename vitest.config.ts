import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node; e2e tests drive Debian's Chromium through Playwright
// against the built headless server, so `npm test` builds first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
