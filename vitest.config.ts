import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Many tests start real processes (CLI, workers, servers): allow for a busy machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores on CI machines: keep file-level parallelism modest so heavy tests do not starve.
    maxWorkers: 2,
  },
});
