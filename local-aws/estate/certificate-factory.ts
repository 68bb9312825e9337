/**
 * Real X.509 certificates (PEM) for the loopback server, the demo, the bench and tests: a leaf with DNS SANs
 * signed by an intermediate signed by a root, with any validity. Built with the RFC 5280 schema of
 * `@peculiar/asn1-x509` and signed with `node:crypto`, so it is synchronous: the loopback server answers each
 * request synchronously from its index and creates a body on the first `GetServerCertificate` for it. The CAs
 * and the leaf keys are made once per process and shared: only the leaf is issued per certificate (about 2 ms).
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

export type KeySpec =
  { readonly type: 'ec'; readonly curve: 'P-256' | 'P-384' } | { readonly type: 'rsa'; readonly bits: number };

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
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) }),
    ]);
  return new Name([...(organization ? [rdn(OID.organization, organization)] : []), rdn(OID.commonName, commonName)]);
}

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };

function keyPair(spec: KeySpec): KeyPair {
  if (spec.type === 'rsa') return generateKeyPairSync('rsa', { modulusLength: spec.bits });
  return generateKeyPairSync('ec', { namedCurve: spec.curve });
}

/** Leaf keys are shared per key spec within a process: test certificates need a key, not a unique one. */
const leafKeys = new Map<string, KeyPair>();
function sharedKeyPair(spec: KeySpec): KeyPair {
  const id = JSON.stringify(spec);
  let keys = leafKeys.get(id);
  if (!keys) {
    keys = keyPair(spec);
    leafKeys.set(id, keys);
  }
  return keys;
}

/** The issuer key decides the signature algorithm (SHA-256 with ECDSA or RSA PKCS #1 v1.5). */
function signatureAlgorithm(issuerKey: KeyObject): AlgorithmIdentifier {
  return issuerKey.asymmetricKeyType === 'rsa'
    ? new AlgorithmIdentifier({ algorithm: OID.sha256WithRsa, parameters: null })
    : new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 });
}

/** A positive serial that depends only on the subject and validity (same spec, same serial). */
function serialFor(spec: CertificateSpec): ArrayBuffer {
  const digest = createHash('sha256')
    .update(`${spec.commonName}|${spec.notBefore.toISOString()}|${spec.notAfter.toISOString()}`)
    .digest();
  const serial = Uint8Array.from(digest.subarray(0, 16));
  serial[0] = (serial[0] & 0x7f) | 0x10; // positive, no leading zero byte
  return serial.buffer;
}

function toPem(der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

/**
 * Issues a certificate signed by `issuer`, or self-signed when there is none. CA certificates get a key of their
 * own; other certificates share one key per key spec (making keys is most of the cost).
 */
export function issueCertificate(spec: CertificateSpec, issuer?: IssuedCertificate): IssuedCertificate {
  const keySpec = spec.key ?? { type: 'ec', curve: 'P-256' };
  const keys = spec.ca ? keyPair(keySpec) : sharedKeyPair(keySpec);
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
    extensions.push(
      new Extension({
        extnID: id_ce_subjectAltName,
        critical: false,
        extnValue: new OctetString(AsnConvert.serialize(names)),
      }),
    );
  }
  const algorithm = signatureAlgorithm(signingKey);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialFor(spec),
    signature: algorithm,
    issuer: issuer?.subject ?? subject,
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(
      keys.publicKey.export({ type: 'spki', format: 'der' }),
      SubjectPublicKeyInfo,
    ),
    extensions: new Extensions(extensions),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), signingKey);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: Uint8Array.from(signature).buffer,
  });
  return { pem: toPem(AsnConvert.serialize(certificate)), privateKey: keys.privateKey, subject };
}

export interface ServerCertificatePemsSpec {
  /** DNS names; the first is also the subject CN. */
  readonly hostnames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** When the intermediate CA expires. @default 2049-12-31, shared by every certificate */
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

/** The CAs' validity (UTCTime, as RFC 5280 wants before 2050). */
const CA_NOT_BEFORE = new Date('2000-01-01T00:00:00Z');
const CA_NOT_AFTER = new Date('2049-12-31T23:59:59Z');

let root: IssuedCertificate | undefined;
const intermediates = new Map<number, IssuedCertificate>();

/** One root for the process, and one intermediate per expiry date under it: made once, shared by all leaves. */
function intermediateCa(notAfter: Date): IssuedCertificate {
  root ??= issueCertificate({
    commonName: 'Loopback Test Root CA',
    organization: 'local-aws',
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    ca: true,
  });
  let intermediate = intermediates.get(notAfter.getTime());
  if (!intermediate) {
    intermediate = issueCertificate(
      {
        commonName: 'Loopback Test Intermediate CA',
        organization: 'local-aws',
        notBefore: CA_NOT_BEFORE,
        notAfter,
        ca: true,
      },
      root,
    );
    intermediates.set(notAfter.getTime(), intermediate);
  }
  return intermediate;
}

/** A leaf for `hostnames` issued by "Loopback Test Intermediate CA", itself issued by "Loopback Test Root CA". */
export function serverCertificatePems(spec: ServerCertificatePemsSpec): ServerCertificatePems {
  const leaf: CertificateSpec = {
    commonName: spec.hostnames[0] ?? 'localhost',
    dnsNames: spec.hostnames,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    ...(spec.key !== undefined ? { key: spec.key } : {}),
  };
  if (spec.selfSigned) return { body: issueCertificate(leaf).pem };
  const intermediate = intermediateCa(spec.intermediateNotAfter ?? CA_NOT_AFTER);
  return { body: issueCertificate(leaf, intermediate).pem, chain: `${intermediate.pem}${root!.pem}` };
}
