/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // One worker per core. Jest's default keeps a core for its own process, which only collects results: on a
  // 2-core machine that was one worker, and the suite ran one file at a time.
  maxWorkers: '100%',
  // One CDK synth bundles the Lambda with esbuild; give it room on a 2-core CI box.
  testTimeout: 60000,
};
