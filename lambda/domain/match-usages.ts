import type { CertificateUsage, ObservedCertificateUse, ServerCertificate } from './types';

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

function usageKey(u: CertificateUsage): string {
  return [
    u.region,
    u.loadBalancerType,
    u.loadBalancerArn ?? u.loadBalancerName,
    u.listenerArn ?? '',
    u.port,
    u.role,
  ].join('\u0000');
}

function compareUsages(a: CertificateUsage, b: CertificateUsage): number {
  return (
    a.region.localeCompare(b.region) ||
    a.loadBalancerType.localeCompare(b.loadBalancerType) ||
    a.loadBalancerName.localeCompare(b.loadBalancerName) ||
    a.port - b.port ||
    a.role.localeCompare(b.role)
  );
}
