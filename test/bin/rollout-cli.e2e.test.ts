/**
 * `npx iam-cert-expiry-monitor rollout` as a user runs it (bin/cli.js), against the loopback AWS server: help, bad
 * options, an unknown certificate, and --json on stdout alone.
 */
import { scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import { loopbackEnvironment } from '../../local-aws/lambda-harness';
import { runCli as run } from './run-cli';

let server: AwsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function account(): Promise<Record<string, string>> {
  const names = ['shop.example.com'];
  server = await startAwsServer({
    scenario: scenarioBuilder({ now: new Date() })
      .certificate('shop-2025', { expiresInDays: 5, hostnames: names })
      .certificate('shop-2026', { expiresInDays: 400, hostnames: names })
      .alb('us-east-1', 'shop-alb', 'shop-2025')
      .build(),
  });
  return loopbackEnvironment(server.endpoint);
}

test('the bin lists rollout; --help gives its options and exit codes with no notice; bad options exit 2', async () => {
  const commands = await run(['--help']);
  expect(commands.stdout).toMatch(/^ {2}rollout {2}switch every place that serves a certificate to its renewal/m);
  const help = await run(['rollout', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: npx iam-cert-expiry-monitor rollout <certificate name or ARN> [options]');
  expect(help.stdout).toContain('  --delete-old ');
  expect(help.stdout).toContain('Exit codes:');
  expect(help.stderr).toBe('');
  const none = await run(['rollout']);
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('give exactly one certificate: its IAM name or ARN');
  const bad = await run(['rollout', 'x', '--regions', 'mars-1']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('--regions: "mars-1" is neither "all" nor region names');
  expect(bad.stdout).toBe('');
});

test('--json prints only the plan on stdout; an unknown certificate exits 2', async () => {
  const env = await account();
  const plan = await run(['rollout', 'shop-2025', '--json', '--regions', 'us-east-1'], env);
  expect(plan.status).toBe(0);
  expect(JSON.parse(plan.stdout)).toMatchObject({
    status: 'plan',
    renewal: { name: 'shop-2026' },
    steps: [{ kind: 'elbv2-default', place: 'ALB shop-alb (us-east-1) HTTPS:443', to: { name: 'shop-2026' } }],
  });
  const typo = await run(['rollout', 'shop-2025', '--regions', 'us-east-9'], env);
  expect(typo.status).toBe(2);
  expect(typo.stderr).toContain('--regions: us-east-9 is not a region');
  const unknown = await run(['rollout', 'nope', '--regions', 'us-east-1'], env);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('rollout: no IAM server certificate named nope');
});
