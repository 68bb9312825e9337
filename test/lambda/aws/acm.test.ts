import {
  ACMClient,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
} from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ALL_ACM_KEY_TYPES,
  describeAcmCertificate,
  listAcmCertificateTags,
  listIssuedAcmCertificates,
} from '../../../lambda/aws/acm';

const acm = mockClient(ACMClient);
const client = new ACMClient({ region: 'eu-west-1' });
const arn = (n: number) => `arn:aws:acm:eu-west-1:123456789012:certificate/0000000${n}-0000-4000-8000-000000000000`;

beforeEach(() => acm.reset());

describe('listIssuedAcmCertificates', () => {
  it('asks for ISSUED certificates of every key type, walks every page, and keeps the listed names', async () => {
    acm
      .on(ListCertificatesCommand)
      .resolvesOnce({
        CertificateSummaryList: [
          {
            CertificateArn: arn(1),
            DomainName: 'shop.example.com',
            SubjectAlternativeNameSummaries: ['shop.example.com'],
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        CertificateSummaryList: [
          { CertificateArn: arn(2), DomainName: '*.example.com', HasAdditionalSubjectAlternativeNames: true },
          { DomainName: 'no-arn.example.com' },
        ],
      });
    const summaries = await listIssuedAcmCertificates(client);
    expect(summaries).toEqual([
      { arn: arn(1), domainName: 'shop.example.com', subjectAlternativeNames: ['shop.example.com'], moreNames: false },
      { arn: arn(2), domainName: '*.example.com', subjectAlternativeNames: [], moreNames: true },
    ]);
    const calls = acm.commandCalls(ListCertificatesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input).toMatchObject({
      CertificateStatuses: ['ISSUED'],
      Includes: { keyTypes: ALL_ACM_KEY_TYPES },
      MaxItems: 1000,
    });
    expect(calls[1].args[0].input.NextToken).toBe('page-2');
    // API_Filters: without keyTypes only RSA_1024 and RSA_2048 come back.
    expect([...ALL_ACM_KEY_TYPES].sort()).toEqual(
      ['EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1', 'RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096'].sort(),
    );
  });

  it('lets a denied listing fail (the caller names the gap)', async () => {
    acm.on(ListCertificatesCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    await expect(listIssuedAcmCertificates(client)).rejects.toThrow('not allowed');
  });
});

describe('describeAcmCertificate', () => {
  it('keeps what the renewal rules and the alert need', async () => {
    acm.on(DescribeCertificateCommand, { CertificateArn: arn(1) }).resolves({
      Certificate: {
        CertificateArn: arn(1),
        DomainName: 'shop.example.com',
        SubjectAlternativeNames: ['shop.example.com', 'www.shop.example.com'],
        Status: 'ISSUED',
        Type: 'AMAZON_ISSUED',
        KeyAlgorithm: 'EC_prime256v1',
        NotBefore: new Date('2026-01-01T00:00:00Z'),
        NotAfter: new Date('2027-02-01T00:00:00Z'),
        RenewalEligibility: 'ELIGIBLE',
        Subject: 'CN=shop.example.com',
        Issuer: 'Amazon',
      },
    });
    expect(await describeAcmCertificate(client, arn(1))).toEqual({
      arn: arn(1),
      domainName: 'shop.example.com',
      subjectAlternativeNames: ['shop.example.com', 'www.shop.example.com'],
      status: 'ISSUED',
      type: 'AMAZON_ISSUED',
      keyAlgorithm: 'EC_prime256v1',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-02-01T00:00:00Z'),
      renewalEligibility: 'ELIGIBLE',
      subject: 'CN=shop.example.com',
      issuer: 'Amazon',
    });
  });
});

test('listAcmCertificateTags reads the tags as a record', async () => {
  acm
    .on(ListTagsForCertificateCommand)
    .resolves({ Tags: [{ Key: 'cert-expiry-monitor:renews', Value: 'shop-2026' }, { Key: 'empty' }] });
  expect(await listAcmCertificateTags(client, arn(1))).toEqual({
    'cert-expiry-monitor:renews': 'shop-2026',
    empty: '',
  });
});
