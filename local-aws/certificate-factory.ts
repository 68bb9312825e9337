/**
 * Real X.509 certificates (PEM) for the loopback server, the demo, the bench and tests: a leaf with DNS SANs
 * signed by an intermediate signed by a root, with any validity. Built with the RFC 5280 schema of
 * `@peculiar/asn1-x509` and signed with `node:crypto`, so it is synchronous: the loopback server answers each
 * request synchronously from its index and creates a body on the first `GetServerCertificate` for it.
 * A development dependency only: the Lambda never creates certificates (the bundle test keeps that true).
 */
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_subjectAltName,
} from '@peculiar/asn1-x509';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export type KeySpec = { readonly type: 'ec'; readonly curve: 'P-256' | 'P-384' } | { readonly type: 'rsa'; readonly bits: number };

export interface CertificateSpec {
  readonly commonName: string;
  /** DNS subject alternative names. @default none */
  readonly dnsNames?: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** @default EC P-256 */
  readonly key?: KeySpec;
  /** A CA certificate (basicConstraints cA). @default false */
  readonly ca?: boolean;
  /** Organization (O) in the subject. @default none */
  readonly organization?: string;
}

export interface IssuedCertificate {
  readonly pem: string;
  readonly privateKey: KeyObject;
  readonly subject: Name;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
};

function distinguishedName(commonName: string, organization?: string): Name {
  const rdn = (type: string, value: string) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) })]);
  return new Name([...(organization ? [rdn(OID.organization, organization)] : []), rdn(OID.commonName, commonName)]);
}

function keyPair(spec: KeySpec): { publicKey: KeyObject; privateKey: KeyObject } {
  if (spec.type === 'rsa') return generateKeyPairSync('rsa', { modulusLength: spec.bits });
  return generateKeyPairSync('ec', { namedCurve: spec.curve });
}

/** The issuer key decides the signature algorithm (SHA-256 with ECDSA or RSA PKCS #1 v1.5). */
function signatureAlgorithm(issuerKey: KeyObject): AlgorithmIdentifier {
  return issuerKey.asymmetricKeyType === 'rsa'
    ? new AlgorithmIdentifier({ algorithm: OID.sha256WithRsa, parameters: null })
    : new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 });
}

/** A positive serial that depends only on the subject and validity (same spec, same serial). */
function serialFor(spec: CertificateSpec): ArrayBuffer {
  const digest = createHash('sha256').update(`${spec.commonName}|${spec.notBefore.toISOString()}|${spec.notAfter.toISOString()}`).digest();
  const serial = Uint8Array.from(digest.subarray(0, 16));
  serial[0] = (serial[0] & 0x7f) | 0x10; // positive, no leading zero byte
  return serial.buffer;
}

function toPem(der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

/** Issues a certificate signed by `issuer`, or self-signed when there is none. */
export function issueCertificate(spec: CertificateSpec, issuer?: IssuedCertificate): IssuedCertificate {
  const keys = keyPair(spec.key ?? { type: 'ec', curve: 'P-256' });
  const subject = distinguishedName(spec.commonName, spec.organization);
  const signingKey = issuer?.privateKey ?? keys.privateKey;
  const extensions: Extension[] = [
    new Extension({
      extnID: id_ce_basicConstraints,
      critical: true,
      extnValue: new OctetString(AsnConvert.serialize(new BasicConstraints({ cA: spec.ca === true }))),
    }),
  ];
  if (spec.dnsNames && spec.dnsNames.length > 0) {
    const names = new SubjectAlternativeName(spec.dnsNames.map((dNSName) => new GeneralName({ dNSName })));
    extensions.push(new Extension({ extnID: id_ce_subjectAltName, critical: false, extnValue: new OctetString(AsnConvert.serialize(names)) }));
  }
  const algorithm = signatureAlgorithm(signingKey);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialFor(spec),
    signature: algorithm,
    issuer: issuer?.subject ?? subject,
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(keys.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), signingKey);
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: Uint8Array.from(signature).buffer });
  return { pem: toPem(AsnConvert.serialize(certificate)), privateKey: keys.privateKey, subject };
}

export interface ServerCertificatePemsSpec {
  /** DNS names; the first is also the subject CN. */
  readonly hostnames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** When the intermediate CA expires. @default a year after the leaf */
  readonly intermediateNotAfter?: Date;
  /** @default EC P-256 */
  readonly key?: KeySpec;
  /** A self-signed leaf with no chain. @default false */
  readonly selfSigned?: boolean;
}

/** What `iam upload-server-certificate` takes (less the key): the leaf and its chain (intermediate, root). */
export interface ServerCertificatePems {
  readonly body: string;
  readonly chain?: string;
}

const YEAR_MS = 365 * 86_400_000;

/** A leaf for `hostnames` issued by "Loopback Test Intermediate CA", itself issued by "Loopback Test Root CA". */
export function serverCertificatePems(spec: ServerCertificatePemsSpec): ServerCertificatePems {
  const leaf: CertificateSpec = {
    commonName: spec.hostnames[0] ?? 'localhost',
    dnsNames: spec.hostnames,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    key: spec.key,
  };
  if (spec.selfSigned) return { body: issueCertificate(leaf).pem };
  const caStart = new Date(Math.min(spec.notBefore.getTime(), spec.notAfter.getTime()) - YEAR_MS);
  const intermediateNotAfter = spec.intermediateNotAfter ?? new Date(spec.notAfter.getTime() + YEAR_MS);
  const root = issueCertificate({
    commonName: 'Loopback Test Root CA',
    organization: 'local-aws',
    notBefore: caStart,
    notAfter: new Date(Math.max(spec.notAfter.getTime(), intermediateNotAfter.getTime()) + 5 * YEAR_MS),
    ca: true,
  });
  const intermediate = issueCertificate(
    { commonName: 'Loopback Test Intermediate CA', organization: 'local-aws', notBefore: caStart, notAfter: intermediateNotAfter, ca: true },
    root,
  );
  return { body: issueCertificate(leaf, intermediate).pem, chain: `${intermediate.pem}${root.pem}` };
}
