/**
 * The real handler, real SDK clients, real HTTP: only the AWS endpoint is the loopback server.
 */
import { loopbackAccount } from './account-run';
import { READ_PERMISSIONS } from '../../contract/permissions';
import { scenarioBuilder, type Scenario } from '../../local-aws';
import { lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
const account = loopbackAccount();

function estate(): Scenario {
  return (
    scenarioBuilder({ now })
      .account('123456789012', 'acme-prod')
      .regions('us-east-1', 'eu-west-1', 'ap-southeast-2', 'eu-north-1')
      .certificate('expired-api', { expiresInDays: -2 })
      .certificate('shop-2026', { expiresInDays: 3.5 })
      .certificate('sni-only', { expiresInDays: 6 })
      .certificate('unused-old', { expiresInDays: 1 })
      .certificate('later', { expiresInDays: 20 })
      .certificate('healthy', { expiresInDays: 200 })
      .certificate('cdn', { expiresInDays: 5, path: '/cloudfront/' })
      .classicLoadBalancer('us-east-1', 'legacy-web', [
        { protocol: 'HTTP', port: 80 },
        { protocol: 'HTTPS', port: 443, certificate: 'expired-api' },
        { protocol: 'SSL', port: 8443, certificate: 'Invalid-Certificate' },
      ])
      .alb('us-east-1', 'shop-alb', 'shop-2026', ['sni-only', 'healthy'])
      .nlb('eu-west-1', 'shop-nlb', 'shop-2026')
      .alb('ap-southeast-2', 'later-alb', 'later')
      .alb('eu-north-1', 'healthy-alb', 'healthy')
      .distribution({ id: 'E2EXAMPLE', aliases: ['static.example.com'], iamCertificate: 'cdn' })
      // Two ACM certificates for shop-2026's name where it is served: both qualify, so their tags are read.
      .acmCertificate('eu-west-1', 'shop-acm', { hostnames: ['shop-2026.example.com'], expiresInDays: 300 })
      .acmCertificate('eu-west-1', 'shop-acm-wildcard', { hostnames: ['*.example.com'], expiresInDays: 320 })
      .topic(TEST_TOPIC)
      .build()
  );
}

describe('handler over HTTP', () => {
  it('on a quiet day lists certificates once and calls nothing else', async () => {
    const server = await account.start({
      scenario: scenarioBuilder({ now })
        .certificate('a', { expiresInDays: 90 })
        .certificate('b')
        .topic(TEST_TOPIC)
        .build(),
    });
    const summary = await account.coldStart()({}, lambdaContext());
    expect(server.countBy('action')).toEqual({ ListServerCertificates: 1 });
    expect(server.published).toHaveLength(0);
    expect(summary).toMatchObject({ certificatesScanned: 2, complete: true, messagesPublished: 0, minDaysLeft: 89 });
  });

  it('finds every usage across regions and publishes one alert', async () => {
    await account.start({ scenario: estate() });
    const summary = await account.coldStart()({ source: 'aws.scheduler' }, lambdaContext());

    expect(summary).toMatchObject({
      certificatesScanned: 7,
      // The certificate unused-old is served nowhere, with every region and CloudFront read: unused, not critical.
      flagged: { expired: 1, critical: 3, warning: 1, unknown: 0, unused: 1 },
      complete: true,
      regionsScanned: 4,
      messagesPublished: 1,
    });
    const { message, email, report } = account.published();
    expect(message.subject?.length).toBeLessThanOrEqual(100);
    expect(message.subject).toMatch(/acme-prod|123456789012/);
    expect(message.messageStructure).toBe('json');
    expect(message.messageAttributes.severity.stringValue).toBe('expired');
    expect(message.messageAttributes.account.stringValue).toBe('123456789012');

    expect(JSON.parse(message.message).default).toBe(email);
    for (const expected of [
      'legacy-web',
      'shop-alb',
      'shop-nlb',
      'eu-west-1',
      'E2EXAMPLE',
      'sni-only',
      'unused-old',
      'later-alb',
    ]) {
      expect(email).toContain(expected);
    }
    expect(email).not.toContain('healthy-alb');

    const usages = Object.fromEntries(
      report.findings.map((f) => [f.certificate.name, f.usages.map((u) => `${u.region}/${u.name}/${u.role}`).sort()]),
    );
    expect(usages).toEqual({
      'expired-api': ['us-east-1/legacy-web/default'],
      'shop-2026': ['eu-west-1/shop-nlb/default', 'us-east-1/shop-alb/default'],
      'sni-only': ['us-east-1/shop-alb/sni'],
      'unused-old': [],
      cdn: ['global/E2EXAMPLE/default'],
      later: ['ap-southeast-2/later-alb/default'],
    });
    expect(report.findings[0].certificate.name).toBe('expired-api');
    const unused = report.findings.find((f) => f.certificate.name === 'unused-old')!;
    expect(unused).toMatchObject({ severity: 'unused', expirySeverity: 'critical' });
    expect(unused.remediation.steps[0].commands).toEqual([
      'aws iam delete-server-certificate --server-certificate-name unused-old',
    ]);
    expect(report.coverage).toMatchObject({ complete: true, regionsNotChecked: [] });
  });

  it('makes each call once: the minimum the estate needs', async () => {
    const server = await account.start({ scenario: estate() });
    await account.coldStart()({}, lambdaContext());
    const lbsPerRegion = { 'us-east-1': 1, 'eu-west-1': 1, 'ap-southeast-2': 1, 'eu-north-1': 1 };
    expect(server.countBy('action', { service: 'elbv2' })).toEqual({
      DescribeLoadBalancers: 4,
      DescribeListeners: Object.values(lbsPerRegion).reduce((a, b) => a + b),
      DescribeListenerCertificates: 4,
    });
    expect(server.countBy('action', { service: 'elb' })).toEqual({ DescribeLoadBalancers: 4 });
    expect(server.countBy('action', { service: 'iam' })).toEqual({
      ListServerCertificates: 1,
      ListServerCertificateTags: 6, // the certificates inside the 30-day window
      GetServerCertificate: 7, // the 6 flagged bodies, and the one certificate that expires later (a possible renewal)
      ListAccountAliases: 1,
    });
    expect(server.countBy('action', { service: 'ec2' })).toEqual({ DescribeRegions: 1 });
    expect(server.countBy('action', { service: 'cloudfront' })).toEqual({ ListDistributions: 1 });
    expect(server.countBy('action', { service: 'sns' })).toEqual({ Publish: 1 });
    // ACM once per region serving a flagged certificate (CloudFront's: us-east-1); only name matches described.
    expect(server.countBy('region', { service: 'acm', action: 'ListCertificates' })).toEqual({
      'us-east-1': 1,
      'eu-west-1': 1,
      'ap-southeast-2': 1,
    });
    expect(server.countBy('action', { service: 'acm' })).toEqual({
      ListCertificates: 3,
      DescribeCertificate: 2,
      ListTagsForCertificate: 2,
    });
  });

  it('calls exactly the actions the stack grants, and no other', async () => {
    const server = await account.start({ scenario: estate() });
    await account.coldStart()({}, lambdaContext());
    const prefix: Record<string, string> = {
      iam: 'iam',
      ec2: 'ec2',
      elb: 'elasticloadbalancing',
      elbv2: 'elasticloadbalancing',
      cloudfront: 'cloudfront',
      sns: 'sns',
      acm: 'acm',
    };
    const called = new Set(server.requests.map((r) => `${prefix[r.service]}:${r.action}`));
    expect([...called].sort()).toEqual([...READ_PERMISSIONS.map((p) => p.action), 'sns:Publish'].sort());
  });

  it('walks every page of a large certificate list', async () => {
    const builder = scenarioBuilder({ now }).topic(TEST_TOPIC);
    for (let i = 0; i < 2500; i++)
      builder.certificate(`cert-${String(i).padStart(4, '0')}`, { expiresInDays: i === 2400 ? 2 : 300 });
    const server = await account.start({ scenario: builder.build() });
    const summary = await account.coldStart()({}, lambdaContext());
    expect(server.countBy('action', { service: 'iam' }).ListServerCertificates).toBe(3);
    // Served nowhere, with every region read: unused.
    expect(summary).toMatchObject({ certificatesScanned: 2500, flagged: { critical: 0, unused: 1 } });
  });

  it('scans only the configured regions when REGIONS is a list', async () => {
    const server = await account.start({ scenario: estate() });
    const summary = await account.coldStart({ REGIONS: 'eu-west-1' })({}, lambdaContext());
    expect(new Set(server.requests.filter((r) => r.service === 'elbv2').map((r) => r.region))).toEqual(
      new Set(['eu-west-1']),
    );
    // The enabled regions are still listed, to name the ones the configuration leaves out.
    expect(server.countBy('action', { service: 'ec2' })).toEqual({ DescribeRegions: 1 });
    expect(summary.regionsScanned).toBe(1);
  });

  // A certificate served only in a region the configuration leaves out is never called unused.
  it('with configured regions, names the enabled regions left out and gives no delete command', async () => {
    await account.start({ scenario: estate() });
    const summary = await account.coldStart({ REGIONS: 'us-east-1' })({}, lambdaContext());
    expect(summary.flagged).toMatchObject({ unused: 0 });
    const { message, email, slack, report } = account.published();
    expect(report.coverage).toMatchObject({
      complete: false,
      regionsScanned: ['us-east-1'],
      regionsNotChecked: ['ap-southeast-2', 'eu-north-1', 'eu-west-1'].map((region) => ({
        region,
        reason: 'excluded',
        detail: 'not in the configured regions',
      })),
    });
    expect(report.summary.complete).toBe(false);
    // `later` is served only in ap-southeast-2, `unused-old` nowhere: neither is called unused nor deleted.
    for (const name of ['later', 'unused-old']) {
      const f = report.findings.find((x) => x.certificate.name === name)!;
      expect(f.severity).not.toBe('unused');
      expect(f.usages).toEqual([]);
      expect(JSON.stringify(f.remediation)).not.toContain('delete-server-certificate');
    }
    expect(email).not.toContain('delete-server-certificate');
    expect(email.replace(/\s+/g, ' ')).toContain(
      '3 enabled regions not checked: ap-southeast-2, eu-north-1, eu-west-1 (excluded by configuration)',
    );
    expect(JSON.stringify(slack)).not.toMatch(/safe to delete/);
    expect(message.messageAttributes.severity.stringValue).toBe('expired');
  });

  it('never reports a configured name that is not an enabled region as checked: a gap with the nearest region', async () => {
    const server = await account.start({ scenario: estate() });
    const summary = await account.coldStart({ REGIONS: 'us-eest-1,eu-west-1' })({}, lambdaContext());
    expect(summary.regionsScanned).toBe(1);
    expect(new Set(server.requests.filter((r) => r.service.startsWith('elb')).map((r) => r.region))).toEqual(
      new Set(['eu-west-1']),
    );
    const { report, email, slack } = account.published();
    const gap = {
      region: 'us-eest-1',
      service: 'ec2',
      reason: 'not a region (did you mean us-east-1?): fix the configured regions',
    };
    expect(report.coverage).toMatchObject({ complete: false, regionsScanned: ['eu-west-1'], gaps: [gap] });
    expect(report.coverage.regionsNotChecked).toContainEqual({
      region: 'us-east-1',
      reason: 'excluded',
      detail: 'not in the configured regions',
    });
    expect(email.replace(/\s+/g, ' ')).toContain('NOT CHECKED - findings below may be incomplete');
    expect(email.replace(/\s+/g, ' ')).toContain(`us-eest-1, EC2 (region list): ${gap.reason}`);
    expect(slack.content.description).toContain(`us-eest-1 EC2 (region list): ${gap.reason}`);
  });

  it('still alerts when one region is denied, and names what was not checked', async () => {
    await account.start({
      scenario: estate(),
      faults: [{ kind: 'access-denied', region: 'eu-west-1', service: 'elbv2' }],
    });
    const summary = await account.coldStart()({}, lambdaContext());
    expect(summary.complete).toBe(false);
    expect(summary.notChecked).toEqual([expect.stringMatching(/^eu-west-1\/elbv2: AccessDenied/)]);
    const { email, report } = account.published();
    expect(email).toMatch(/eu-west-1/);
    expect(report.coverage.gaps).toEqual([expect.objectContaining({ region: 'eu-west-1', service: 'elbv2' })]);
    const shop = report.findings.find((f) => f.certificate.name === 'shop-2026')!;
    expect(shop.usages.map((u) => u.region)).toEqual(['us-east-1']);
  });

  it('finds the same as without faults when 30 % of calls are throttled', async () => {
    await account.start({ scenario: estate() });
    await account.coldStart()({}, lambdaContext());
    const clean = account.published().report;

    await account.start({
      scenario: estate(),
      seed: 7,
      faults: [{ kind: 'throttle', probability: 0.3, service: '*' }],
    });
    const summary = await account.coldStart()({}, lambdaContext());
    expect(summary.apiRetries).toBeGreaterThan(0);
    expect(summary.complete).toBe(true);
    expect(account.published().report.findings).toEqual(clean.findings);
  });

  it('fails the invocation when certificates cannot be listed', async () => {
    const server = await account.start({
      scenario: estate(),
      faults: [{ kind: 'access-denied', service: 'iam', action: 'ListServerCertificates' }],
    });
    await expect(account.coldStart()({}, lambdaContext())).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(server.published).toHaveLength(0);
  });

  it('fails the invocation when the alert cannot be published', async () => {
    await account.start({ scenario: estate(), faults: [{ kind: 'access-denied', service: 'sns' }] });
    await expect(account.coldStart()({}, lambdaContext())).rejects.toMatchObject({
      name: expect.stringMatching(/AuthorizationError|AccessDenied/),
    });
  });

  it('fails the cold start when the environment is invalid, naming the variable', async () => {
    await account.start({ scenario: estate() });
    expect(() => account.coldStart({ THRESHOLD_DAYS: 'abc' })).toThrow(/THRESHOLD_DAYS/);
  });
});
