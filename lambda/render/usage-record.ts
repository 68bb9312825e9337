/**
 * A usage as one flat record, the shape the JSON report and the EventBridge event carry: every field for every
 * kind, `null` where the kind has none. A distribution is listed in region `global`, on HTTPS 443, as its
 * certificate's default.
 */
import type { CertificateUsage } from '../domain/types';
import { GLOBAL_REGION, unreachable, type UsageType } from '../domain/usage-place';

export interface UsageRecord {
  readonly type: UsageType;
  readonly region: string;
  /** Load balancer name, or CloudFront distribution id. */
  readonly name: string;
  /** The load balancer's or the distribution's ARN. */
  readonly arn: string | null;
  readonly listenerArn: string | null;
  /** The load balancer's DNS name, or the distribution's domain name. */
  readonly dnsName: string | null;
  readonly protocol: string;
  readonly port: number;
  readonly role: 'default' | 'sni';
  /** A distribution's alternate domain names; none for a listener. */
  readonly aliases: readonly string[];
}

export function usageRecord(usage: CertificateUsage): UsageRecord {
  switch (usage.kind) {
    case 'listener': {
      const elbv2 = usage.type === 'classic' ? undefined : usage;
      return {
        type: usage.type,
        region: usage.region,
        name: usage.name,
        arn: elbv2?.arn ?? null,
        listenerArn: elbv2?.listenerArn ?? null,
        dnsName: usage.dnsName ?? null,
        protocol: usage.protocol,
        port: usage.port,
        role: usage.role,
        aliases: [],
      };
    }
    case 'distribution':
      return {
        type: 'cloudfront',
        region: GLOBAL_REGION,
        name: usage.id,
        arn: usage.arn ?? null,
        listenerArn: null,
        dnsName: usage.domainName ?? null,
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
        aliases: usage.aliases,
      };
    default:
      return unreachable(usage);
  }
}
