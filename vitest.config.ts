import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (no I/O) and library integration tests run two files at a time;
 * `service` runs the CLI as users do (`chronicle start` with its own Redis, store and HTTP
 * servers) one file at a time, so that its start-up and timing assertions are not measured on
 * a machine busy with other test files (two cores).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/service/**'], maxWorkers: 2, minWorkers: 1 } },
      { extends: true, test: { name: 'service', include: ['test/service/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
