import type { CertificateUsage, ObservedCertificateUse, ServerCertificate } from './types';
import { placeKey, usageName, usageRegion, usageType } from './usage-place';

/**
 * Groups observed usages by certificate ARN. Load balancers reference a certificate by ARN, CloudFront by its
 * `ServerCertificateId`; both keys resolve to the same certificate. Usages of other certificates (ACM, or IAM
 * certificates that are not flagged) are dropped. Each usage is kept once, in a stable order.
 */
export function matchUsages(
  certificates: readonly ServerCertificate[],
  observed: readonly ObservedCertificateUse[],
): Map<string, CertificateUsage[]> {
  const arnByRef = new Map<string, string>();
  for (const { arn, id } of certificates) {
    arnByRef.set(arn, arn);
    arnByRef.set(id, arn);
  }
  const byArn = new Map<string, Map<string, CertificateUsage>>();
  for (const { certificateRef, ...usage } of observed) {
    const arn = arnByRef.get(certificateRef);
    if (!arn) continue;
    const usages = byArn.get(arn) ?? new Map<string, CertificateUsage>();
    usages.set(usageKey(usage), usage);
    byArn.set(arn, usages);
  }
  return new Map([...byArn].map(([arn, usages]) => [arn, [...usages.values()].sort(compareUsages)]));
}

/** A certificate can be a listener's default and one of its SNI certificates: two usages of one place. */
function usageKey(u: CertificateUsage): string {
  return u.kind === 'listener' ? `${placeKey(u)}\u0000${u.role}` : placeKey(u);
}

function compareUsages(a: CertificateUsage, b: CertificateUsage): number {
  return (
    usageRegion(a).localeCompare(usageRegion(b)) ||
    usageType(a).localeCompare(usageType(b)) ||
    usageName(a).localeCompare(usageName(b)) ||
    // Past here both are the same kind: listeners of one load balancer differ by port and role.
    (a.kind === 'listener' && b.kind === 'listener' ? a.port - b.port || a.role.localeCompare(b.role) : 0)
  );
}
