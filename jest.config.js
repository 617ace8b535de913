/** Jest runs the TypeScript sources directly as ES modules (ts-jest, isolated transpile). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/'],
  // Fixture and sample-app package.json files are data, not modules.
  modulePathIgnorePatterns: ['<rootDir>/__fixtures__/', '<rootDir>/e2e/', '<rootDir>/examples/', '<rootDir>/dist/'],
  testTimeout: 120000,
};
