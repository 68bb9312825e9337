import { parseCertificateBody } from '../../../lambda/domain/certificate-details';
import { addCertificateKnowledge, type BodyOutcome } from '../../../lambda/domain/certificate-knowledge';
import {
  chosenRenewal,
  findRenewal,
  nameStem,
  placesInRollout,
  renewalCandidates,
  type KnownCandidate,
} from '../../../lambda/domain/renewal';
import type { CandidateFacts } from '../../../lambda/domain/renewal-qualification';
import type {
  CertificateDetails,
  CertificateUsage,
  ChosenRenewal,
  ObservedCertificateUse,
  Report,
  ServerCertificate,
} from '../../../lambda/domain/types';
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
  kind: 'listener',
  type: 'application',
  region,
  name: name,
  arn: `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/${name}/1`,
  listenerArn: `arn:aws:elasticloadbalancing:${region}:123456789012:listener/app/${name}/1/${port}`,
  protocol: 'HTTPS',
  port,
  role,
});
const facts = (hostnames: string[], notAfter: Date, overrides: Partial<CandidateFacts> = {}): CandidateFacts => ({
  hostnames,
  notBefore: inDays(-10),
  notAfter,
  key: { type: 'EC', curve: 'P-256' },
  selfSigned: false,
  ...overrides,
});
const known = (
  certificate: ServerCertificate,
  hostnames: string[],
  usages: CertificateUsage[] = [],
  overrides: Partial<CandidateFacts> = {},
  renews?: string,
): KnownCandidate => ({
  certificate,
  hostnames,
  usages,
  facts: facts(hostnames, certificate.expiration ?? inDays(1000), overrides),
  ...(renews ? { renews } : {}),
});

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

/** The old certificate's body, as far as the rules read it. */
const oldDetails = (overrides: Partial<CertificateDetails>): CertificateDetails => ({
  dnsNames: ['api.example.com'],
  issuer: 'Example CA',
  selfSigned: false,
  key: { type: 'EC', curve: 'P-256' },
  serialNumber: '01',
  fingerprintSha256: 'AA',
  notBefore: inDays(-300),
  notAfter: inDays(2),
  ...overrides,
});

