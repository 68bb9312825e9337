/**
 * The organization bench on a small organization inside `npm test`: the route from `npm run bench`, the call
 * budget per quiet account (AssumeRole + ListServerCertificates) and the state-transition arithmetic. Timings
 * are reported by the full bench, never asserted here.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isOrgBench, stateTransitionsPerRun } from '../../bench/org';

const root = path.resolve(__dirname, '..', '..');

test('org-<N> is routed to the organization bench', () => {
  expect(isOrgBench(['--scenarios', 'org-1000'])).toBe(true);
  expect(isOrgBench(['--scenarios', 'large'])).toBe(false);
  expect(isOrgBench([])).toBe(false);
});

test('state transitions per run: 3 parent states, and per account the child start plus its Task state', () => {
  expect(stateTransitionsPerRun(1000)).toBe(2003);
  expect(stateTransitionsPerRun(1)).toBe(5);
});

test('bench --scenarios org-30: a quiet account costs exactly two calls', () => {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'bench/run.ts',
      '--scenarios',
      'org-30',
      '--latency',
      '0',
      '--no-write',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  expect(run.stdout).toContain('org-30: 31 accounts (20 quiet, 10 with findings, 0 not checked)');
  expect(run.stdout).toMatch(/calls: \d+ in all; 2\.00 per quiet account/);
  expect(run.stdout).toContain('per run: 65 state transitions');
}, 150_000);
