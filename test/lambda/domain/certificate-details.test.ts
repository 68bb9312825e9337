/**
 * Real certificates, made at test time by local-aws/estate/certificate-factory.ts (RFC 5280 structures from
 * @peculiar/asn1-x509, signed with node:crypto), parsed by node:crypto's X509Certificate.
 */
import { X509Certificate } from 'node:crypto';
import {
  bodyExpiryMismatch,
  chainExpiringFirst,
  dnsNamesOf,
  hostnamesOf,
  parseCertificateBody,
  splitPemChain,
} from '../../../lambda/domain/certificate-details';
import { issueCertificate, serverCertificatePems } from '../../../local-aws/estate/certificate-factory';

const DAY = 86_400_000;
const now = new Date();
const inDays = (days: number) => new Date(Math.floor((now.getTime() + days * DAY) / 1000) * 1000);

describe('parseCertificateBody', () => {
  it('reads names, issuer, key, serial, fingerprint and validity of a chained certificate', () => {
    const pems = serverCertificatePems({
      hostnames: ['Shop.Example.com', 'www.shop.example.com'],
      notBefore: inDays(-300),
      notAfter: inDays(5),
    });
    const { details, problems } = parseCertificateBody(pems.body, pems.chain);
    expect(problems).toEqual([]);
    expect(details).toMatchObject({
      commonName: 'Shop.Example.com',
      dnsNames: ['shop.example.com', 'www.shop.example.com'],
      issuer: 'Loopback Test Intermediate CA',
      selfSigned: false,
      key: { type: 'EC', curve: 'P-256' },
      notBefore: inDays(-300),
      notAfter: inDays(5),
    });
    const x509 = new X509Certificate(pems.body);
    expect(details.serialNumber).toBe(x509.serialNumber);
    expect(details.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(details.fingerprintSha256).toBe(x509.fingerprint256);
    // The intermediate's default expiry (2049-12-31) is after the leaf's, so nothing to say.
    expect(details.chainExpiry?.subject).toBe('Loopback Test Intermediate CA');
    expect(chainExpiringFirst(details)).toBeUndefined();
  });

  it('finds an intermediate that expires before the certificate, with its date', () => {
    const pems = serverCertificatePems({
      hostnames: ['*.example.com'],
      notBefore: inDays(-30),
      notAfter: inDays(20),
      intermediateNotAfter: inDays(12),
    });
    const { details } = parseCertificateBody(pems.body, pems.chain);
    expect(details.dnsNames).toEqual(['*.example.com']);
    expect(splitPemChain(pems.chain)).toHaveLength(2);
    expect(chainExpiringFirst(details)).toEqual({ subject: 'Loopback Test Intermediate CA', notAfter: inDays(12) });
  });

  it('says a self-signed RSA certificate is self-signed, with its key size and no chain', () => {
    const pems = serverCertificatePems({
      hostnames: ['intranet.example.com'],
      notBefore: inDays(-1),
      notAfter: inDays(1),
      key: { type: 'rsa', bits: 2048 },
      selfSigned: true,
    });
    const { details } = parseCertificateBody(pems.body);
    expect(details).toMatchObject({
      selfSigned: true,
      issuer: 'intranet.example.com',
      key: { type: 'RSA', bits: 2048 },
    });
    expect(details.chainExpiry).toBeUndefined();
  });

  it('calls a self-signed CA:FALSE leaf self-signed (issuer = subject, verifies with its own key)', () => {
    const leaf = issueCertificate({ commonName: 'box.example.com', notBefore: inDays(-1), notAfter: inDays(9) });
    expect(parseCertificateBody(leaf.pem).details.selfSigned).toBe(true);
  });

  it('calls a self-signed CA:TRUE certificate self-signed', () => {
    const ca = issueCertificate({ commonName: 'Some CA', notBefore: inDays(-1), notAfter: inDays(9), ca: true });
    expect(parseCertificateBody(ca.pem).details.selfSigned).toBe(true);
  });

  it('does not call a CA-issued leaf self-signed, even when its issuer has the same name as its subject', () => {
    const issuer = issueCertificate({
      commonName: 'twin.example.com',
      notBefore: inDays(-9),
      notAfter: inDays(90),
      ca: true,
    });
    const leaf = issueCertificate(
      { commonName: 'twin.example.com', notBefore: inDays(-1), notAfter: inDays(9) },
      issuer,
    );
    expect(new X509Certificate(leaf.pem).issuer).toBe(new X509Certificate(leaf.pem).subject);
    expect(parseCertificateBody(leaf.pem).details.selfSigned).toBe(false);
    const pems = serverCertificatePems({ hostnames: ['a.example.com'], notBefore: inDays(-1), notAfter: inDays(9) });
    expect(parseCertificateBody(pems.body, pems.chain).details.selfSigned).toBe(false);
  });

  it('names the chain certificate that becomes valid last', () => {
    const pems = serverCertificatePems({ hostnames: ['a.example.com'], notBefore: inDays(-1), notAfter: inDays(9) });
    expect(parseCertificateBody(pems.body, pems.chain).details.chainStart).toEqual({
      subject: 'Loopback Test Intermediate CA',
      notBefore: new Date('2000-01-01T00:00:00Z'),
    });
  });

  it('falls back to the CN when a legacy certificate has no DNS names', () => {
    const legacy = issueCertificate({ commonName: 'Legacy.Example.com', notBefore: inDays(-10), notAfter: inDays(3) });
    const { details } = parseCertificateBody(legacy.pem);
    expect(details.dnsNames).toEqual([]);
    expect(hostnamesOf(details)).toEqual(['legacy.example.com']);
  });

  it('rejects a body that is not a certificate, without quoting it', () => {
    const body = '-----BEGIN CERTIFICATE-----\nc2VjcmV0LW5vdC1hLWNlcnQ=\n-----END CERTIFICATE-----\n';
    expect(() => parseCertificateBody(body)).toThrow(/^the certificate body is not a PEM X.509 certificate/);
    expect(() => parseCertificateBody(body)).not.toThrow(/c2VjcmV0/);
  });

  it('keeps the certificate when a chain entry does not parse, and names the problem', () => {
    const pems = serverCertificatePems({ hostnames: ['a.example.com'], notBefore: inDays(-10), notAfter: inDays(3) });
    const broken = `${splitPemChain(pems.chain)[0]}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`;
    const { details, problems } = parseCertificateBody(pems.body, broken);
    expect(details.dnsNames).toEqual(['a.example.com']);
    expect(problems).toEqual([expect.stringMatching(/^certificate 2 of the chain does not parse/)]);
  });
});

describe('bodyExpiryMismatch', () => {
  const details = parseCertificateBody(
    serverCertificatePems({ hostnames: ['a.example.com'], notBefore: inDays(-10), notAfter: inDays(3) }).body,
  ).details;
  const certificate = { name: 'a', id: 'ASCA', arn: 'arn:aws:iam::1:server-certificate/a', path: '/' };

  it('is silent when the body agrees with IAM (within a minute) or IAM has no date', () => {
    expect(
      bodyExpiryMismatch({
        certificate: { ...certificate, expiration: new Date(inDays(3).getTime() + 30_000) },
        details,
      }),
    ).toBeUndefined();
    expect(bodyExpiryMismatch({ certificate, details })).toBeUndefined();
  });

  it('gives the body date when it truly differs', () => {
    expect(bodyExpiryMismatch({ certificate: { ...certificate, expiration: inDays(4) }, details })).toEqual(inDays(3));
  });
});

test('dnsNamesOf reads quoted names and ignores other kinds', () => {
  expect(dnsNamesOf('DNS:a.example.com, IP Address:10.0.0.1, DNS:"b,odd.example.com", email:x@example.com')).toEqual([
    'a.example.com',
    'b,odd.example.com',
  ]);
  expect(dnsNamesOf(undefined)).toEqual([]);
  // Node escapes a SAN holding a line break; the name is not put back together into two lines.
  expect(dnsNamesOf('DNS:"shop.example.com\\nCRITICAL: all fine", DNS:b.example.com')).toEqual([
    '"shop.example.com\\nCRITICAL: all fine"',
    'b.example.com',
  ]);
  expect(dnsNamesOf('DNS:"evil\\u2028line.example.com", DNS:b.example.com')).toEqual([
    '"evil\\u2028line.example.com"',
    'b.example.com',
  ]);
});
