/**
 * .ci/audit.js against a stand-in `npm` on PATH (no registry is reached): it audits every dependency, dev ones
 * included, fails on high or critical findings, and says NOT RUN when the endpoint gives no report.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.join(__dirname, '..', '..', '.ci', 'audit.js');

function runAudit(stdout: string, stderr = '') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-'));
  try {
    const argsFile = path.join(dir, 'args');
    fs.writeFileSync(path.join(dir, 'out'), stdout);
    fs.writeFileSync(path.join(dir, 'err'), stderr);
    fs.writeFileSync(
      path.join(dir, 'npm'),
      `#!/bin/sh\necho "$@" > '${argsFile}'\ncat '${dir}/out'\ncat '${dir}/err' >&2\n`,
      { mode: 0o755 },
    );
    const run = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    return { status: run.status, stdout: run.stdout, args: fs.readFileSync(argsFile, 'utf8').trim() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const report = (high: number, critical: number, total: number) =>
  JSON.stringify({ metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high, critical, total } } });

test('audits dev dependencies too: no --omit=dev, --json', () => {
  const { args, status, stdout } = runAudit(report(0, 0, 3));
  expect(args).toBe('audit --json');
  expect(args).not.toContain('omit');
  expect(status).toBe(0);
  expect(stdout).toContain('0 high or critical, 3 in all (runtime and dev dependencies');
});

test('a high or critical finding fails the gate', () => {
  expect(runAudit(report(1, 0, 1)).status).toBe(1);
  expect(runAudit(report(0, 2, 2)).status).toBe(1);
});

test('an unreachable endpoint (405) is a loud NOT RUN, not a pass', () => {
  const { status, stdout } = runAudit('', 'npm error code E405\nnpm error 405 Method Not Allowed');
  expect(status).toBe(0);
  expect(stdout).toMatch(/^npm audit: NOT RUN - the audit endpoint could not be reached \(npm error code E405/);
});
