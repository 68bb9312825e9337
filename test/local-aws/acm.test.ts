/** ACM on the loopback server (JSON 1.1), through the unmodified SDK v3 client. */
import {
  ACMClient,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  paginateListCertificates,
  type CertificateSummary,
} from '@aws-sdk/client-acm';
import { acmCertificateArn, clientConfig, scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import { assumeRole, memberRoleArn, twoAccountOrganization } from './two-accounts';

const now = new Date('2026-11-30T06:00:00Z');
const ACCOUNT = '123456789012';
const arn = (name: string, region = 'us-east-1') => acmCertificateArn(region, ACCOUNT, name);
const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/0123456789abcdef';

const scenario = scenarioBuilder({ now })
  .acmCertificate('us-east-1', 'shop', {
    hostnames: ['shop.example.org', 'www.shop.example.org'],
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-31T23:59:59Z',
    inUseBy: [LB],
    tags: { team: 'payments', env: 'prod' },
  })
  .acmCertificate('us-east-1', 'legacy', { keyAlgorithm: 'RSA_1024', expiresInDays: -3 })
  .acmCertificate('us-east-1', 'edge', { keyAlgorithm: 'EC_prime256v1', expiresInDays: 40 })
  .acmCertificate('us-east-1', 'big', {
    keyAlgorithm: 'RSA_4096',
    type: 'IMPORTED',
    issuedDaysAgo: 10,
    expiresInDays: 20,
  })
  .acmCertificate('us-east-1', 'internal', { type: 'PRIVATE', status: 'REVOKED', inUseBy: [LB] })
  .acmCertificate('eu-west-1', 'dublin', { hostnames: ['eu.example.org'] })
  .build();

describe('ACM on the loopback server', () => {
  let server: AwsServer;
  let acm: ACMClient;

  beforeAll(async () => {
    server = await startAwsServer({ scenario });
    acm = new ACMClient(clientConfig(server));
  });
  afterAll(async () => {
    acm.destroy();
    await server.close();
  });

  const names = (list: CertificateSummary[] | undefined) => (list ?? []).map((c) => c.DomainName);

  test('without Includes.keyTypes only RSA_1024 and RSA_2048 certificates are listed, as the Filters reference says', async () => {
    const out = await acm.send(new ListCertificatesCommand({}));
    expect(names(out.CertificateSummaryList)).toEqual([
      'shop.example.org',
      'legacy.example.com',
      'internal.example.com',
    ]);
    expect(out.NextToken).toBeUndefined();
  });

  test('Includes.keyTypes lists the other key algorithms', async () => {
    const out = await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1', 'RSA_4096'] } }));
    expect(out.CertificateSummaryList?.map((c) => [c.DomainName, c.KeyAlgorithm])).toEqual([
      ['edge.example.com', 'EC_prime256v1'],
      ['big.example.com', 'RSA_4096'],
    ]);
  });

  test('CertificateStatuses filters; a certificate past its notAfter is EXPIRED unless the scenario says otherwise', async () => {
    const expired = await acm.send(new ListCertificatesCommand({ CertificateStatuses: ['EXPIRED'] }));
    expect(names(expired.CertificateSummaryList)).toEqual(['legacy.example.com']);
    const both = await acm.send(new ListCertificatesCommand({ CertificateStatuses: ['ISSUED', 'REVOKED'] }));
    expect(names(both.CertificateSummaryList)).toEqual(['shop.example.org', 'internal.example.com']);
  });

  test('summaries carry validity, type, usage and renewal eligibility', async () => {
    const out = await acm.send(new ListCertificatesCommand({}));
    expect(out.CertificateSummaryList![0]).toEqual({
      CertificateArn: arn('shop'),
      DomainName: 'shop.example.org',
      SubjectAlternativeNameSummaries: ['shop.example.org', 'www.shop.example.org'],
      HasAdditionalSubjectAlternativeNames: false,
      Status: 'ISSUED',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'RSA_2048',
      KeyUsages: ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'],
      ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION', 'TLS_WEB_CLIENT_AUTHENTICATION'],
      InUse: true,
      Exported: false,
      RenewalEligibility: 'ELIGIBLE',
      NotBefore: new Date('2026-01-01T00:00:00Z'),
      NotAfter: new Date('2027-01-31T23:59:59Z'),
      CreatedAt: new Date('2026-01-01T00:00:00Z'),
      IssuedAt: new Date('2026-01-01T00:00:00Z'),
    });
  });

  test('MaxItems pages with NextToken; the SDK paginator walks every page', async () => {
    const first = await acm.send(new ListCertificatesCommand({ MaxItems: 2 }));
    expect(first.CertificateSummaryList).toHaveLength(2);
    expect(first.NextToken).toEqual(expect.any(String));
    const seen: string[] = [];
    const pages = paginateListCertificates(
      { client: acm, pageSize: 1 },
      { Includes: { keyTypes: ['RSA_1024', 'RSA_2048', 'RSA_4096', 'EC_prime256v1'] } },
    );
    let count = 0;
    for await (const page of pages) {
      count += 1;
      seen.push(...names(page.CertificateSummaryList).map(String));
    }
    expect(count).toBe(5);
    expect(seen).toHaveLength(5);
  });

  test.each([0, 1001])('MaxItems %d is outside 1-1000: ValidationException', async (MaxItems) => {
    await expect(acm.send(new ListCertificatesCommand({ MaxItems }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(`Value '${MaxItems}' at 'maxItems' failed to satisfy constraint`),
    });
  });

  test('a NextToken this server did not issue: InvalidArgsException', async () => {
    await expect(acm.send(new ListCertificatesCommand({ NextToken: 'bogus' }))).rejects.toMatchObject({
      name: 'InvalidArgsException',
    });
  });

  test('SortBy CREATED_AT with SortOrder; either one alone is refused', async () => {
    const out = await acm.send(
      new ListCertificatesCommand({
        Includes: { keyTypes: ['RSA_1024', 'RSA_2048', 'RSA_4096'] },
        SortBy: 'CREATED_AT',
        SortOrder: 'DESCENDING',
      }),
    );
    const created = out.CertificateSummaryList!.map((c) => (c.CreatedAt ?? c.ImportedAt)!.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    await expect(acm.send(new ListCertificatesCommand({ SortOrder: 'ASCENDING' }))).rejects.toMatchObject({
      name: 'InvalidArgsException',
    });
  });

  test('filters the server does not model are refused, not ignored', async () => {
    await expect(
      acm.send(new ListCertificatesCommand({ Includes: { keyUsage: ['DIGITAL_SIGNATURE'] } })),
    ).rejects.toMatchObject({ name: 'InvalidArgsException', message: expect.stringContaining('keyUsage') });
  });

  test('certificates are regional', async () => {
    const dublin = new ACMClient(clientConfig(server, 'eu-west-1'));
    const mumbai = new ACMClient(clientConfig(server, 'ap-south-1'));
    try {
      const out = await dublin.send(new ListCertificatesCommand({}));
      expect(out.CertificateSummaryList?.map((c) => c.CertificateArn)).toEqual([arn('dublin', 'eu-west-1')]);
      const elsewhere = await mumbai.send(new ListCertificatesCommand({}));
      expect(elsewhere.CertificateSummaryList).toEqual([]);
    } finally {
      dublin.destroy();
      mumbai.destroy();
    }
  });

  test('DescribeCertificate: names, validity, type, key, status, renewal eligibility, use, issuer, serial', async () => {
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn('shop') }));
    expect(Certificate).toMatchObject({
      CertificateArn: arn('shop'),
      DomainName: 'shop.example.org',
      SubjectAlternativeNames: ['shop.example.org', 'www.shop.example.org'],
      NotBefore: new Date('2026-01-01T00:00:00Z'),
      NotAfter: new Date('2027-01-31T23:59:59Z'),
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'RSA_2048',
      Status: 'ISSUED',
      RenewalEligibility: 'ELIGIBLE',
      InUseBy: [LB],
      Issuer: 'Amazon',
      Subject: 'CN=shop.example.org',
      DomainValidationOptions: [
        expect.objectContaining({
          DomainName: 'shop.example.org',
          ValidationMethod: 'DNS',
          ValidationStatus: 'SUCCESS',
        }),
        expect.objectContaining({ DomainName: 'www.shop.example.org' }),
      ],
    });
    expect(Certificate!.Serial).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  test('an imported certificate: ImportedAt, no CreatedAt, never eligible for managed renewal', async () => {
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn('big') }));
    expect(Certificate).toMatchObject({
      Type: 'IMPORTED',
      KeyAlgorithm: 'RSA_4096',
      RenewalEligibility: 'INELIGIBLE',
      ImportedAt: new Date('2026-11-20T06:00:00Z'),
      NotBefore: new Date('2026-11-20T06:00:00Z'),
      NotAfter: new Date('2026-12-20T06:00:00Z'),
      Issuer: 'Loopback Imported CA',
    });
    expect(Certificate!.CreatedAt).toBeUndefined();
    expect(Certificate!.DomainValidationOptions).toBeUndefined();
  });

  test('a private certificate names its CA; the default notBefore is 395 days before notAfter', async () => {
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn('internal') }));
    expect(Certificate!.CertificateAuthorityArn).toMatch(
      /^arn:aws:acm-pca:us-east-1:123456789012:certificate-authority\/[0-9a-f-]{36}$/,
    );
    expect(Certificate!.Status).toBe('REVOKED');
    const days = (Certificate!.NotAfter!.getTime() - Certificate!.NotBefore!.getTime()) / 86_400_000;
    expect(days).toBe(395);
  });

  test('DescribeCertificate errors: missing, malformed, another region, unknown', async () => {
    await expect(acm.send(new DescribeCertificateCommand({ CertificateArn: undefined }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value null at 'certificateArn'"),
    });
    await expect(
      acm.send(new DescribeCertificateCommand({ CertificateArn: 'arn:aws:s3:::not-a-certificate-arn' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('regular expression') });
    await expect(
      acm.send(new DescribeCertificateCommand({ CertificateArn: arn('dublin', 'eu-west-1') })),
    ).rejects.toMatchObject({ name: 'InvalidArnException' });
    await expect(acm.send(new DescribeCertificateCommand({ CertificateArn: arn('nothing') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('ListTagsForCertificate', async () => {
    const tagged = await acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn('shop') }));
    expect(tagged.Tags).toEqual([
      { Key: 'team', Value: 'payments' },
      { Key: 'env', Value: 'prod' },
    ]);
    const untagged = await acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn('legacy') }));
    expect(untagged.Tags).toEqual([]);
    await expect(acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn('nothing') }))).rejects.toMatchObject(
      { name: 'ResourceNotFoundException' },
    );
  });

  test('the request log records ACM calls by service, action and region', async () => {
    server.reset();
    await acm.send(new ListCertificatesCommand({}));
    await acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn('shop') }));
    expect(server.countBy('serviceAction')).toEqual({ 'acm:ListCertificates': 1, 'acm:ListTagsForCertificate': 1 });
    expect(server.requests[1]).toMatchObject({ region: 'us-east-1', accountId: ACCOUNT, status: 200 });
  });
});

describe('ACM with several accounts', () => {
  test('an assumed role sees the role account’s certificates; the caller’s own key sees its own', async () => {
    const member = '222222222222';
    const organization = twoAccountOrganization(
      ACCOUNT,
      member,
      scenarioBuilder({ now }).account(member).acmCertificate('us-east-1', 'member-api').build(),
    );
    const server = await startAwsServer({ scenario, organization });
    try {
      const { credentials } = await assumeRole(server, memberRoleArn(member));
      const asMember = new ACMClient({ ...clientConfig(server), credentials });
      const theirs = await asMember.send(new ListCertificatesCommand({}));
      expect(theirs.CertificateSummaryList?.map((c) => c.CertificateArn)).toEqual([
        acmCertificateArn('us-east-1', member, 'member-api'),
      ]);
      asMember.destroy();
      const ours = await new ACMClient(clientConfig(server)).send(new ListCertificatesCommand({}));
      expect(ours.CertificateSummaryList).toHaveLength(3);
      expect(server.requestsWhere({ service: 'acm' }).map((r) => r.accountId)).toEqual([member, ACCOUNT]);
    } finally {
      await server.close();
    }
  });
});
