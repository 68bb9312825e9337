/**
 * `npx iam-cert-expiry-monitor rollout` as a user runs it (bin/cli.js), against the loopback AWS server: every row of
 * its exit-code table, a mistyped flag, the errors explained as `check` explains them, and the common options.
 */
import { EXIT } from '../../bin/exit-code';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { loopbackEnvironment } from '../../local-aws/lambda-harness';
import { runCli as run } from './run-cli';

let server: AwsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NAMES = ['shop.example.com'];
const BOTH_REGIONS = ['--regions', 'us-east-1,eu-west-1'];

/** shop-2025 on an ALB in each of two regions; its renewal shop-2026 unless `renewal` is false. */
async function account(faults: readonly FaultRule[] = [], renewal = true): Promise<Record<string, string>> {
  const scenario = scenarioBuilder({ now: new Date() })
    .regions('us-east-1', 'eu-west-1')
    .certificate('shop-2025', { expiresInDays: 5, hostnames: NAMES })
    .alb('us-east-1', 'shop-alb', 'shop-2025')
    .alb('eu-west-1', 'eu-alb', 'shop-2025');
  if (renewal) scenario.certificate('shop-2026', { expiresInDays: 400, uploadedDaysAgo: 2, hostnames: NAMES });
  server = await startAwsServer({ scenario: scenario.build(), faults });
  return loopbackEnvironment(server.endpoint);
}

/** The write ELBv2 accepted, per action. */
const writes = () => server!.count({ action: 'ModifyListener' });

describe('--help and the root', () => {
  test('the bin lists rollout; --help gives its options and its exit-code table, and nothing on stderr', async () => {
    const commands = await run(['--help']);
    expect(commands.stdout).toMatch(/^ {2}rollout {2}switch every place that serves a certificate to its renewal/m);
    const help = await run(['rollout', '--help']);
    expect(help).toMatchObject({ status: EXIT.clean, stderr: '' });
    expect(help.stdout).toContain('Usage: npx iam-cert-expiry-monitor rollout <certificate name or ARN> [options]');
    for (const option of ['--delete-old', '--profile NAME', '--region NAME', '--verbose', '-q, --quiet', '--version'])
      expect(help.stdout).toMatch(new RegExp(`^ {2}${option} `, 'm'));
    // It prints no colour, so it takes no --no-color.
    expect(help.stdout).not.toContain('--no-color');
    expect([...help.stdout.matchAll(/^ {2}(\d) {2}/gm)].map((m) => m[1])).toEqual(['2', '1', '3', '0']);
    expect(help.stdout).toMatch(/^ {2}2 {2}could not run: a bad option, a certificate that IAM does not have, /m);
  });
});

describe('2: could not run (one line on stderr, nothing on stdout)', () => {
  test('a mistyped flag gets the nearest one; a word that should be a flag is not a second certificate', async () => {
    const typo = await run(['rollout', 'shop-2025', '--aply']);
    expect(typo).toEqual({
      status: EXIT.couldNotRun,
      stdout: '',
      stderr: 'unknown option --aply (did you mean --apply?)\nRun with --help for the options.\n',
    });
    const two = await run(['rollout', 'shop-2025', 'apply']);
    expect(two).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(two.stderr).toContain(
      'give exactly one certificate, its IAM name or ARN (got "shop-2025", "apply"): did you mean --apply?\n',
    );
    const none = await run(['rollout']);
    expect(none.stderr).toContain('give exactly one certificate, its IAM name or ARN (none given)');
    const regions = await run(['rollout', 'x', '--regions', 'mars-1']);
    expect(regions).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(regions.stderr).toContain('--regions: "mars-1" is neither "all" nor region names');
  });

  test('a certificate IAM does not have, a region that does not exist; --json prints nothing', async () => {
    const env = await account();
    const unknown = await run(['rollout', 'nope', '--json', '--regions', 'us-east-1'], env);
    expect(unknown).toEqual({
      status: EXIT.couldNotRun,
      stdout: '',
      stderr: 'rollout: no IAM server certificate named nope\n',
    });
    const typo = await run(['rollout', 'shop-2025', '--regions', 'us-east-9'], env);
    expect(typo).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(typo.stderr).toContain('--regions: us-east-9 is not a region');
  });

  test('an AWS error before any result (the listing denied)', async () => {
    const denied: FaultRule[] = [{ kind: 'access-denied', service: 'iam', action: 'ListServerCertificates' }];
    const result = await run(['rollout', 'shop-2025', '--regions', 'us-east-1'], await account(denied));
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rollout failed: AccessDenied: /)]);
  });

  test('connection refused names the endpoint and AWS_ENDPOINT_URL; no credentials says how to get them', async () => {
    const env = await account();
    await server!.close();
    server = undefined;
    const refused = await run(['rollout', 'shop-2025'], env);
    expect(refused).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(refused.stderr).toMatch(
      /^rollout failed: cannot connect to 127\.0\.0\.1:\d+: nothing is listening there \(ECONNREFUSED\)\. AWS_ENDPOINT_URL=/,
    );
    const anonymous = await run(['rollout', 'shop-2025'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    expect(anonymous).toEqual({
      status: EXIT.couldNotRun,
      stdout: '',
      stderr:
        'rollout failed: no AWS credentials found: run `aws configure` or `aws sso login`, or give --profile NAME (or set AWS_PROFILE).\n',
    });
  });
});

