import { defineConfig } from 'vitest/config';

// Browser journeys: Debian chromium driven by playwright-core against a real server.
export default defineConfig({
  test: {
    include: ['e2e/specs/**/*.e2e.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
