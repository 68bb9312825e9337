import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { QUIET_BUNDLING_ENV } from '../../lib/constructs/function-bundling';
import { synthMonitor } from './synth-monitor';

const root = path.resolve(__dirname, '..', '..');

/** Tests keep esbuild quiet (test/setup-env.ts); that must not change what is deployed. */
test('quiet bundling changes the log only: the template, asset hashes included, is the same', () => {
  expect(process.env[QUIET_BUNDLING_ENV]).toBe('true');
  const quiet = synthMonitor({ alertEmails: 'ops@example.com' }).template.toJSON();
  // The deployed setting, in a child process so that esbuild's summary goes to a pipe, not to the test log.
  const env = { ...process.env };
  delete env[QUIET_BUNDLING_ENV];
  const loud = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      '-e',
      "import { synthMonitor } from './test/lib/synth-monitor'; " +
        "process.stdout.write(JSON.stringify(synthMonitor({ alertEmails: 'ops@example.com' }).template.toJSON()));",
    ],
    { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
  );
  expect({ status: loud.status, error: loud.status === 0 ? '' : loud.stderr }).toEqual({ status: 0, error: '' });
  expect(loud.stderr).toContain('Done in'); // the loud run did print esbuild's summary
  expect(JSON.stringify(quiet)).toMatch(/[0-9a-f]{64}\.zip/); // the bundle's asset hash is part of what is compared
  expect(quiet).toEqual(JSON.parse(loud.stdout));
});
