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

  it("the table's header and rows say which threshold, and EXPIRES is the date the days left count to", async () => {
    const { code, out } = await check(
      [],
      scenarioBuilder({ now })
        .certificate('shop', { expiresInDays: 14.5, tags: { 'cert-expiry-monitor:threshold-days': '21' } })
        // IAM lists no expiry; the body generated for it is valid for a year from the upload: 4.5 days left. It is
        // served nowhere and every place was read, so it stays unused however soon it expires.
        .certificate('tools', { expiration: null, uploadedDaysAgo: 360.5 }),
    );
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[1]).toBe(
      "Critical within its threshold: 7 days, or 21 set by the certificate's own tag; warning within 30.",
    );
    const shop = lines.findIndex((l) => /CRITICAL\s+14 days left\s+shop\s/.test(l));
    expect(lines.slice(shop + 1, shop + 4)).toContain(
      '    [threshold 21 days: its own cert-expiry-monitor:threshold-days tag]',
    );
    const tools = lines.findIndex((l) => /UNUSED\s+4 days left\s+tools\s/.test(l));
    const bodyExpiry = new Date(now.getTime() + 4.5 * 86_400_000).toISOString().slice(0, 10);
    expect(lines[tools]).toMatch(new RegExp(`\\s${bodyExpiry}T\\d\\d:\\d\\d:\\d\\dZ$`));
    expect(lines.slice(tools + 1, tools + 4)).toContain('    [expiry from the certificate body; IAM lists none]');
    expect(out).not.toContain('unknown');
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
    [['--bogus'], /^unknown option --bogus\n/],
    [['--dyas', '3'], /^unknown option --dyas \(did you mean --days\?\)/],
    [['--fail-on', 'critcal'], /--fail-on: expected one of expired, .*, got "critcal" \(did you mean critical\?\)/],
    [['--region', 'Frankfurt'], /--region: expected a region name such as eu-west-1, got "Frankfurt"/],
  ])('exits 2 with a one-line reason for %j', async (argv, reason) => {
    const { code, err } = await check(argv);
    expect(code).toBe(2);
    expect(err).toMatch(reason);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it.each([[[]], [['--json']]])(
    'refuses a mistyped --regions name with the nearest region, and reports nothing as checked (%j)',
    async (format) => {
      const { code, out, err } = await check(
        ['--regions', 'us-eest-1', ...format],
        scenarioBuilder({ now }).certificate('shop', { expiresInDays: 3 }),
      );
      expect(code).toBe(2);
      expect(err).toBe('Invalid options:\n  --regions: us-eest-1 is not a region (did you mean us-east-1?)');
      expect(out).toBe('');
      // Only the region list was read: no certificate, no load balancer.
      expect(server.countBy('action')).toEqual({ DescribeRegions: 1 });
    },
  );

  it('refuses a --regions name the account has not enabled, and a typo among valid names', async () => {
    const { code, out, err } = await check(
      ['--regions', 'eu-west-1,af-south-1,eu-wset-1'],
      scenarioBuilder({ now }).notOptedIn('af-south-1').certificate('shop', { expiresInDays: 3 }),
    );
    expect(code).toBe(2);
    expect(err.split('\n')).toEqual([
      'Invalid options:',
      '  --regions: af-south-1 is not enabled in this account (an opt-in region): opt in, or leave it out',
      '  --regions: eu-wset-1 is not a region (did you mean eu-west-1?)',
    ]);
    expect(out).toBe('');
  });

  it('scans the --regions given when the region list cannot be read, and says so', async () => {
    server = await startAwsServer({
      scenario: scenarioBuilder({ now })
        .regions('us-east-1', 'eu-west-1')
        .certificate('shop', { expiresInDays: 3 })
        .alb('eu-west-1', 'shop-alb', 'shop')
        .build(),
      faults: [{ kind: 'access-denied', service: 'ec2' }],
    });
    restore = applyEnvironment(loopbackEnvironment(server.endpoint));
    const out: string[] = [];
    const code = await main(['--regions', 'eu-west-1', '--json'], {
      env: process.env,
      out: (t) => out.push(t),
      err: () => undefined,
    });
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report.coverage.regionsScanned).toEqual(['eu-west-1']);
    expect(report.coverage.gaps).toEqual([
      expect.objectContaining({
        region: 'all',
        service: 'ec2',
        reason: expect.stringMatching(/^could not list the enabled regions, so only the configured regions were/),
      }),
    ]);
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
      'check failed: no AWS credentials found: run `aws configure` or `aws sso login`, or give --profile NAME (or set AWS_PROFILE).',
    ]);
  });

  it('documents every option in --help', async () => {
    const out: string[] = [];
    expect(await main(['--help'], { env: {}, out: (t) => out.push(t), err: () => undefined })).toBe(0);
    for (const flag of ['--days', '--warning-days', '--regions', '--json', '--publish', '--fail-on', '--profile'])
      expect(out.join()).toContain(flag);
    expect(out.join()).toBe(USAGE);
  });
});
