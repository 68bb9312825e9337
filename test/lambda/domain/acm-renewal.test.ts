import {
  acmFacts,
  acmKey,
  acmRegionOf,
  findAcmRenewals,
  type AcmCandidate,
  type AcmRegionRead,
} from '../../../lambda/domain/acm-renewal';
import type { CertificateUsage, Finding } from '../../../lambda/domain/types';

const NOW = new Date('2026-03-14T06:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY);
const usage = (region: string): CertificateUsage => ({
  kind: 'listener',
  type: 'application',
  region,
  name: `lb-${region}`,
  protocol: 'HTTPS',
  port: 443,
  role: 'default',
});
const distribution: CertificateUsage = { kind: 'distribution', id: 'E123', aliases: [] };
const finding = (usages: CertificateUsage[]): Pick<Finding, 'certificate' | 'usages' | 'details'> => ({
  certificate: {
    name: 'shop-2026',
    id: 'ASCA1',
    arn: 'arn:aws:iam::123456789012:server-certificate/shop-2026',
    path: '/',
    expiration: inDays(3),
  },
  usages,
  details: {
    dnsNames: ['shop.example.com'],
    issuer: 'CA',
    selfSigned: false,
    key: { type: 'RSA', bits: 2048 },
    serialNumber: '01',
    fingerprintSha256: 'AA',
    notBefore: inDays(-300),
    notAfter: inDays(3),
  },
});
const acm = (region: string, name: string, overrides: Partial<AcmCandidate> = {}): AcmCandidate => ({
  arn: `arn:aws:acm:${region}:123456789012:certificate/${name}`,
  region,
  domainName: 'shop.example.com',
  hostnames: ['shop.example.com'],
  status: 'ISSUED',
  type: 'AMAZON_ISSUED',
  renewalEligibility: 'ELIGIBLE',
  keyAlgorithm: 'RSA_2048',
  notBefore: inDays(-1),
  notAfter: inDays(390),
  ...overrides,
});
const find = (usages: CertificateUsage[], reads: AcmRegionRead[]) =>
  findAcmRenewals(finding(usages), ['shop.example.com'], reads, NOW);

describe('acmRegionOf', () => {
  it('is the usage region, or us-east-1 for CloudFront', () => {
    expect(acmRegionOf(usage('eu-west-1'))).toBe('eu-west-1');
    expect(acmRegionOf(distribution)).toBe('us-east-1');
  });
});

describe('acmKey and acmFacts', () => {
  it('maps ACM key algorithms to keys the strength rule reads', () => {
    expect(acmKey('RSA_3072')).toEqual({ type: 'RSA', bits: 3072 });
    expect(acmKey('EC_secp384r1')).toEqual({ type: 'EC', curve: 'P-384' });
    expect(acmKey(undefined)).toEqual({ type: 'unknown' });
  });

  it('an imported certificate whose issuer is its own CN counts as self-signed; ACM-issued ones never', () => {
    const imported = acm('eu-west-1', 'x', {
      type: 'IMPORTED',
      subject: 'CN=shop.example.com',
      issuer: 'shop.example.com',
    });
    expect(acmFacts(imported).selfSigned).toBe(true);
    expect(
      acmFacts(acm('eu-west-1', 'y', { subject: 'CN=shop.example.com', issuer: 'shop.example.com' })).selfSigned,
    ).toBe(false);
  });
});

describe('findAcmRenewals: the same rules as IAM, region by region', () => {
  const eu = [usage('eu-west-1')];

  it('found in one region, none in another; a certificate of another region never counts', () => {
    const r = find(
      [usage('eu-west-1'), usage('us-west-2')],
      [
        { region: 'eu-west-1', candidates: [acm('eu-west-1', 'a')] },
        { region: 'us-west-2', candidates: [acm('ap-south-1', 'elsewhere')] },
      ],
    );
    expect(r.map((x) => [x.region, x.state])).toEqual([
      ['eu-west-1', 'found'],
      ['us-west-2', 'none'],
    ]);
    expect(r[0]).toMatchObject({ certificate: { type: 'AMAZON_ISSUED', renewalEligibility: 'ELIGIBLE' } });
  });

  it.each([
    ['not ISSUED', { status: 'PENDING_VALIDATION' }, 'status PENDING_VALIDATION, not ISSUED'],
    ['not valid yet', { notBefore: inDays(10) }, 'not valid until 2026-03-24'],
    ['expiring no later', { notAfter: inDays(2) }, 'expires 2026-03-16, not later than the old one (2026-03-17)'],
    ['a weaker key', { keyAlgorithm: 'RSA_1024' }, "key RSA 1024 is weaker than the old one's (RSA 2048)"],
  ])('rejects a candidate %s', (_label, overrides, reason) => {
    const [r] = find(eu, [
      { region: 'eu-west-1', candidates: [acm('eu-west-1', 'c', overrides as Partial<AcmCandidate>)] },
    ]);
    expect(r).toMatchObject({ state: 'none', rejected: [{ reason }] });
  });

  it('rejects one that does not cover every name, and ignores one that covers none', () => {
    const reads: AcmRegionRead[] = [
      {
        region: 'eu-west-1',
        candidates: [acm('eu-west-1', 'other', { hostnames: ['blog.example.com'] })],
      },
    ];
    const r = findAcmRenewals(finding(eu), ['shop.example.com', 'www.shop.example.com'], reads, NOW);
    expect(r[0]).toEqual({ region: 'eu-west-1', state: 'none' });
  });

  it('several that qualify: ambiguous unless a renews tag names the old certificate', () => {
    const two = [acm('eu-west-1', 'a'), acm('eu-west-1', 'b')];
    expect(find(eu, [{ region: 'eu-west-1', candidates: two }])[0]).toMatchObject({ state: 'ambiguous' });
    const tagged = [acm('eu-west-1', 'a'), acm('eu-west-1', 'b', { renews: 'shop-2026' })];
    expect(find(eu, [{ region: 'eu-west-1', candidates: tagged }])[0]).toMatchObject({
      state: 'found',
      certificate: { arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/b' },
      alsoQualifying: ['arn:aws:acm:eu-west-1:123456789012:certificate/a'],
    });
  });

  it('a region ACM could not be read is unknown, with the reason', () => {
    expect(find(eu, [{ region: 'eu-west-1', problem: 'could not read ACM in eu-west-1: AccessDenied' }])[0]).toEqual({
      region: 'eu-west-1',
      state: 'unknown',
      problem: 'could not read ACM in eu-west-1: AccessDenied',
    });
  });
});
