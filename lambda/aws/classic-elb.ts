import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers,
  SetLoadBalancerListenerSSLCertificateCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import type { ObservedCertificateUse } from '../domain/types';
import { boundedPages } from './bounded-pages';
import { LISTING_PAGE_CAPS } from './listing-caps';

/** What Classic ELB reports when a listener's certificate no longer exists. */
export const INVALID_CERTIFICATE_SENTINEL = 'Invalid-Certificate';

/** Classic ELB's largest page; the paginator does not set it. */
const PAGE_SIZE = 400;

/** Emits every Classic ELB listener in the region that holds a certificate (one default per listener). */
export async function scanClassicListeners(
  client: ElasticLoadBalancingClient,
  region: string,
  emit: (use: ObservedCertificateUse) => void,
  abortSignal?: AbortSignal,
): Promise<void> {
  const pages = boundedPages(paginateDescribeLoadBalancers({ client }, { PageSize: PAGE_SIZE }, { abortSignal }), {
    action: 'DescribeLoadBalancers',
    maxPages: LISTING_PAGE_CAPS.classicLoadBalancers,
    nextToken: (page) => page.NextMarker,
    abortSignal,
  });
  for await (const page of pages) {
    for (const lb of page.LoadBalancerDescriptions ?? []) {
      for (const { Listener: listener } of lb.ListenerDescriptions ?? []) {
        const certificateRef = listener?.SSLCertificateId;
        if (!certificateRef || certificateRef === INVALID_CERTIFICATE_SENTINEL) continue;
        emit({
          certificateRef,
          kind: 'listener',
          type: 'classic',
          region,
          name: lb.LoadBalancerName ?? '(unnamed)',
          ...(lb.DNSName !== undefined ? { dnsName: lb.DNSName } : {}),
          protocol: listener.Protocol ?? 'unknown',
          port: listener.LoadBalancerPort ?? 0,
          role: 'default',
        });
      }
    }
  }
}

/** The certificate a Classic ELB listener serves (undefined: the listener has none, or no listener on that port). */
export async function classicListenerCertificate(
  client: ElasticLoadBalancingClient,
  loadBalancerName: string,
  port: number,
): Promise<string | undefined> {
  const { LoadBalancerDescriptions } = await client.send(
    new DescribeLoadBalancersCommand({ LoadBalancerNames: [loadBalancerName] }),
  );
  const listeners = LoadBalancerDescriptions?.[0]?.ListenerDescriptions ?? [];
  return listeners.find((d) => d.Listener?.LoadBalancerPort === port)?.Listener?.SSLCertificateId;
}

/** Replaces the certificate of one Classic ELB listener (`SetLoadBalancerListenerSSLCertificate`). */
export async function setClassicListenerCertificate(
  client: ElasticLoadBalancingClient,
  loadBalancerName: string,
  port: number,
  certificateArn: string,
): Promise<void> {
  await client.send(
    new SetLoadBalancerListenerSSLCertificateCommand({
      LoadBalancerName: loadBalancerName,
      LoadBalancerPort: port,
      SSLCertificateId: certificateArn,
    }),
  );
}
