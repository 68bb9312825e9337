import { X509Certificate, createPrivateKey } from 'node:crypto';
import { selfSignedCertificate } from './self-signed-certificate';

test('a parseable, self-signed RSA certificate with the given name and validity, matching its private key', () => {
  const notBefore = new Date('2026-11-29T10:00:00Z');
  const notAfter = new Date('2026-12-02T10:00:00Z');
  const { certificatePem, privateKeyPem } = selfSignedCertificate('integ.example.invalid', notBefore, notAfter);
  const certificate = new X509Certificate(certificatePem);
  expect(certificate.subject).toBe('CN=integ.example.invalid');
  expect(certificate.issuer).toBe(certificate.subject);
  expect(new Date(certificate.validFrom)).toEqual(notBefore);
  expect(new Date(certificate.validTo)).toEqual(notAfter);
  expect(certificate.verify(certificate.publicKey)).toBe(true);
  expect(certificate.checkPrivateKey(createPrivateKey(privateKeyPem))).toBe(true);
  expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
});

test('every certificate has its own key and serial number', () => {
  const at = new Date('2026-11-29T10:00:00Z');
  const [a, b] = [0, 1].map(() => new X509Certificate(selfSignedCertificate('x', at, at).certificatePem));
  expect(a!.serialNumber).not.toBe(b!.serialNumber);
  expect(a!.fingerprint256).not.toBe(b!.fingerprint256);
});

test('a random serial that starts with a zero byte still gives a certificate OpenSSL parses (DER integers are minimal)', () => {
  jest.isolateModules(() => {
    jest.doMock('node:crypto', () => ({
      ...jest.requireActual<typeof import('node:crypto')>('node:crypto'),
      randomBytes: (size: number) => Buffer.alloc(size),
    }));
    const { selfSignedCertificate: withZeroSerial } =
      jest.requireActual<typeof import('./self-signed-certificate')>('./self-signed-certificate');
    const at = new Date('2026-11-29T10:00:00Z');
    expect(() => new X509Certificate(withZeroSerial('x', at, at).certificatePem)).not.toThrow();
  });
});
