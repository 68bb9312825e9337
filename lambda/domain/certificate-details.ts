/**
 * Reads a PEM certificate body and chain with `node:crypto`'s X509Certificate (no dependency): names, issuer,
 * key, serial, fingerprint, validity, and the chain certificate that expires first. Pure: no I/O, no clock.
 * Errors never quote the body.
 */
import { X509Certificate } from 'node:crypto';
import { normalizeHostname } from './host-coverage';
import { isUnsafeCharacter } from '../text/sanitise';
import type { CertificateDetails, CertificateKey, Finding } from './types';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** `CN=shop.example.com` → `shop.example.com`; Node prints one `KEY=value` per line. */
function attribute(distinguishedName: string, key: string): string | undefined {
  for (const line of distinguishedName.split('\n')) {
    if (line.startsWith(`${key}=`)) return unquote(line.slice(key.length + 1));
  }
  return undefined;
}

/** Node quotes (JSON-style) values that hold separators or non-ASCII characters. */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value;
  }
}

/**
 * `DNS:a.example.com, DNS:"odd,name", IP Address:10.0.0.1` → the DNS names. A name that Node escaped because it
 * holds a line break or another control character stays as Node printed it (quoted, escapes visible): such a
 * name is no hostname a client can ask for, and put back together it would be a line of its own in an alert.
 */
export function dnsNamesOf(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  const names: string[] = [];
  for (const match of subjectAltName.matchAll(/(?:^|, )DNS:("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const name = unquote(match[1]);
    names.push([...name].some(isUnsafeCharacter) ? match[1] : normalizeHostname(name));
  }
  return [...new Set(names)];
}

const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function keyOf(certificate: X509Certificate): CertificateKey {
  const { asymmetricKeyType: type, asymmetricKeyDetails: details } = certificate.publicKey;
  if (type === 'rsa' || type === 'rsa-pss') {
    const bits = details?.modulusLength;
    return { type: 'RSA', ...(bits !== undefined ? { bits } : {}) };
  }
  if (type === 'ec') {
    const curve = CURVE_NAMES[details?.namedCurve ?? ''] ?? details?.namedCurve;
    return { type: 'EC', ...(curve !== undefined ? { curve } : {}) };
  }
  return { type: (type ?? 'unknown').toUpperCase() };
}

/** The issuer's CN (or its whole name when it has none), e.g. `R11` for Let's Encrypt. */
function displayName(distinguishedName: string): string {
  return attribute(distinguishedName, 'CN') ?? distinguishedName.split('\n').join(', ');
}

/**
 * Self-signed: issuer equals subject and the signature verifies with the certificate's own key. Not `checkIssued`,
 * which also wants the issuer to be a CA and so calls a self-signed `CA:FALSE` leaf not self-issued.
 */
export function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** The certificates of a PEM chain, in order. */
export function splitPemChain(chain: string | undefined): string[] {
  return chain ? [...chain.matchAll(PEM_BLOCK)].map((m) => m[0]) : [];
}

export interface ParsedBody {
  readonly details: CertificateDetails;
  /** Parts of the chain that could not be parsed (the leaf still could). */
  readonly problems: readonly string[];
}

/** Parses a body and its chain; throws (without quoting the body) when the body is not a certificate. */
export function parseCertificateBody(body: string, chain?: string): ParsedBody {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(body);
  } catch (error) {
    throw new Error(`the certificate body is not a PEM X.509 certificate (${(error as Error).message})`, {
      cause: error,
    });
  }
  const problems: string[] = [];
  let chainExpiry: CertificateDetails['chainExpiry'];
  let chainStart: CertificateDetails['chainStart'];
  splitPemChain(chain).forEach((pem, i) => {
    try {
      const certificate = new X509Certificate(pem);
      const notAfter = new Date(certificate.validTo);
      const notBefore = new Date(certificate.validFrom);
      if (!chainExpiry || notAfter.getTime() < chainExpiry.notAfter.getTime()) {
        chainExpiry = { subject: displayName(certificate.subject), notAfter };
      }
      if (!chainStart || notBefore.getTime() > chainStart.notBefore.getTime()) {
        chainStart = { subject: displayName(certificate.subject), notBefore };
      }
    } catch (error) {
      problems.push(`certificate ${i + 1} of the chain does not parse (${(error as Error).message})`);
    }
  });
  const commonName = attribute(leaf.subject, 'CN');
  return {
    details: {
      ...(commonName !== undefined ? { commonName } : {}),
      dnsNames: dnsNamesOf(leaf.subjectAltName),
      issuer: displayName(leaf.issuer),
      selfSigned: isSelfSigned(leaf),
      key: keyOf(leaf),
      serialNumber: leaf.serialNumber,
      fingerprintSha256: leaf.fingerprint256,
      notBefore: new Date(leaf.validFrom),
      notAfter: new Date(leaf.validTo),
      ...(chainExpiry ? { chainExpiry } : {}),
      ...(chainStart ? { chainStart } : {}),
    },
    problems,
  };
}

/**
 * The names a certificate serves: its DNS SANs, or its CN when it has none (legacy certificates; browsers
 * no longer accept a CN alone, which is one more reason to replace it).
 */
export function hostnamesOf(details: CertificateDetails): string[] {
  if (details.dnsNames.length > 0) return [...details.dnsNames];
  return details.commonName ? [normalizeHostname(details.commonName)] : [];
}

/** IAM's Expiration and the body's notAfter differ by more than this: said in the alert. */
const EXPIRY_TOLERANCE_MS = 60_000;

/** The body's notAfter when it differs from IAM's Expiration (absent when they agree or one is unknown). */
export function bodyExpiryMismatch(finding: Pick<Finding, 'certificate' | 'details'>): Date | undefined {
  const notAfter = finding.details?.notAfter;
  const expiration = finding.certificate.expiration;
  if (!notAfter || !expiration) return undefined;
  return Math.abs(notAfter.getTime() - expiration.getTime()) > EXPIRY_TOLERANCE_MS ? notAfter : undefined;
}

/** The chain certificate that expires before the leaf, if any. */
export function chainExpiringFirst(details: CertificateDetails | undefined): CertificateDetails['chainExpiry'] {
  const chain = details?.chainExpiry;
  return chain && details && chain.notAfter.getTime() < details.notAfter.getTime() ? chain : undefined;
}
