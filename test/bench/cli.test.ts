/** `npm run bench` as a user runs it: --help lists every scenario; a bad scenario or flag is one line and exit 2. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function bench(...args: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/run.ts', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

test('--help lists every scenario, one line each', () => {
  const help = bench('--help');
  expect(help.status).toBe(0);
  expect(help.stderr).toBe('');
  const scenarios = help.stdout.slice(help.stdout.indexOf('\nScenarios:\n')).split('\n').slice(2, -1);
  expect(scenarios.map((line) => line.trim().split(/\s+/)[0])).toEqual([
    'quiet',
    'typical',
    'large',
    'smoke',
    'scaling',
    'scale-<R>r-<N>lb',
    'org-<N>',
    'org-digest-<N>',
  ]);
  for (const line of scenarios) expect(line).toMatch(/^ {2}\S+\s{2,}\S.*\S$/);
});

test('the organization scenario has its own --help', () => {
  const help = bench('--scenarios', 'org-100', '--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('--sts-rate N');
});

test.each([
  [['--scenarios', 'quiet,nope'], /^bench: unknown scenario nope; known: quiet, typical, large,/],
  [['--nope'], /^bench: Unknown option '--nope'/],
  [['--latency', 'fast'], /^bench: --latency: expected a number, got fast/],
  [['--scenarios', 'org-0'], /^bench: org-<N>: N is at least 1, got org-0/],
  [['--scenarios', 'org-100', '--sts-rate', '0'], /^bench: --sts-rate: expected a whole number >= 1/],
])('%j: one line on stderr, no stack trace, exit 2', (args, line) => {
  const run = bench(...args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
});
