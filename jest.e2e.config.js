/**
 * End-to-end suite on a real BuildKit (npm run test:e2e): builds the sample apps in
 * e2e/apps/ before and after dockerfix. Needs root (it starts the lab engine with
 * scripts/lab/setup.sh). See docs/e2e.md. Tests run one at a time: they share the
 * engine's build cache, which the suite prunes between builds.
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 12 * 60_000,
  verbose: true,
};
