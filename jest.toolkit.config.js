/**
 * Microsoft 365 Agents Toolkit CLI checks (test/toolkit): run by .ci/run after it installs the
 * CLI into tools/.atk; kept out of `npm test` because that CLI is not a project dependency.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.config.js'),
  roots: ['<rootDir>/test/toolkit'],
  testPathIgnorePatterns: [],
  maxWorkers: 1,
};
