import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the real CLI (`npx cdk synth`) with an isolated output directory; no AWS credentials needed. */
function cdkSynth(args: string[]) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-cli-'));
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--no-version-reporting', '--output', outdir, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 120_000,
  });
  const files = fs.existsSync(outdir) ? fs.readdirSync(outdir) : [];
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ...result, files };
}

test('bad context fails before any template is written, naming every bad key and its accepted form', () => {
  const result = cdkSynth(['-c', 'thresholdDays=abc', '-c', 'regions=moon-1', '-c', 'thresholdDay=7']);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('thresholdDays: expected a whole number from 1 to 365, got "abc"');
  expect(result.stderr).toContain('regions: expected all, or comma-separated region names');
  expect(result.stderr).toContain('thresholdDay: unknown context key; did you mean "thresholdDays"?');
  // The message, not a stack trace.
  expect(result.stderr).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  expect(result.files.filter((f) => f.endsWith('.template.json'))).toEqual([]);
});
