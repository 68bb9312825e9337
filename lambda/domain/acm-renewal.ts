/**
 * ACM renewals, region by region: an ACM certificate serves only load balancers of its own region, and
 * CloudFront only from us-east-1. Each candidate passes the same rules as an IAM one (renewal-qualification.ts),
 * plus status ISSUED. Pure: what ACM said (or why it could not be read) comes in as data.
 */
import { coversAny } from './renewal-qualification';
import { qualify, replacedFacts } from './renewal';
import type { CandidateFacts } from './renewal-qualification';
import type { AcmCertificateRef, AcmRegionRenewal, CertificateKey, CertificateUsage, Finding } from './types';
import { unreachable } from './usage-place';

/** CloudFront takes ACM certificates from us-east-1 only. */
export const CLOUDFRONT_ACM_REGION = 'us-east-1';

/** One ACM certificate as DescribeCertificate (and, when read, its tags) gave it. */
export interface AcmCandidate {
  readonly arn: string;
  readonly region: string;
  readonly domainName: string;
  readonly hostnames: readonly string[];
  readonly status?: string;
  readonly type?: string;
  readonly renewalEligibility?: string;
  readonly keyAlgorithm?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly subject?: string;
  readonly issuer?: string;
  /** Its `cert-expiry-monitor:renews` tag, when read. */
  readonly renews?: string;
}

/** What ACM gave in one region: its matching candidates, or why it could not be read. */
export type AcmRegionRead =
  | { readonly region: string; readonly candidates: readonly AcmCandidate[] }
  | { readonly region: string; readonly problem: string };

/** The ACM region a usage needs its certificate in. */
export function acmRegionOf(usage: CertificateUsage): string {
  switch (usage.kind) {
    case 'listener':
      return usage.region;
    case 'distribution':
      return CLOUDFRONT_ACM_REGION;
    default:
      return unreachable(usage);
  }
}

/** The regions whose ACM the findings need, first seen first. */
export function acmRegionsFor(findings: readonly Pick<Finding, 'usages'>[]): string[] {
  return [...new Set(findings.flatMap((f) => f.usages.map(acmRegionOf)))];
}

/** ACM's `KeyAlgorithm` as the key rules read it (API_CertificateDetail: RSA_2048, EC_prime256v1, ...). */
export function acmKey(keyAlgorithm: string | undefined): CertificateKey {
  const rsa = /^RSA_(\d+)$/.exec(keyAlgorithm ?? '');
  if (rsa) return { type: 'RSA', bits: Number(rsa[1]) };
  const curves: Record<string, string> = { EC_prime256v1: 'P-256', EC_secp384r1: 'P-384', EC_secp521r1: 'P-521' };
  const curve = curves[keyAlgorithm ?? ''];
  return curve ? { type: 'EC', curve } : { type: keyAlgorithm ?? 'unknown' };
}

/**
 * The rules' view of an ACM certificate. ACM gives no chain to check and no signature to verify: a certificate ACM
 * issued (AMAZON_ISSUED, PRIVATE) is CA-issued; an IMPORTED one counts as self-signed when its issuer is its own
 * subject's CN (the only sign DescribeCertificate gives).
 */
export function acmFacts(c: AcmCandidate): CandidateFacts {
  const cn = /(?:^|,\s*)CN=([^,]+)/.exec(c.subject ?? '')?.[1];
  return {
    hostnames: c.hostnames,
    notBefore: c.notBefore ?? new Date(8.64e15),
    notAfter: c.notAfter ?? new Date(-8.64e15),
    key: acmKey(c.keyAlgorithm),
    selfSigned: c.type === 'IMPORTED' && cn !== undefined && cn === c.issuer,
    status: c.status ?? 'UNKNOWN',
  };
}

function refOf(c: AcmCandidate): AcmCertificateRef {
  return {
    arn: c.arn,
    region: c.region,
    domainName: c.domainName,
    hostnames: c.hostnames,
    ...(c.type ? { type: c.type } : {}),
    ...(c.renewalEligibility ? { renewalEligibility: c.renewalEligibility } : {}),
    ...(c.keyAlgorithm ? { keyAlgorithm: c.keyAlgorithm } : {}),
    notAfter: c.notAfter ?? new Date(0),
  };
}

/** Whether a listed ACM certificate is worth describing for these names: it covers at least one of them. */
export function acmNamesMatch(listedNames: readonly string[], hostnames: readonly string[]): boolean {
  return coversAny({ hostnames: listedNames }, { hostnames });
}

/**
 * The ACM renewal of one finding in each region that serves it. A candidate from another region never counts
 * there (it cannot be attached). Several that qualify: the one whose renews tag names the old certificate, else
 * `ambiguous`.
 */
export function findAcmRenewals(
  finding: Pick<Finding, 'certificate' | 'usages' | 'details'>,
  hostnames: readonly string[],
  reads: readonly AcmRegionRead[],
  now: Date,
): AcmRegionRenewal[] {
  const replaced = replacedFacts(finding, hostnames);
  return acmRegionsFor([finding]).map((region): AcmRegionRenewal => {
    const read = reads.find((r) => r.region === region);
    if (!read) return { region, state: 'unknown', problem: 'ACM was not read in this region' };
    if ('problem' in read) return { region, state: 'unknown', problem: read.problem };
    const candidates = read.candidates
      .filter((c) => c.region === region)
      .map((c) => ({ certificate: { name: c.arn, arn: c.arn }, facts: acmFacts(c), acm: c }));
    const { qualifying, rejected } = qualify(candidates, replaced, now);
    const extra = rejected.length > 0 ? { rejected } : {};
    const tagged = qualifying.filter((c) => c.acm.renews === finding.certificate.name);
    const chosen = qualifying.length === 1 ? qualifying[0] : tagged.length === 1 ? tagged[0] : undefined;
    if (chosen) {
      const others = qualifying.filter((c) => c !== chosen).map((c) => c.acm.arn);
      return { region, state: 'found', certificate: refOf(chosen.acm), alsoQualifying: others, ...extra };
    }
    if (qualifying.length > 1)
      return { region, state: 'ambiguous', alsoQualifying: qualifying.map((c) => c.acm.arn), ...extra };
    return { region, state: 'none', ...extra };
  });
}
