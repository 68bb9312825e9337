/** One region's ACM certificates with every derived value (ARN, names, dates, defaults) computed once. */
import type { AcmCertificate, AcmCertificateStatus, AcmCertificateType, AcmKeyAlgorithm } from './acm-scenario';
import { acmCertificateArn, exampleHostname, hexId, uuidFrom } from './ids';

export interface IndexedAcmCertificate {
  readonly arn: string;
  readonly name: string;
  readonly domainName: string;
  readonly subjectAlternativeNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyAlgorithm: AcmKeyAlgorithm;
  readonly signatureAlgorithm: string;
  readonly type: AcmCertificateType;
  readonly status: AcmCertificateStatus;
  readonly inUseBy: readonly string[];
  readonly renewalEligibility: 'ELIGIBLE' | 'INELIGIBLE';
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  /** When it was requested and issued (certificates ACM issued) or imported (IMPORTED): its `notBefore`. */
  readonly createdAt: Date;
  /** The private CA that issued it (PRIVATE only). */
  readonly certificateAuthorityArn?: string;
  readonly tags: readonly (readonly [string, string])[];
}

/** ACM's public certificates are valid for 395 days. */
const DEFAULT_VALIDITY_MS = 395 * 86_400_000;

const DEFAULT_ISSUER: Record<AcmCertificateType, string> = {
  AMAZON_ISSUED: 'Amazon',
  PRIVATE: 'Loopback Private CA',
  IMPORTED: 'Loopback Imported CA',
};

export function indexAcmCertificates(
  region: string,
  accountId: string,
  certificates: readonly AcmCertificate[],
): IndexedAcmCertificate[] {
  return certificates.map((c) => {
    const arn = acmCertificateArn(region, accountId, c.name);
    const hostnames = c.hostnames ?? [exampleHostname(c.name)];
    const notAfter = new Date(c.notAfter);
    const notBefore = c.notBefore ? new Date(c.notBefore) : new Date(notAfter.getTime() - DEFAULT_VALIDITY_MS);
    const type = c.type ?? 'AMAZON_ISSUED';
    const keyAlgorithm = c.keyAlgorithm ?? 'RSA_2048';
    const inUseBy = c.inUseBy ?? [];
    return {
      arn,
      name: c.name,
      domainName: hostnames[0]!,
      subjectAlternativeNames: hostnames,
      notBefore,
      notAfter,
      keyAlgorithm,
      signatureAlgorithm: keyAlgorithm.startsWith('EC_') ? 'SHA256WITHECDSA' : 'SHA256WITHRSA',
      type,
      status: c.status ?? 'ISSUED',
      inUseBy,
      renewalEligibility:
        c.renewalEligibility ?? (type !== 'IMPORTED' && inUseBy.length > 0 ? 'ELIGIBLE' : 'INELIGIBLE'),
      subject: `CN=${hostnames[0]}`,
      issuer: c.issuer ?? DEFAULT_ISSUER[type],
      serial: c.serial ?? hexId(`serial|${arn}`, 32).match(/../g)!.join(':'),
      createdAt: notBefore,
      ...(type === 'PRIVATE'
        ? {
            certificateAuthorityArn: `arn:aws:acm-pca:${region}:${accountId}:certificate-authority/${uuidFrom(`pca|${region}|${accountId}`)}`,
          }
        : {}),
      tags: Object.entries(c.tags ?? {}),
    };
  });
}
