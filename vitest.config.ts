import { defineConfig } from 'vitest/config';

// `npm test`: SQLite. `npm run test:pg` (mode pg): the database and HTTP tests again on PostgreSQL.
export default defineConfig(({ mode }) => ({
  test: {
    include: mode === 'pg' ? ['server/**/*.db.test.ts'] : ['common/src/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    env: mode === 'pg' ? { CERISE_TEST_ENGINE: 'pg' } : {},
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
}));