describe('findRenewal', () => {
  const old = { certificate: cert('api-2026', 2), usages: [alb('eu-west-1', 'api-eu')] };
  const find = (
    candidates: KnownCandidate[],
    finding: Parameters<typeof findRenewal>[0] = old,
    names = ['api.example.com'],
  ) => findRenewal(finding, names, candidates, 0, NOW);
  /** The renewal taken; fails the test when none was. */
  const taken = (...args: Parameters<typeof find>): ChosenRenewal => {
    const r = find(...args);
    const chosen = chosenRenewal(r);
    if (!chosen) throw new Error(`no renewal taken: ${r.state}`);
    return chosen;
  };

  it('none: no later certificate covers every name, and says which name is missing', () => {
    const r = findRenewal(
      old,
      ['api.example.com', 'api2.example.com'],
      [known(cert('api-2027', 300), ['api.example.com'])],
      0,
      NOW,
    );
    expect(r).toMatchObject({ state: 'none', remaining: old.usages });
    expect(chosenRenewal(r)).toBeUndefined();
    expect(r.rejected).toEqual([{ name: 'api-2027', reason: 'does not cover api2.example.com' }]);
  });

  it('rejects a certificate that expires no later than the old one', () => {
    const r = find([known(cert('api-older', 1), ['api.example.com'])]);
    expect(r.state).toBe('none');
    expect(r.rejected?.[0].reason).toMatch(/^expires 2026-03-15, not later than the old one \(2026-03-16\)$/);
  });

  it('rejects a certificate that is not valid yet, with the date', () => {
    const r = find([
      known(cert('shop-2029', 900), ['api.example.com'], [], { notBefore: new Date('2026-12-05T00:00:00Z') }),
    ]);
    expect(r.state).toBe('none');
    expect(r.rejected).toEqual([{ name: 'shop-2029', reason: 'not valid until 2026-12-05' }]);
  });

  it('rejects a chain that is not valid now', () => {
    const late = { subject: 'New CA', notBefore: inDays(3) };
    const gone = { subject: 'Old CA', notAfter: inDays(-1) };
    expect(find([known(cert('a', 300), ['api.example.com'], [], { chainStart: late })]).rejected?.[0].reason).toBe(
      'its chain certificate New CA is not valid until 2026-03-17',
    );
    expect(find([known(cert('a', 300), ['api.example.com'], [], { chainExpiry: gone })]).rejected?.[0].reason).toBe(
      'its chain certificate Old CA expired 2026-03-13',
    );
  });

  it('rejects a weaker key, comparing RSA with EC by security level', () => {
    const ec256 = { ...old, details: oldDetails({}) };
    const rsa2048 = known(cert('rsa', 300), ['api.example.com'], [], { key: { type: 'RSA', bits: 2048 } });
    expect(find([rsa2048], ec256).rejected?.[0].reason).toBe("key RSA 2048 is weaker than the old one's (EC P-256)");
    const rsa3072 = known(cert('rsa3072', 300), ['api.example.com'], [], { key: { type: 'RSA', bits: 3072 } });
    expect(find([rsa3072], ec256).state).toBe('uploaded');
  });

  it('rejects a self-signed certificate unless the old one was self-signed', () => {
    const selfSigned = known(cert('self', 300), ['api.example.com'], [], { selfSigned: true });
    expect(find([selfSigned]).rejected?.[0].reason).toBe('self-signed, and the old one is not');
    const oldSelf = { ...old, details: oldDetails({ selfSigned: true }) };
    expect(find([selfSigned], oldSelf).state).toBe('uploaded');
  });

  it('uploaded: the renewal serves none of the old places yet', () => {
    const r = find([known(cert('api-2027', 300), ['*.example.com'])]);
    expect(r).toMatchObject({
      state: 'uploaded',
      certificate: { name: 'api-2027' },
      remaining: old.usages,
      alreadyServing: [],
    });
  });

  it('a renewal serving other listeners only is not "already serving": those places are served elsewhere', () => {
    const unrelated = [alb('us-east-1', 'api-us'), alb('us-east-1', 'api-us', 8443)];
    const r = taken([known(cert('wildcard', 300), ['*.example.com'], unrelated)]);
    expect(r.state).toBe('uploaded');
    expect(r.alreadyServing).toEqual([]);
    expect(r.servedElsewhere).toEqual(unrelated);
    expect(placesInRollout(r)).toBe(1);
  });

  it('partly rolled out: counts only the places of the old certificate that serve the renewal too', () => {
    const sni = alb('eu-west-1', 'api-eu', 443, 'sni');
    const other = alb('eu-west-1', 'api-eu2');
    const finding = { ...old, usages: [sni, alb('us-east-1', 'api-us')] };
    const r = taken([known(cert('api-2027', 300), ['api.example.com'], [sni, other])], finding);
    expect(r.state).toBe('partly-rolled-out');
    expect(r.alreadyServing).toEqual([sni]);
    expect(r.servedElsewhere).toEqual([other]);
    expect(placesInRollout(r)).toBe(2);
  });

  it('rolled out: the expiring certificate serves nothing', () => {
    const r = taken([known(cert('api-2027', 300), ['api.example.com'], [alb('us-east-1', 'a')])], {
      ...old,
      usages: [],
    });
    expect(r.state).toBe('rolled-out');
    expect(r.servedElsewhere).toBeUndefined();
  });

  it('ambiguous: several qualify and none serves the old places: all named, none taken', () => {
    const r = find([
      known(cert('api-2027', 300), ['api.example.com']),
      known(cert('wildcard', 500), ['*.example.com']),
      known(cert('early', 1), ['api.example.com']),
    ]);
    expect(r).toMatchObject({ state: 'ambiguous', alsoQualifying: ['api-2027', 'wildcard'] });
    expect(chosenRenewal(r)).toBeUndefined();
    expect(r.rejected?.map((x) => x.name)).toEqual(['early']);
  });

  it('the renews tag decides between several that qualify', () => {
    const r = taken([
      known(cert('api-2027', 300), ['api.example.com']),
      known(cert('wildcard', 500), ['*.example.com'], [], {}, 'api-2026'),
      known(cert('other', 400), ['*.example.com'], [], {}, 'something-else'),
    ]);
    expect(r).toMatchObject({ state: 'uploaded', certificate: { name: 'wildcard' }, chosenBy: 'tag' });
    expect(r.alsoQualifying).toEqual(['api-2027', 'other']);
  });

  it('a tag never makes a candidate qualify', () => {
    const r = find([known(cert('tagged', 300), ['api.example.com'], [], { selfSigned: true }, 'api-2026')]);
    expect(r.state).toBe('none');
  });

  it('of several that qualify, the one already serving a place of the old one is taken', () => {
    const r = find([
      known(cert('api-2027', 300), ['api.example.com'], [alb('eu-west-1', 'api-eu')]),
      known(cert('wildcard', 500), ['*.example.com'], [alb('us-east-1', 'x')]),
    ]);
    expect(r).toMatchObject({ state: 'partly-rolled-out', certificate: { name: 'api-2027' }, chosenBy: 'serving' });
  });

  it("uses the body's expiry when IAM lists none", () => {
    const details = oldDetails({ notAfter: inDays(20) });
    const unknown = { certificate: cert('mystery'), usages: [], details };
    expect(find([known(cert('m-new', 10), ['m.example.com'])], unknown, ['m.example.com']).state).toBe('none');
    expect(find([known(cert('m-new', 30), ['m.example.com'])], unknown, ['m.example.com']).state).toBe('rolled-out');
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
    // A listener the old certificate is not on does not count as rollout progress.
    expect(shop.renewal).toMatchObject({
      state: 'uploaded',
      certificate: { name: 'shop-2027' },
      hostnames: ['shop.example.com', 'www.shop.example.com'],
      alreadyServing: [],
      servedElsewhere: [alb('us-east-1', 'shop-us')],
      remaining: [alb('eu-west-1', 'shop-eu')],
      unchecked: 2, // one body failed, one left out by the cap
    });
    expect(broken).toMatchObject({ certificateProblems: ['the body of broken could not be parsed: nope'] });
    expect(broken.renewal).toBeUndefined();
    expect(unread).toEqual(report().findings[2]);
    expect(out.findings).toHaveLength(3);
  });
});
