/**
 * ACM certificates in a scenario: regional, held in `regions[REGION].acmCertificates`. Values use the names of
 * the ACM API reference (CertificateDetail, CertificateSummary, Filters):
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html
 */
import { daysFrom } from './relative-date';

export const ACM_KEY_ALGORITHMS = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;
export type AcmKeyAlgorithm = (typeof ACM_KEY_ALGORITHMS)[number];

export const ACM_CERTIFICATE_STATUSES = [
  'PENDING_VALIDATION',
  'ISSUED',
  'INACTIVE',
  'EXPIRED',
  'VALIDATION_TIMED_OUT',
  'REVOKED',
  'FAILED',
] as const;
export type AcmCertificateStatus = (typeof ACM_CERTIFICATE_STATUSES)[number];

export const ACM_CERTIFICATE_TYPES = ['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE'] as const;
export type AcmCertificateType = (typeof ACM_CERTIFICATE_TYPES)[number];

export interface AcmCertificate {
  /** The scenario's handle: the certificate ARN's id is derived from region, account and name. */
  readonly name: string;
  /** `DomainName` (the first) and `SubjectAlternativeNames` (all). @default one name: `NAME.example.com` */
  readonly hostnames?: readonly string[];
  /** ISO 8601 end of validity (`NotAfter`). */
  readonly notAfter: string;
  /** ISO 8601 start of validity (`NotBefore`). @default 395 days before `notAfter` (ACM's public validity) */
  readonly notBefore?: string;
  /** @default 'RSA_2048' */
  readonly keyAlgorithm?: AcmKeyAlgorithm;
  /** @default 'AMAZON_ISSUED' */
  readonly type?: AcmCertificateType;
  /** @default 'ISSUED'; scenario files and the builder make it 'EXPIRED' when `notAfter` is before their `now` */
  readonly status?: AcmCertificateStatus;
  /** ARNs of the resources that use it (`InUseBy`). @default [] */
  readonly inUseBy?: readonly string[];
  /**
   * @default 'ELIGIBLE' for a certificate ACM issued (AMAZON_ISSUED, PRIVATE) that is in use, else 'INELIGIBLE'
   * (ACM renews its own certificates while they are associated with another service; never imported ones)
   */
  readonly renewalEligibility?: 'ELIGIBLE' | 'INELIGIBLE';
  /** @default 'Amazon' (AMAZON_ISSUED), 'Loopback Private CA' (PRIVATE), 'Loopback Imported CA' (IMPORTED) */
  readonly issuer?: string;
  /** Colon-separated hex bytes. @default derived from the ARN */
  readonly serial?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An ACM certificate in a JSON scenario file: give exactly one of `notAfter` and `expiresInDays`. */
export interface ScenarioFileAcmCertificate extends Omit<AcmCertificate, 'notAfter'> {
  readonly notAfter?: string;
  /** `notAfter` relative to the `now` given when loading. */
  readonly expiresInDays?: number;
  /** `notBefore` relative to `now`. */
  readonly issuedDaysAgo?: number;
}

/** Resolves relative dates and the status default against `now`; pushes a message for each problem. */
export function resolveAcmCertificate(
  c: ScenarioFileAcmCertificate,
  now: Date,
  where: string,
  errors: string[],
): AcmCertificate {
  if ((c.notAfter === undefined) === (c.expiresInDays === undefined))
    errors.push(`${where}: give exactly one of notAfter and expiresInDays`);
  if (c.notBefore !== undefined && c.issuedDaysAgo !== undefined)
    errors.push(`${where}: give at most one of notBefore and issuedDaysAgo`);
  const { expiresInDays, issuedDaysAgo, ...rest } = c;
  const notAfter = expiresInDays !== undefined ? daysFrom(now, expiresInDays) : (c.notAfter ?? '');
  const notBefore = issuedDaysAgo !== undefined ? daysFrom(now, -issuedDaysAgo) : c.notBefore;
  const expired = Date.parse(notAfter) <= now.getTime();
  return {
    ...rest,
    notAfter,
    ...(notBefore !== undefined ? { notBefore } : {}),
    ...(rest.status === undefined && expired ? { status: 'EXPIRED' as const } : {}),
  };
}

/** Every problem with one region's ACM certificates. */
export function validateAcmCertificates(region: string, certificates: readonly AcmCertificate[]): string[] {
  const errors: string[] = [];
  const names = new Set<string>();
  for (const c of certificates) {
    const where = `${region} ACM certificate ${c.name}`;
    if (!c.name) errors.push(`${region}: an ACM certificate has no name`);
    if (names.has(c.name)) errors.push(`${where}: duplicate name`);
    names.add(c.name);
    const notAfter = Date.parse(c.notAfter);
    if (Number.isNaN(notAfter)) errors.push(`${where}: bad notAfter ${c.notAfter}`);
    if (c.notBefore !== undefined && !(Date.parse(c.notBefore) < notAfter))
      errors.push(`${where}: notBefore ${c.notBefore} must be a date before notAfter`);
    if (c.hostnames !== undefined && c.hostnames.length === 0) errors.push(`${where}: hostnames must not be empty`);
    const oneOf = (field: string, value: string | undefined, allowed: readonly string[]) => {
      if (value !== undefined && !allowed.includes(value))
        errors.push(`${where}: ${field} must be one of ${allowed.join(', ')}`);
    };
    oneOf('keyAlgorithm', c.keyAlgorithm, ACM_KEY_ALGORITHMS);
    oneOf('type', c.type, ACM_CERTIFICATE_TYPES);
    oneOf('status', c.status, ACM_CERTIFICATE_STATUSES);
    oneOf('renewalEligibility', c.renewalEligibility, ['ELIGIBLE', 'INELIGIBLE']);
  }
  return errors;
}
