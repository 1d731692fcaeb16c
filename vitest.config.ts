import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Unpacks the npm-shipped browser once, when there is no installed one.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and end-to-end tests start processes; two cores, so two files at a time.
    maxWorkers: 2,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
