import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and end-to-end tests start processes; two cores, so two files at a time.
    maxWorkers: 2,
    // One TMPDIR for the run, removed at the end; the npm-shipped browser unpacked once.
    globalSetup: ['./tests/global-setup.ts'],
    setupFiles: ['./tests/setup.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
