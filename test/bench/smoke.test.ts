/**
 * `npm run bench -- --smoke` inside `npm test`: the handler bundled as deployed, against the loopback server with
 * latency and rate limits, on a small estate. Fails on wrong findings, calls other than the minimum, repeated
 * calls or coverage gaps (timings are reported by the full bench, never asserted here).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

test('bench --smoke: bundled handler finds every usage with the minimum calls', () => {
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/run.ts', '--smoke'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining('smoke') });
  expect(run.stdout).not.toContain('PROBLEM');
}, 150_000);
