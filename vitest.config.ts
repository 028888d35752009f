import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node; e2e tests drive Debian's Chromium through Playwright
// against the built headless server, so the global setup builds first unless dist/ is current (as it
// is in `npm test`, which builds before Vitest).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
