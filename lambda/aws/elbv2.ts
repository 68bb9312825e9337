import {
  ElasticLoadBalancingV2Client,
  paginateDescribeListenerCertificates,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  type Listener,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import pLimit from 'p-limit';
import type { LoadBalancerType, ObservedCertificateUse } from '../domain/types';

/** ELBv2's largest page (load balancers, listeners, listener certificates). The paginator does not set it. */
const PAGE_SIZE = 400;

/** Errors that mean the load balancer or listener was deleted while we scanned: it serves nothing now. */
const GONE = new Set(['LoadBalancerNotFoundException', 'ListenerNotFoundException', 'LoadBalancerNotFound', 'ListenerNotFound']);

export interface Elbv2ScanOptions {
  /** Requests in flight at once for this region. */
  readonly concurrency: number;
  readonly abortSignal?: AbortSignal;
}

/**
 * Emits every ALB/NLB listener certificate in the region, default and SNI. `DescribeListenerCertificates` is the
 * only source of SNI certificates and lists the default twice; the role is taken from `IsDefault`.
 * Stops at the first error that is not a deleted resource (the caller reports the region as not checked).
 */
export async function scanElbv2Listeners(
  client: ElasticLoadBalancingV2Client,
  region: string,
  emit: (use: ObservedCertificateUse) => void,
  { concurrency, abortSignal }: Elbv2ScanOptions,
): Promise<void> {
  const stop = new AbortController();
  const signal = abortSignal ? AbortSignal.any([abortSignal, stop.signal]) : stop.signal;
  const limit = pLimit(concurrency);
  const run = <T>(task: () => Promise<T>): Promise<T> =>
    limit(() => {
      signal.throwIfAborted();
      return task();
    });

  const scanListener = async (lb: LoadBalancer, listener: Listener): Promise<void> => {
    for (const use of await listenerCertificateUses(client, region, lb, listener, signal)) emit(use);
  };
  const scanLoadBalancer = async (lb: LoadBalancer): Promise<void> => {
    const listeners = await run(() => listSecureListeners(client, lb, signal));
    await Promise.all(listeners.map((listener) => run(() => scanListener(lb, listener))));
  };

  // Each load balancer's scan settles into `work` at once (no unhandled rejection while pages still arrive);
  // the first real failure stops the rest, and is what the caller sees.
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
    stop.abort(error);
  };
  const work = await startLoadBalancerScans(client, signal, scanLoadBalancer, fail);
  await Promise.all(work);
  if (failure !== undefined) throw failure;
}

/**
 * Pages through the region's load balancers and starts each one's scan. A function of its own so that the
 * pages die with it: a suspended async function keeps its last page alive while the scans run.
 */
async function startLoadBalancerScans(
  client: ElasticLoadBalancingV2Client,
  signal: AbortSignal,
  scanLoadBalancer: (lb: LoadBalancer) => Promise<void>,
  fail: (error: unknown) => void,
): Promise<Promise<void>[]> {
  const work: Promise<void>[] = [];
  try {
    const pages = paginateDescribeLoadBalancers({ client, stopOnSameToken: true }, { PageSize: PAGE_SIZE }, { abortSignal: signal });
    for await (const page of pages) {
      for (const { LoadBalancerArn, LoadBalancerName, DNSName, Type } of page.LoadBalancers ?? []) {
        if (Type === 'gateway' || !LoadBalancerArn) continue;
        // Only what a usage needs: the rest of each description would stay in memory until its listeners are done.
        const lb: LoadBalancer = { LoadBalancerArn, LoadBalancerName, DNSName, Type };
        work.push(scanLoadBalancer(lb).catch((error: Error) => (GONE.has(error.name) ? undefined : fail(error))));
      }
    }
  } catch (error) {
    fail(error);
  }
  return work;
}

async function listSecureListeners(client: ElasticLoadBalancingV2Client, lb: LoadBalancer, abortSignal: AbortSignal): Promise<Listener[]> {
  const listeners: Listener[] = [];
  const pages = paginateDescribeListeners(
    { client, stopOnSameToken: true },
    { LoadBalancerArn: lb.LoadBalancerArn, PageSize: PAGE_SIZE },
    { abortSignal },
  );
  for await (const page of pages) {
    for (const { ListenerArn, Protocol, Port } of page.Listeners ?? []) {
      // Only what a usage needs (not the actions, policies and certificates), kept until the listener is scanned.
      if (ListenerArn && (Protocol === 'HTTPS' || Protocol === 'TLS')) listeners.push({ ListenerArn, Protocol, Port });
    }
  }
  return listeners;
}

async function listenerCertificateUses(
  client: ElasticLoadBalancingV2Client,
  region: string,
  lb: LoadBalancer,
  listener: Listener,
  abortSignal: AbortSignal,
): Promise<ObservedCertificateUse[]> {
  const isDefault = new Map<string, boolean>();
  const pages = paginateDescribeListenerCertificates(
    { client, stopOnSameToken: true },
    { ListenerArn: listener.ListenerArn, PageSize: PAGE_SIZE },
    { abortSignal },
  );
  for await (const page of pages) {
    for (const { CertificateArn, IsDefault } of page.Certificates ?? []) {
      if (CertificateArn) isDefault.set(CertificateArn, (isDefault.get(CertificateArn) ?? false) || IsDefault === true);
    }
  }
  return [...isDefault].map(([certificateRef, isDefaultCertificate]) => ({
    certificateRef,
    loadBalancerType: loadBalancerType(lb.Type),
    region,
    loadBalancerName: lb.LoadBalancerName ?? '(unnamed)',
    loadBalancerArn: lb.LoadBalancerArn,
    dnsName: lb.DNSName,
    listenerArn: listener.ListenerArn,
    protocol: listener.Protocol ?? 'unknown',
    port: listener.Port ?? 0,
    role: isDefaultCertificate ? 'default' : 'sni',
  }));
}

function loadBalancerType(type: string | undefined): LoadBalancerType {
  return type === 'network' ? 'network' : type === 'gateway' ? 'gateway' : 'application';
}
