import {
  AddListenerCertificatesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  paginateDescribeListenerCertificates,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  RemoveListenerCertificatesCommand,
  type DescribeLoadBalancersCommandOutput,
  type Listener,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Elbv2Type, ObservedCertificateUse } from '../domain/types';
import { boundedPages } from './bounded-pages';
import { LISTING_PAGE_CAPS } from './listing-caps';

/** ELBv2's largest page (load balancers, listeners, listener certificates). The paginator does not set it. */
const PAGE_SIZE = 400;

/** Errors that mean the load balancer or listener was deleted while we scanned: it serves nothing now. */
const GONE = new Set([
  'LoadBalancerNotFoundException',
  'ListenerNotFoundException',
  'LoadBalancerNotFound',
  'ListenerNotFound',
]);

export interface Elbv2ScanOptions {
  /** Requests in flight at once for this region. */
  readonly concurrency: number;
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * Emits every ALB/NLB listener certificate in the region, default and SNI. `DescribeListenerCertificates` is the
 * only source of SNI certificates and lists the default twice; the role is taken from `IsDefault`.
 * Stops at the first error that is not a deleted resource (the caller reports the region as not checked).
 *
 * `concurrency` workers take the load balancers one at a time as the pages arrive, each describing one load
 * balancer's listeners and then their certificates: as many requests in flight as a queue of every task would
 * allow, without holding a queued task (promise, closures) per load balancer for the whole scan.
 */
export async function scanElbv2Listeners(
  client: ElasticLoadBalancingV2Client,
  region: string,
  emit: (use: ObservedCertificateUse) => void,
  { concurrency, abortSignal }: Elbv2ScanOptions,
): Promise<void> {
  const stop = new AbortController();
  const signal = abortSignal ? AbortSignal.any([abortSignal, stop.signal]) : stop.signal;
  // The first real failure stops the rest, and is what the caller sees.
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
    stop.abort(error);
  };
  // A load balancer or listener deleted while we scanned serves nothing now: skip it, keep the rest.
  const unlessGone = async <T>(call: Promise<T>, gone: T): Promise<T> =>
    call.catch((error: Error) => {
      if (GONE.has(error.name)) return gone;
      throw error;
    });
  const scanLoadBalancer = async (lb: LoadBalancer): Promise<void> => {
    for (const listener of await unlessGone(listSecureListeners(client, lb, signal), [])) {
      signal.throwIfAborted();
      for (const use of await unlessGone(listenerCertificateUses(client, region, lb, listener, signal), [])) emit(use);
    }
  };
  const queue = loadBalancers(client, signal);
  const worker = async (): Promise<void> => {
    try {
      for await (const lb of queue) {
        signal.throwIfAborted();
        await scanLoadBalancer(lb);
      }
    } catch (error) {
      fail(error);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure !== undefined) throw failure;
}

/** The region's ALB/NLB load balancers (not gateways), one at a time; workers share it, each taking the next. */
async function* loadBalancers(client: ElasticLoadBalancingV2Client, signal: AbortSignal): AsyncGenerator<LoadBalancer> {
  const pages = boundedPages(
    paginateDescribeLoadBalancers({ client }, { PageSize: PAGE_SIZE }, { abortSignal: signal }),
    {
      action: 'DescribeLoadBalancers',
      maxPages: LISTING_PAGE_CAPS.elbv2LoadBalancers,
      nextToken: (page) => page.NextMarker,
      abortSignal: signal,
    },
  );
  for (let batch = await nextPage(pages); batch !== undefined; batch = await nextPage(pages)) yield* batch;
}

/**
 * The next page, reduced to what a usage needs of each load balancer. A function of its own so that the page
 * dies here: the generator is suspended on one page's load balancers for as long as they take to scan.
 */
async function nextPage(
  pages: AsyncGenerator<DescribeLoadBalancersCommandOutput>,
): Promise<LoadBalancer[] | undefined> {
  const next = await pages.next();
  if (next.done) return undefined;
  return (next.value.LoadBalancers ?? [])
    .filter((lb) => lb.Type !== 'gateway' && lb.LoadBalancerArn)
    .map(({ LoadBalancerArn, LoadBalancerName, DNSName, Type }) => ({
      LoadBalancerArn,
      LoadBalancerName,
      DNSName,
      Type,
    }));
}

async function listSecureListeners(
  client: ElasticLoadBalancingV2Client,
  lb: LoadBalancer,
  abortSignal: AbortSignal,
): Promise<Listener[]> {
  const listeners: Listener[] = [];
  const pages = boundedPages(
    paginateDescribeListeners(
      { client },
      { LoadBalancerArn: lb.LoadBalancerArn, PageSize: PAGE_SIZE },
      { abortSignal },
    ),
    {
      action: 'DescribeListeners',
      maxPages: LISTING_PAGE_CAPS.elbv2Listeners,
      nextToken: (page) => page.NextMarker,
      abortSignal,
    },
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
  const pages = boundedPages(
    paginateDescribeListenerCertificates(
      { client },
      { ListenerArn: listener.ListenerArn, PageSize: PAGE_SIZE },
      { abortSignal },
    ),
    {
      action: 'DescribeListenerCertificates',
      maxPages: LISTING_PAGE_CAPS.elbv2ListenerCertificates,
      nextToken: (page) => page.NextMarker,
      abortSignal,
    },
  );
  for await (const page of pages) {
    for (const { CertificateArn, IsDefault } of page.Certificates ?? []) {
      if (CertificateArn) isDefault.set(CertificateArn, (isDefault.get(CertificateArn) ?? false) || IsDefault === true);
    }
  }
  return [...isDefault].map(([certificateRef, isDefaultCertificate]) => ({
    certificateRef,
    kind: 'listener',
    type: elbv2Type(lb.Type),
    region,
    name: lb.LoadBalancerName ?? '(unnamed)',
    ...(lb.LoadBalancerArn !== undefined ? { arn: lb.LoadBalancerArn } : {}),
    ...(lb.DNSName !== undefined ? { dnsName: lb.DNSName } : {}),
    ...(listener.ListenerArn !== undefined ? { listenerArn: listener.ListenerArn } : {}),
    protocol: listener.Protocol ?? 'unknown',
    port: listener.Port ?? 0,
    role: isDefaultCertificate ? 'default' : 'sni',
  }));
}

function elbv2Type(type: string | undefined): Elbv2Type {
  return type === 'network' ? 'network' : type === 'gateway' ? 'gateway' : 'application';
}

/** A listener's certificates: its default and its SNI certificates (the default is not repeated among them). */
export interface ListenerCertificates {
  readonly defaultCertificate?: string;
  readonly sni: readonly string[];
}

/** Every certificate on one listener, all pages (`DescribeListenerCertificates` lists the default twice). */
export async function listenerCertificates(
  client: ElasticLoadBalancingV2Client,
  listenerArn: string,
): Promise<ListenerCertificates> {
  let defaultCertificate: string | undefined;
  const others = new Set<string>();
  const pages = boundedPages(
    paginateDescribeListenerCertificates({ client }, { ListenerArn: listenerArn, PageSize: PAGE_SIZE }),
    {
      action: 'DescribeListenerCertificates',
      maxPages: LISTING_PAGE_CAPS.elbv2ListenerCertificates,
      nextToken: (page) => page.NextMarker,
    },
  );
  for await (const page of pages) {
    for (const { CertificateArn, IsDefault } of page.Certificates ?? []) {
      if (!CertificateArn) continue;
      if (IsDefault === true) defaultCertificate = CertificateArn;
      else others.add(CertificateArn);
    }
  }
  return {
    ...(defaultCertificate !== undefined ? { defaultCertificate } : {}),
    sni: [...others].filter((arn) => arn !== defaultCertificate),
  };
}

/** Makes a certificate the listener's default (`ModifyListener` with only `Certificates`: nothing else changes). */
export async function setDefaultCertificate(
  client: ElasticLoadBalancingV2Client,
  listenerArn: string,
  certificateArn: string,
): Promise<void> {
  await client.send(
    new ModifyListenerCommand({ ListenerArn: listenerArn, Certificates: [{ CertificateArn: certificateArn }] }),
  );
}

/** Adds an SNI certificate to a listener. */
export async function addSniCertificate(
  client: ElasticLoadBalancingV2Client,
  listenerArn: string,
  certificateArn: string,
): Promise<void> {
  await client.send(
    new AddListenerCertificatesCommand({
      ListenerArn: listenerArn,
      Certificates: [{ CertificateArn: certificateArn }],
    }),
  );
}

/** Removes an SNI certificate from a listener (the default certificate cannot be removed this way). */
export async function removeSniCertificate(
  client: ElasticLoadBalancingV2Client,
  listenerArn: string,
  certificateArn: string,
): Promise<void> {
  await client.send(
    new RemoveListenerCertificatesCommand({
      ListenerArn: listenerArn,
      Certificates: [{ CertificateArn: certificateArn }],
    }),
  );
}
