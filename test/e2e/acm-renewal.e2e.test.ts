/**
 * ACM renewals over real HTTP: the real handler reads ACM only where a flagged certificate is served,
 * switches each region to the ACM certificate that qualifies there, asks for an upload only where ACM has none,
 * never counts a certificate of another region, and names a denied ACM read instead of asking for an upload.
 */
import { loopbackAccount } from './account-run';
import { scenarioBuilder } from '../../local-aws';
import type { FaultRule } from '../../local-aws/faults';
import { lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
const account = loopbackAccount();

/** shop-2026 served in us-east-1 (ALB), eu-west-1 (NLB) and by CloudFront; ACM holds renewals in some regions. */
function estate() {
  return (
    scenarioBuilder({ now })
      .regions('us-east-1', 'eu-west-1', 'ap-southeast-2')
      .certificate('shop-2026', { expiresInDays: 3, hostnames: ['shop.example.com'], path: '/cloudfront/' })
      .alb('us-east-1', 'shop-us', 'shop-2026')
      .nlb('eu-west-1', 'shop-eu', 'shop-2026')
      .distribution({ id: 'E2SHOP', aliases: ['shop.example.com'], iamCertificate: 'shop-2026' })
      .acmCertificate('us-east-1', 'shop-acm', {
        hostnames: ['shop.example.com'],
        expiresInDays: 390,
        keyAlgorithm: 'EC_prime256v1',
      })
      // Wrong region: it cannot serve eu-west-1 or anything else here.
      .acmCertificate('ap-southeast-2', 'shop-acm-sydney', { hostnames: ['shop.example.com'], expiresInDays: 390 })
      .topic(TEST_TOPIC)
      .build()
  );
}

async function run(faults: FaultRule[] = []) {
  await account.start({ scenario: estate(), faults });
  await account.coldStart()({}, lambdaContext());
  return account.published();
}

describe('ACM renewals over HTTP', () => {
  it('switches us-east-1 (ALB and CloudFront) to ACM, and asks for an upload only for eu-west-1', async () => {
    const { report, email } = await run();
    const [finding] = report.findings;
    const acmArn = (region: string) =>
      expect.stringMatching(new RegExp(`^arn:aws:acm:${region}:123456789012:certificate/`));
    const acm = [...finding.renewal!.acm].sort((a, b) => a.region.localeCompare(b.region));
    expect(acm).toEqual([
      // The Sydney certificate covers the name, but it is not in eu-west-1: none there.
      expect.objectContaining({ region: 'eu-west-1', state: 'none', certificate: null }),
      expect.objectContaining({
        region: 'us-east-1',
        state: 'found',
        certificate: expect.objectContaining({
          arn: acmArn('us-east-1'),
          type: 'AMAZON_ISSUED',
          keyAlgorithm: 'EC_prime256v1',
        }),
      }),
    ]);
    const usEast = acm[1].certificate!.arn;
    const commands = finding.remediation.steps.flatMap((s) => s.commands);
    expect(commands.filter((c) => c.includes('modify-listener'))).toEqual([
      expect.stringMatching(
        /--region eu-west-1 .*CertificateArn=arn:aws:iam::123456789012:server-certificate\/cloudfront\/shop-\d+$/,
      ),
      `aws elbv2 modify-listener --region us-east-1 --listener-arn ${finding.usages.find((u) => u.region === 'us-east-1')!.listenerArn} --certificates CertificateArn=${usEast}`,
    ]);
    expect(commands).toContain(`NEW_CERT_ARN=${usEast}`);
    expect(commands.some((c) => c.includes('.ACMCertificateArn = $arn'))).toBe(true);
    expect(commands.filter((c) => c.includes('upload-server-certificate'))).toHaveLength(1);
    const flat = email.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /ACM in us-east-1: arn:aws:acm:us-east-1:\S+ \(shop\.example\.com, expires \S+, Amazon-issued: ACM renews it itself/,
    );
    expect(flat).toContain('a renewal in IAM or ACM already');
    expect(flat).toContain('ACM in eu-west-1: none qualifies');
    // ACM read only where shop-2026 is served (CloudFront's region is us-east-1): never in ap-southeast-2.
    expect(account.server.countBy('region', { service: 'acm', action: 'ListCertificates' })).toEqual({
      'us-east-1': 1,
      'eu-west-1': 1,
    });
    expect(account.server.countBy('action', { service: 'acm' })).toEqual({
      ListCertificates: 2,
      DescribeCertificate: 1,
    });
  });

  it('names a denied ACM read as a gap, says the renewal is unknown there, and asks for no upload', async () => {
    const { report, email } = await run([{ kind: 'access-denied', service: 'acm', region: 'eu-west-1' }]);
    const [finding] = report.findings;
    expect(report.coverage.gaps).toEqual([
      expect.objectContaining({
        region: 'eu-west-1',
        service: 'acm',
        reason: expect.stringMatching(/^could not read ACM in eu-west-1: /),
      }),
    ]);
    expect(finding.renewal?.acm.find((a) => a.region === 'eu-west-1')).toMatchObject({ state: 'unknown' });
    const steps = finding.remediation.steps;
    expect(steps.flatMap((s) => s.commands).some((c) => c.includes('upload-server-certificate'))).toBe(false);
    expect(steps.some((s) => s.title.startsWith('Renewal unknown in eu-west-1'))).toBe(true);
    expect(steps.flatMap((s) => s.commands).some((c) => c.includes('delete-server-certificate'))).toBe(false);
    expect(email.replace(/\s+/g, ' ')).toContain('renewal unknown in eu-west-1');
  });
});

test('Slack names where the ACM renewal lives', async () => {
  const { slack } = await run();
  expect(slack.content.description).toContain('renewal in ACM (us-east-1)');
  expect(slack.content.nextSteps.join('\n')).toContain('ACM (us-east-1)');
});
