import { defineConfig } from 'vitest/config';

// Integration tests boot real Temporal and MongoDB-wire servers per file; two forks keep a 2-core
// machine busy without starving the servers those tests start.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    setupFiles: ['test/support/setup-runtime.ts'],
    globalSetup: ['test/support/global-mongo.ts'],
  },
});
