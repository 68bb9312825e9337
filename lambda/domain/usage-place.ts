/**
 * What a listener and a distribution have in common when they are listed, sorted or reported side by side: a type
 * (`application`, `cloudfront`), a region (`global` for CloudFront) and a name (the load balancer's, or the
 * distribution id).
 */
import type { CertificateUsage, LoadBalancerType } from './types';

/** The report's name for a usage's kind of place: its load balancer type, or `cloudfront`. */
export type UsageType = LoadBalancerType | 'cloudfront';

/** The region CloudFront usages are listed under. */
export const GLOBAL_REGION = 'global';

export function usageType(usage: CertificateUsage): UsageType {
  switch (usage.kind) {
    case 'listener':
      return usage.type;
    case 'distribution':
      return 'cloudfront';
    default:
      return unreachable(usage);
  }
}

export function usageRegion(usage: CertificateUsage): string {
  switch (usage.kind) {
    case 'listener':
      return usage.region;
    case 'distribution':
      return GLOBAL_REGION;
    default:
      return unreachable(usage);
  }
}

/** The load balancer's name, or the distribution id. */
export function usageName(usage: CertificateUsage): string {
  switch (usage.kind) {
    case 'listener':
      return usage.name;
    case 'distribution':
      return usage.id;
    default:
      return unreachable(usage);
  }
}

/** One place a certificate can be served (a listener, a distribution), whatever its role there. */
export function placeKey(usage: CertificateUsage): string {
  switch (usage.kind) {
    case 'listener':
      return usage.type === 'classic'
        ? [usage.kind, usage.region, usage.type, usage.name, usage.port].join('\u0000')
        : [usage.kind, usage.region, usage.type, usage.arn ?? usage.name, usage.listenerArn ?? '', usage.port].join(
            '\u0000',
          );
    case 'distribution':
      return [usage.kind, usage.id].join('\u0000');
    default:
      return unreachable(usage);
  }
}

/** Ends an exhaustive `switch`: compiles only when every case is handled. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled usage: ${JSON.stringify(value)}`);
}
