/** @type {import('jest').Config} */
module.exports = {
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/toolkit needs the Agents Toolkit CLI in tools/.atk: .ci/run runs it with jest.toolkit.config.js.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/toolkit/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testEnvironment: 'node',
  testTimeout: 30000,
  maxWorkers: 2,
};
