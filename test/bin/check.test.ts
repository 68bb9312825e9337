import { main, USAGE } from '../../bin/check';
import { scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import { applyEnvironment, loopbackEnvironment, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
let server: AwsServer;
let restore: () => void = () => undefined;

async function check(argv: string[], scenario = scenarioBuilder({ now }).certificate('shop', { expiresInDays: 200 })) {
  server = await startAwsServer({
    scenario: scenario.regions('us-east-1', 'eu-west-1').alb('eu-west-1', 'shop-alb', 'shop').topic(TEST_TOPIC).build(),
  });
  restore = applyEnvironment(loopbackEnvironment(server.endpoint));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env: process.env, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(async () => {
  restore();
  await server?.close();
});

describe('npm run check', () => {
  it('exits 1 and prints a table when something is flagged, publishing nothing', async () => {
    const { code, out } = await check([], scenarioBuilder({ now }).certificate('shop', { expiresInDays: 3.5 }));
    expect(code).toBe(1);
    expect(out).toMatch(/CRITICAL\s+3 days left\s+shop\s+\S+\n {4}ALB shop-alb:443 \(eu-west-1\)\n/);
    expect(server.published).toHaveLength(0);
  });

  it('exits 0 when nothing is flagged, after listing certificates only', async () => {
    const { code, out } = await check(
      ['--days', '2', '--warning-days', '0'],
      scenarioBuilder({ now }).certificate('shop', { expiresInDays: 3 }),
    );
    expect(code).toBe(0);
    expect(out).toContain('Nothing to report');
    expect(server.countBy('action')).toEqual({ ListServerCertificates: 1 });
  });

  it('prints the JSON report with --json and scans only --regions', async () => {
    const { code, out } = await check(
      ['--json', '--regions', 'eu-west-1'],
      scenarioBuilder({ now }).certificate('shop', { expiresInDays: -1 }),
    );
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.schemaVersion).toBe('1.3');
    expect(report.account.id).toBe('123456789012');
    expect(report.findings[0].usages[0].name).toBe('shop-alb');
    expect(new Set(server.requests.filter((r) => r.service.startsWith('elb')).map((r) => r.region))).toEqual(
      new Set(['eu-west-1']),
    );
  });

  it('publishes with --publish', async () => {
    const { code, err } = await check(
      ['--publish', TEST_TOPIC],
      scenarioBuilder({ now }).certificate('shop', { expiresInDays: 3 }),
    );
    expect(code).toBe(1);
    expect(server.published).toHaveLength(1);
    expect(err).toContain('Published 1 message(s)');
  });

  it.each([
    [['--days', 'abc'], /--days: expected a whole number/],
    [['--regions', 'moon'], /--regions: expected "all"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a one-line reason for %j', async (argv, reason) => {
    const { code, err } = await check(argv);
    expect(code).toBe(2);
    expect(err).toMatch(reason);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when AWS fails, without a stack trace', async () => {
    server = await startAwsServer({
      scenario: scenarioBuilder({ now }).build(),
      faults: [{ kind: 'access-denied', service: 'iam' }],
    });
    restore = applyEnvironment(loopbackEnvironment(server.endpoint));
    const err: string[] = [];
    const code = await main([], { env: process.env, out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/^check failed: AccessDenied/);
  });

  it('exits 2 with a one-line hint when there are no AWS credentials', async () => {
    restore = applyEnvironment({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete process.env[name];
    const err: string[] = [];
    const code = await main([], { env: process.env, out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err).toEqual([
      'check failed: no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE.',
    ]);
  });

  it('documents every option in --help', async () => {
    const out: string[] = [];
    expect(await main(['--help'], { env: {}, out: (t) => out.push(t), err: () => undefined })).toBe(0);
    for (const flag of ['--days', '--warning-days', '--regions', '--json', '--publish'])
      expect(out.join()).toContain(flag);
    expect(out.join()).toBe(USAGE);
  });
});
