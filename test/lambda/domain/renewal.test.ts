import { parseCertificateBody } from '../../../lambda/domain/certificate-details';
import { addCertificateKnowledge, type BodyOutcome } from '../../../lambda/domain/certificate-knowledge';
import {
  findRenewal,
  nameStem,
  placesInRollout,
  renewalCandidates,
  type KnownCandidate,
} from '../../../lambda/domain/renewal';
import type { CertificateUsage, ObservedCertificateUse, Report, ServerCertificate } from '../../../lambda/domain/types';
import { serverCertificatePems } from '../../../local-aws/estate/certificate-factory';

const NOW = new Date('2026-03-14T06:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY);
const cert = (name: string, days?: number): ServerCertificate => ({
  name,
  id: `ASCA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
  arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  path: '/',
  ...(days === undefined ? {} : { expiration: inDays(days) }),
});
const alb = (region: string, name: string, port = 443, role: 'default' | 'sni' = 'default'): CertificateUsage => ({
  loadBalancerType: 'application',
  region,
  loadBalancerName: name,
  loadBalancerArn: `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/${name}/1`,
  listenerArn: `arn:aws:elasticloadbalancing:${region}:123456789012:listener/app/${name}/1/${port}`,
  protocol: 'HTTPS',
  port,
  role,
});
const known = (
  certificate: ServerCertificate,
  hostnames: string[],
  usages: CertificateUsage[] = [],
): KnownCandidate => ({ certificate, hostnames, usages });

describe('renewalCandidates', () => {
  const flagged = [cert('payments-2026', 3), cert('api', 5)];
  const all = [
    ...flagged,
    cert('zzz-other', 400),
    cert('payments-2027', 300),
    cert('older', 2),
    cert('unknown-expiry'),
    cert('mid', 100),
  ];

  it('keeps unflagged certificates that expire later than a flagged one, a shared name stem first, then the latest', () => {
    const { toRead, notRead } = renewalCandidates(all, flagged);
    expect(toRead.map((c) => c.name)).toEqual(['payments-2027', 'zzz-other', 'mid']);
    expect(notRead).toEqual([]);
  });

  it('caps the reads per run and returns the rest as not read', () => {
    const { toRead, notRead } = renewalCandidates(all, flagged, 2);
    expect(toRead.map((c) => c.name)).toEqual(['payments-2027', 'zzz-other']);
    expect(notRead.map((c) => c.name)).toEqual(['mid']);
  });

  it('nameStem drops trailing years and dates', () => {
    expect(['payments-2026', 'payments_20270301', 'Payments.2027-v2', 'payments'].map(nameStem)).toEqual([
      'payments',
      'payments',
      'payments',
      'payments',
    ]);
  });
});

describe('findRenewal', () => {
  const old = { certificate: cert('api-2026', 2), usages: [alb('eu-west-1', 'api-eu')] };

  it('none: no later certificate covers every name', () => {
    const r = findRenewal(
      old,
      ['api.example.com', 'api2.example.com'],
      [known(cert('api-2027', 300), ['api.example.com'])],
      0,
    );
    expect(r).toMatchObject({ state: 'none', remaining: old.usages, alreadyServing: [] });
    expect(r.certificate).toBeUndefined();
  });

  it('ignores a certificate that expires earlier, even when its names match', () => {
    expect(findRenewal(old, ['api.example.com'], [known(cert('api-older', 1), ['api.example.com'])], 0).state).toBe(
      'none',
    );
  });

  it('uploaded: the renewal serves nothing yet', () => {
    const r = findRenewal(old, ['api.example.com'], [known(cert('api-2027', 300), ['*.example.com'])], 0);
    expect(r).toMatchObject({
      state: 'uploaded',
      certificate: { name: 'api-2027' },
      remaining: old.usages,
      alreadyServing: [],
    });
  });

  it('partly rolled out across regions, counting places', () => {
    const serving = [alb('us-east-1', 'api-us'), alb('us-east-1', 'api-us', 8443)];
    const r = findRenewal(old, ['api.example.com'], [known(cert('api-2027', 300), ['api.example.com'], serving)], 0);
    expect(r.state).toBe('partly-rolled-out');
    expect(placesInRollout(r)).toBe(3);
    expect(r.alreadyServing).toEqual(serving);
  });

  it('counts a listener that holds both (an SNI swap half done) once', () => {
    const sni = alb('eu-west-1', 'api-eu', 443, 'sni');
    const r = findRenewal(
      { ...old, usages: [sni] },
      ['api.example.com'],
      [known(cert('api-2027', 300), ['api.example.com'], [sni])],
      0,
    );
    expect(placesInRollout(r)).toBe(1);
  });

  it('rolled out: the expiring certificate serves nothing', () => {
    const r = findRenewal(
      { ...old, usages: [] },
      ['api.example.com'],
      [known(cert('api-2027', 300), ['api.example.com'], [alb('us-east-1', 'a')])],
      0,
    );
    expect(r.state).toBe('rolled-out');
  });

  it('of several that qualify, takes the one that expires last and names the others', () => {
    const r = findRenewal(
      old,
      ['api.example.com'],
      [
        known(cert('api-2027', 300), ['api.example.com']),
        known(cert('wildcard', 500), ['*.example.com']),
        known(cert('api-staging', 200), ['api.example.com', 'staging.example.com']),
      ],
      0,
    );
    expect(r.certificate?.name).toBe('wildcard');
    expect(r.alsoQualifying).toEqual(['api-2027', 'api-staging']);
  });

  it('uses the body expiry when IAM lists none', () => {
    const unknown = { certificate: cert('mystery'), usages: [] };
    expect(
      findRenewal(unknown, ['m.example.com'], [known(cert('m-new', 10), ['m.example.com'])], 0, inDays(20)).state,
    ).toBe('none');
    expect(
      findRenewal(unknown, ['m.example.com'], [known(cert('m-new', 30), ['m.example.com'])], 0, inDays(20)).state,
    ).toBe('rolled-out');
  });
});

describe('addCertificateKnowledge', () => {
  const parsed = (hostnames: string[], days: number): BodyOutcome => ({
    parsed: parseCertificateBody(
      serverCertificatePems({ hostnames, notBefore: inDays(days - 365), notAfter: inDays(days) }).body,
    ),
  });
  const oldCert = cert('shop-2026', 2);
  const report = (): Report => ({
    accountId: '123456789012',
    generatedAt: NOW,
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: 4,
    findings: [
      {
        certificate: oldCert,
        severity: 'critical',
        daysLeft: 2,
        thresholdDays: 7,
        usages: [alb('eu-west-1', 'shop-eu')],
      },
      { certificate: cert('broken', 1), severity: 'critical', daysLeft: 1, thresholdDays: 7, usages: [] },
      { certificate: cert('unread', 1), severity: 'critical', daysLeft: 1, thresholdDays: 7, usages: [] },
    ],
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: ['eu-west-1', 'us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
  });
  const renewal = cert('shop-2027', 300);
  const use = (c: ServerCertificate, u: CertificateUsage): ObservedCertificateUse => ({ ...u, certificateRef: c.arn });

  it('gives each finding its hostnames, details and renewal; a failed body becomes a named problem, never a lost finding', () => {
    const bodies = new Map<string, BodyOutcome>([
      [oldCert.arn, parsed(['shop.example.com'], 2)],
      [cert('broken').arn, { problem: 'the body of broken could not be parsed: nope' }],
      [renewal.arn, parsed(['shop.example.com', 'www.shop.example.com'], 300)],
      [cert('failed-candidate').arn, { problem: 'could not read the body of failed-candidate: AccessDenied' }],
    ]);
    const out = addCertificateKnowledge(
      report(),
      { bodies, candidates: [renewal, cert('failed-candidate', 200)], notRead: [cert('capped', 100)] },
      [use(renewal, alb('us-east-1', 'shop-us'))],
    );
    const [shop, broken, unread] = out.findings;
    expect(shop.hostnames).toEqual(['shop.example.com']);
    expect(shop.details?.notAfter).toEqual(inDays(2));
    expect(shop.renewal).toMatchObject({
      state: 'partly-rolled-out',
      certificate: { name: 'shop-2027' },
      hostnames: ['shop.example.com', 'www.shop.example.com'],
      alreadyServing: [alb('us-east-1', 'shop-us')],
      remaining: [alb('eu-west-1', 'shop-eu')],
      unchecked: 2, // one body failed, one left out by the cap
    });
    expect(broken).toMatchObject({ certificateProblems: ['the body of broken could not be parsed: nope'] });
    expect(broken.renewal).toBeUndefined();
    expect(unread).toEqual(report().findings[2]);
    expect(out.findings).toHaveLength(3);
  });
});
