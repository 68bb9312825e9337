import { addCertificateKnowledge } from '../../../lambda/domain/certificate-knowledge';
import { effectiveExpiry } from '../../../lambda/domain/effective-expiry';
import type {
  CertificateDetails,
  ExpirySeverity,
  Finding,
  Report,
  ServerCertificate,
} from '../../../lambda/domain/types';
import { certificateWarnings } from '../../../lambda/render/certificate-text';

const NOW = new Date('2026-03-14T06:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY);
const cert = (expiration?: Date): ServerCertificate => ({
  name: 'shop',
  id: 'ASCASHOP',
  arn: 'arn:aws:iam::123456789012:server-certificate/shop',
  path: '/',
  ...(expiration ? { expiration } : {}),
});
const details = (notAfter: Date, chainNotAfter?: Date): CertificateDetails => ({
  commonName: 'shop.example.com',
  dnsNames: ['shop.example.com'],
  issuer: 'Example CA',
  selfSigned: false,
  key: { type: 'EC', curve: 'P-256' },
  serialNumber: '01',
  fingerprintSha256: 'AA',
  notBefore: inDays(-300),
  notAfter,
  ...(chainNotAfter ? { chainExpiry: { subject: 'Example Intermediate', notAfter: chainNotAfter } } : {}),
});

describe('effectiveExpiry', () => {
  it("follows IAM's listing when the chain does not expire first", () => {
    expect(effectiveExpiry(cert(inDays(5)), details(inDays(5), inDays(400)))).toEqual({ at: inDays(5) });
    expect(effectiveExpiry(cert(inDays(5)))).toEqual({ at: inDays(5) });
  });

  it("uses the body's notAfter when IAM lists none, or an invalid date, and says so", () => {
    const fromBody = { at: inDays(3), evidence: { source: 'body', notAfter: inDays(3) } };
    expect(effectiveExpiry(cert(), details(inDays(3)))).toEqual(fromBody);
    expect(effectiveExpiry(cert(new Date('nope')), details(inDays(3)))).toEqual(fromBody);
    expect(effectiveExpiry(cert())).toBeUndefined();
  });

  it('takes a chain certificate that expires before the leaf, naming it', () => {
    expect(effectiveExpiry(cert(inDays(20)), details(inDays(20), inDays(4)))).toEqual({
      at: inDays(4),
      evidence: { source: 'chain', notAfter: inDays(4), subject: 'Example Intermediate' },
    });
  });
});

describe('addCertificateKnowledge reclassifies by the effective expiry', () => {
  const finding = (certificate: ServerCertificate, severity: ExpirySeverity, daysLeft?: number): Finding => ({
    certificate,
    severity,
    ...(daysLeft === undefined ? {} : { daysLeft }),
    thresholdDays: 7,
    usages: [],
  });
  const report = (findings: Finding[]): Report => ({
    accountId: '123456789012',
    generatedAt: NOW,
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: findings.length,
    findings,
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
  });
  const knowledge = (d: CertificateDetails) => ({
    bodies: new Map([[cert().arn, { parsed: { details: d, problems: [] } }]]),
    candidates: [],
    notRead: [],
  });

  it('a chain that expires first drives severity and days left, and the text names it', () => {
    const out = addCertificateKnowledge(
      report([finding(cert(inDays(20)), 'warning', 20)]),
      knowledge(details(inDays(20), inDays(4))),
      [],
    );
    expect(out.findings[0]).toMatchObject({ severity: 'critical', daysLeft: 4, expiryEvidence: { source: 'chain' } });
    expect(certificateWarnings(out.findings[0])[0]).toMatch(
      /^Its chain expires first: Example Intermediate expires 2026-03-18, .*The severity and days left count to that day\.$/,
    );
  });

  it("an unknown expiry becomes the body's, said to come from the body", () => {
    const out = addCertificateKnowledge(report([finding(cert(), 'unknown')]), knowledge(details(inDays(-2))), []);
    expect(out.findings[0]).toMatchObject({ severity: 'expired', daysLeft: -2, expiryEvidence: { source: 'body' } });
    expect(certificateWarnings(out.findings[0])).toContain(
      "IAM lists no expiry date for it; the date used, 2026-03-12, is the certificate body's notAfter.",
    );
  });

  it('an unused certificate stays unused: the date its body gives changes only the tier its wording uses', () => {
    const idle: Finding = { ...finding(cert(), 'unknown'), severity: 'unused', expirySeverity: 'unknown' };
    const out = addCertificateKnowledge(report([idle]), knowledge(details(inDays(-2))), []);
    expect(out.findings[0]).toMatchObject({
      severity: 'unused',
      expirySeverity: 'expired',
      daysLeft: -2,
      expiryEvidence: { source: 'body' },
    });
  });

  it('drops an unknown-expiry finding whose body puts it outside every window', () => {
    const out = addCertificateKnowledge(report([finding(cert(), 'unknown')]), knowledge(details(inDays(200))), []);
    expect(out.findings).toEqual([]);
  });
});
