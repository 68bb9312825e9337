/**
 * Certificate bodies over real HTTP: the real handler reads them from the loopback IAM (generated PEMs), finds a
 * rollout half done across two regions, and survives a body that does not parse.
 */
import { loopbackAccount } from './account-run';
import { scenarioBuilder } from '../../local-aws';
import { lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
const account = loopbackAccount();

describe('renewal rollout over HTTP', () => {
  it('finds a renewal half swapped in eu-west-1 and forgotten in us-east-1, and fixes only what remains', async () => {
    const server = await account.start({
      scenario: scenarioBuilder({ now })
        .regions('us-east-1', 'eu-west-1')
        .certificate('payments-2026', { expiresInDays: 3, hostnames: ['payments.example.com', 'pay.example.com'] })
        .certificate('payments-2027', { expiresInDays: 380, hostnames: ['payments.example.com', 'pay.example.com'] })
        .certificate('unrelated', { expiresInDays: 200, hostnames: ['blog.example.com'] })
        .alb('us-east-1', 'payments-us', 'payments-2026')
        // Made the default, the old one left on as SNI: this listener counts as already serving.
        .alb('eu-west-1', 'payments-eu', 'payments-2027', ['payments-2026'])
        // The renewal on a listener the old one is not on: not rollout progress.
        .nlb('us-east-1', 'payments-us-tls', 'payments-2027')
        .topic(TEST_TOPIC)
        .build(),
    });
    await account.coldStart()({}, lambdaContext());

    const { report, email, subject } = account.published();
    const [finding] = report.findings;
    expect(finding.hostnames).toEqual(['payments.example.com', 'pay.example.com']);
    expect(finding.certificateDetails).toMatchObject({
      issuer: 'Loopback Test Intermediate CA',
      selfSigned: false,
      notAfterDiffersFromIam: false,
    });
    expect(finding.renewal).toMatchObject({
      state: 'partly-rolled-out',
      certificate: { name: 'payments-2027', arn: 'arn:aws:iam::123456789012:server-certificate/payments-2027' },
      placesInRollout: 2,
      alreadyServing: [{ region: 'eu-west-1', name: 'payments-eu' }],
      remaining: [
        { region: 'eu-west-1', name: 'payments-eu' },
        { region: 'us-east-1', name: 'payments-us' },
      ],
      servedElsewhere: [{ region: 'us-east-1', name: 'payments-us-tls' }],
      rejected: [], // 'unrelated' covers none of the names: not a candidate at all
      chosenBy: null,
    });
    expect(subject).toContain('(renewal ready)');
    expect(email).toContain('Renewal partly rolled out: 1 of 2 places already serve payments-2027');
    const commands = finding.remediation.steps.flatMap((s) => s.commands);
    expect(commands.some((c) => c.includes('upload-server-certificate'))).toBe(false);
    expect(commands.filter((c) => c.includes('modify-listener'))).toEqual([
      expect.stringMatching(
        /--region us-east-1 .*CertificateArn=arn:aws:iam::123456789012:server-certificate\/payments-2027$/,
      ),
    ]);
    expect(commands.filter((c) => c.includes('listener-certificates'))).toEqual([
      expect.stringMatching(
        /remove-listener-certificates --region eu-west-1 .*CertificateArn=arn:aws:iam::123456789012:server-certificate\/payments-2026$/,
      ),
    ]);
    // Bodies read: the flagged one and the two that expire later (the unrelated one cannot be told apart by its listing).
    expect(server.countBy('action', { service: 'iam' }).GetServerCertificate).toBe(3);
  });

  it('names every renewal that qualifies and switches nothing until a renews tag decides', async () => {
    const build = (tags?: Record<string, string>) =>
      scenarioBuilder({ now })
        .regions('us-east-1')
        .certificate('shop-2026', { expiresInDays: 3, hostnames: ['shop.example.com'] })
        .certificate('shop-2027', { expiresInDays: 300, hostnames: ['shop.example.com'] })
        .certificate('wildcard-2027', { expiresInDays: 320, hostnames: ['*.example.com'], ...(tags ? { tags } : {}) })
        .certificate('shop-next', { expiresInDays: 400, hostnames: ['shop.example.com'], uploadedDaysAgo: -30 })
        .alb('us-east-1', 'shop', 'shop-2026')
        .topic(TEST_TOPIC)
        .build();
    const server = await account.start({ scenario: build() });
    await account.coldStart()({}, lambdaContext());
    const first = account.published();
    let report = first.report;
    const email = first.email;
    expect(report.findings[0].renewal).toMatchObject({
      state: 'ambiguous',
      certificate: null,
      alsoQualifying: ['shop-2027', 'wildcard-2027'],
      rejected: [{ name: 'shop-next', reason: expect.stringMatching(/^not valid until \d{4}-\d{2}-\d{2}$/) }],
    });
    expect(email).toContain('2 certificates qualify as its renewal (shop-2027, wildcard-2027)');
    const commands = report.findings[0].remediation.steps.flatMap((s) => s.commands);
    expect(commands).toEqual([
      "aws iam tag-server-certificate --server-certificate-name <CHOSEN_NAME> --tags 'Key=cert-expiry-monitor:renews,Value=shop-2026'",
    ]);
    // The tags of the two that qualify were read; nobody else's beyond the flagged one.
    expect(server.countBy('action', { service: 'iam' }).ListServerCertificateTags).toBe(3);

    await account.start({ scenario: build({ 'cert-expiry-monitor:renews': 'shop-2026' }) });
    await account.coldStart()({}, lambdaContext());
    report = account.published().report;
    expect(report.findings[0].renewal).toMatchObject({
      state: 'uploaded',
      certificate: { name: 'wildcard-2027' },
      chosenBy: 'tag',
      alsoQualifying: ['shop-2027'],
    });
    expect(report.findings[0].remediation.steps.flatMap((s) => s.commands)).toEqual([
      expect.stringMatching(/modify-listener .*server-certificate\/wildcard-2027$/),
      'npx iam-cert-expiry-monitor rollout shop-2026',
      'aws iam delete-server-certificate --server-certificate-name shop-2026',
    ]);
  });

  it('sends the finding with a named problem when the body does not parse', async () => {
    const server = await account.start({
      scenario: scenarioBuilder({ now })
        .regions('us-east-1')
        .certificate('legacy-vpn', {
          expiresInDays: 2,
          body: '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
        })
        .certificate('healthy', { expiresInDays: 300 })
        .alb('us-east-1', 'vpn', 'legacy-vpn')
        .topic(TEST_TOPIC)
        .build(),
    });
    const summary = await account.coldStart()({}, lambdaContext());

    const { report, email } = account.published();
    expect(summary).toMatchObject({ flagged: { critical: 1 }, messagesPublished: 1 });
    const [finding] = report.findings;
    expect(finding.certificate.name).toBe('legacy-vpn');
    expect(finding.usages).toHaveLength(1);
    expect(finding.hostnames).toBeNull();
    expect(finding.renewal).toBeNull();
    expect(finding.certificateProblems).toEqual([
      expect.stringMatching(/^the body of legacy-vpn could not be parsed: /),
    ]);
    expect(email).toMatch(/PROBLEM: the body of legacy-vpn could not be parsed/);
    expect(email).not.toContain('bm90IGEgY2VydA');
    // Its possible renewals are not read: their names could not be compared with anything.
    expect(server.countBy('action', { service: 'iam' }).GetServerCertificate).toBe(1);
  });

  it('names a read that is denied, and still publishes the finding', async () => {
    await account.start({
      scenario: scenarioBuilder({ now })
        .regions('us-east-1')
        .certificate('web', { expiresInDays: 1 })
        .alb('us-east-1', 'web', 'web')
        .topic(TEST_TOPIC)
        .build(),
      faults: [{ kind: 'access-denied', service: 'iam', action: 'GetServerCertificate' }],
    });
    await account.coldStart()({}, lambdaContext());
    const { report } = account.published();
    expect(report.findings[0].certificateProblems).toEqual([
      expect.stringMatching(/^could not read the body of web: AccessDenied/),
    ]);
    expect(report.findings[0].remediation.steps[0].commands[0]).toContain('upload-server-certificate');
  });

  it('stops waiting for a body at the scan deadline and still publishes the finding', async () => {
    await account.start({
      scenario: scenarioBuilder({ now })
        .regions('us-east-1')
        .certificate('web', { expiresInDays: 1 })
        .alb('us-east-1', 'web', 'web')
        .topic(TEST_TOPIC)
        .build(),
      faults: [{ kind: 'hang', service: 'iam', action: 'GetServerCertificate' }],
    });
    // The scan stops 30 s before the Lambda timeout: here 2 s from now.
    await account.coldStart()({}, lambdaContext(undefined, 32_000));
    const { report } = account.published();
    expect(report.findings[0].usages).toHaveLength(1);
    expect(report.findings[0].certificateProblems).toEqual([
      expect.stringMatching(/^could not read the body of web: /),
    ]);
  }, 20_000);
});
