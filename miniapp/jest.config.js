/** Jest: unit tests of pure logic (node) and a headless render of the weapp build (jsdom). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.js'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020' } }],
  },
  globalSetup: '<rootDir>/test/ensure-weapp-build.js',
  testTimeout: 60000,
};
