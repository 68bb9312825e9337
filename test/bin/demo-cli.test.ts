/** `npm run demo` as a user runs it (tsx directly: npm adds nothing but its banner). */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const DEMO = path.join(ROOT, 'bin', 'demo.ts');
const demo = (...args: string[]) => spawnSync(TSX, [DEMO, ...args], { encoding: 'utf8', timeout: 60_000 });

test('by default: at most two screens, with one certificate in full and the next steps', () => {
  const result = demo();
  expect(result.status).toBe(0);
  const lines = result.stdout.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(120);
  expect(result.stdout).toContain('[1] EXPIRED: www-acme-com-2025');
  expect(result.stdout).toContain('aws elb set-load-balancer-listener-ssl-certificate');
  expect(result.stdout).not.toMatch(/^\[2\] CRITICAL/m);
  expect(result.stdout).toMatch(/Next steps[\s\S]*--full[\s\S]*iam-cert-expiry-monitor check[\s\S]*cdk deploy/);
  expect(result.stderr).toBe('');
});

test('--help prints usage; an unknown flag exits 2 with usage on stderr', () => {
  const help = demo('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: npm run demo');
  const bad = demo('--flul');
  expect(bad.status).toBe(2);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toContain('unknown option --flul (did you mean --full?)');
  expect(bad.stderr).toContain('Usage: npm run demo');
});

test('a pipe closed early (`npm run demo | head -1`) ends quietly', async () => {
  const child = spawn(TSX, [DEMO, '--full']);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).not.toContain('EPIPE');
  expect(status).toBe(0);
});
