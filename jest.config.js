/**
 * Sized for the 2-core machines the suite runs on, sometimes beside a second `npm test`:
 * - maxWorkers 2: one worker per core; alone the suite takes about 2 minutes. Two runs at once
 *   share the cores and each takes longer, which the timeouts below absorb.
 * - testTimeout 120 s: a test waits for conditions (test/support/patience.ts, up to 60 s), never
 *   for a fixed time, so this only bounds a broken test; a few long ones set their own.
 * - globalSetup starts a throwaway PostgreSQL server in the background (unless TEST_DATABASE_URL
 *   names one) for the tests that need it; see test/support/postgres.ts.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 120_000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/postgres-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
};