describe('the codes of a rollout that ran', () => {
  test('0: the plan, every region read; --json prints only the plan on stdout', async () => {
    const env = await account();
    const plan = await run(['rollout', 'shop-2025', ...BOTH_REGIONS], env);
    expect(plan).toMatchObject({ status: EXIT.clean, stderr: '' });
    expect(plan.stdout).toContain('Plan only: nothing was changed.');
    const json = await run(['rollout', 'shop-2025', '--json', ...BOTH_REGIONS], env);
    expect(json).toMatchObject({ status: EXIT.clean, stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'plan',
      renewal: { name: 'shop-2026' },
      coverage: { complete: true },
      steps: [
        { kind: 'elbv2-default', place: 'ALB eu-alb (eu-west-1) HTTPS:443', to: { name: 'shop-2026' } },
        { kind: 'elbv2-default', place: 'ALB shop-alb (us-east-1) HTTPS:443', to: { name: 'shop-2026' } },
      ],
    });
  });

  test('1: refused, no renewal qualifies; nothing is changed', async () => {
    const result = await run(['rollout', 'shop-2025', '--apply', ...BOTH_REGIONS], await account([], false));
    expect(result.status).toBe(EXIT.findings);
    expect(result.stdout).toContain('No rollout plan for shop-2025:');
    expect(result.stdout).toContain('Nothing was changed.');
    expect(writes()).toBe(0);
  });

  test('1 over 3: a denied write in a run that could not read every region', async () => {
    const faults: FaultRule[] = [
      { kind: 'access-denied', service: 'elbv2', action: 'DescribeLoadBalancers', region: 'eu-west-1' },
      { kind: 'access-denied', service: 'elbv2', action: 'ModifyListener' },
    ];
    const result = await run(['rollout', 'shop-2025', '--apply', ...BOTH_REGIONS], await account(faults));
    expect(result.status).toBe(EXIT.findings);
    expect(result.stdout).toMatch(/^NOT CHECKED: /m);
    expect(result.stdout).toContain('your credentials lack elasticloadbalancing:ModifyListener');
  });

  test('3: a region not read; the plan and then --apply switch what was read, and say what was not', async () => {
    const faults: FaultRule[] = [
      { kind: 'access-denied', service: 'elbv2', action: 'DescribeLoadBalancers', region: 'eu-west-1' },
    ];
    const env = await account(faults);
    const plan = await run(['rollout', 'shop-2025', ...BOTH_REGIONS], env);
    expect(plan.status).toBe(EXIT.incomplete);
    expect(plan.stdout).toMatch(/^NOT CHECKED: .*eu-west-1/m);
    const applied = await run(['rollout', 'shop-2025', '--apply', ...BOTH_REGIONS], env);
    expect(applied.status).toBe(EXIT.incomplete);
    expect(applied.stdout).toContain('Switched 1, already done 0, failed 0, left 0.');
    expect(writes()).toBe(1);
  });
});

describe('common options', () => {
  test('--version; --verbose: one stderr line per AWS call, writes included', async () => {
    const version = await run(['rollout', '--version']);
    expect(version).toMatchObject({ status: EXIT.clean, stderr: '' });
    expect(version.stdout).toMatch(/^iam-cert-expiry-monitor \d+\.\d+\.\d+\n$/);
    const env = await account();
    const verbose = await run(['rollout', 'shop-2025', '--apply', '--verbose', '--json', ...BOTH_REGIONS], env);
    expect(verbose.status).toBe(EXIT.clean);
    JSON.parse(verbose.stdout);
    const lines = verbose.stderr.trim().split('\n');
    expect(lines).toEqual(
      lines.map(() => expect.stringMatching(/^aws: \S+ \S+ [a-z0-9-]+ \d+ ms(, \d+ attempts)?(, \w+)?$/)),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^aws: IAM ListServerCertificates us-east-1 \d+ ms$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^aws: ElasticLoadBalancingV2 ModifyListener us-east-1 \d+ ms$/),
    );
  });

  test('--quiet --apply: the outcomes and the summary, no plan in front and no Node.js notice', async () => {
    const env = { ...(await account()), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '' };
    const result = await run(['rollout', 'shop-2025', '--apply', '--quiet', ...BOTH_REGIONS], env);
    expect(result).toMatchObject({ status: EXIT.clean, stderr: '' });
    expect(result.stdout).toBe(
      '  switched  ALB eu-alb (eu-west-1) HTTPS:443: read back, serves shop-2026\n' +
        '  switched  ALB shop-alb (us-east-1) HTTPS:443: read back, serves shop-2026\n' +
        'Switched 2, already done 0, failed 0, left 0.\n',
    );
  });

  test('--profile that does not exist is named, with the way to create it', async () => {
    const result = await run(['rollout', 'shop-2025', '--profile', 'nosuch']);
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr).toContain('rollout failed: no AWS profile "nosuch" (--profile nosuch)');
  });
});
