/**
 * Indexes a scenario once, so each request is answered by map look-ups and slices (no per-request scans of the
 * whole estate). All derived values (ids, ARNs, DNS names, defaults) are computed here.
 */
import { indexAcmCertificates, type IndexedAcmCertificate } from './acm-index';
import {
  classicDnsName,
  cloudFrontDomainName,
  elbv2DnsName,
  elbv2ListenerArn,
  elbv2LoadBalancerArn,
  exampleHostname,
  hexId,
  serverCertificateArn,
  serverCertificateId,
} from './ids';
import type { ClassicProtocol, Elbv2Protocol, Scenario } from './scenario';

export interface IndexedCertificate {
  readonly name: string;
  readonly id: string;
  readonly path: string;
  readonly arn: string;
  readonly expiration?: Date;
  readonly uploadDate: Date;
  readonly tags: readonly (readonly [string, string])[];
  /** The body's DNS names (scenario value or `NAME.example.com`). */
  readonly hostnames: readonly string[];
  /** Explicit PEMs from the scenario; absent: generated on the first `GetServerCertificate`. */
  readonly body?: string;
  readonly chain?: string;
  readonly intermediateExpiration?: Date;
}

export interface IndexedClassicListener {
  readonly protocol: ClassicProtocol;
  readonly port: number;
  readonly instanceProtocol: ClassicProtocol;
  readonly instancePort: number;
  /** Changed by SetLoadBalancerListenerSSLCertificate. */
  sslCertificateId?: string;
}

export interface IndexedClassicLoadBalancer {
  readonly name: string;
  readonly dnsName: string;
  readonly scheme: string;
  readonly listeners: readonly IndexedClassicListener[];
}

export interface IndexedListener {
  readonly arn: string;
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: Elbv2Protocol;
  readonly sslPolicy?: string;
  /** Changed by ModifyListener. */
  defaultCertificateArn?: string;
  /** Changed by AddListenerCertificates and RemoveListenerCertificates. */
  sniCertificateArns: readonly string[];
}

export interface IndexedElbv2LoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly dnsName: string;
  readonly type: 'application' | 'network' | 'gateway';
  readonly scheme: string;
  readonly state: string;
  readonly listeners: readonly IndexedListener[];
}

export interface RegionIndex {
  readonly classic: readonly IndexedClassicLoadBalancer[];
  readonly classicByName: ReadonlyMap<string, IndexedClassicLoadBalancer>;
  readonly elbv2: readonly IndexedElbv2LoadBalancer[];
  readonly elbv2ByArn: ReadonlyMap<string, IndexedElbv2LoadBalancer>;
  readonly elbv2ByName: ReadonlyMap<string, IndexedElbv2LoadBalancer>;
  readonly listenersByArn: ReadonlyMap<string, IndexedListener>;
  readonly acm: readonly IndexedAcmCertificate[];
  readonly acmByArn: ReadonlyMap<string, IndexedAcmCertificate>;
}

export interface IndexedDistribution {
  readonly id: string;
  readonly arn: string;
  readonly domainName: string;
  readonly aliases: readonly string[];
  readonly enabled: boolean;
  /** The viewer certificate and its settings, and the config's ETag: changed by UpdateDistribution. */
  iamCertificateId?: string | undefined;
  acmCertificateArn?: string | undefined;
  minimumProtocolVersion: string;
  sslSupportMethod: string;
  etag: string;
  /** When the last update is deployed to every edge location (ms); `InProgress` until then. */
  deployedAt: number;
}

export interface ScenarioIndex {
  readonly accountId: string;
  readonly accountAliases: readonly string[];
  readonly enabledRegions: readonly string[];
  readonly optInRegions: ReadonlySet<string>;
  readonly certificates: readonly IndexedCertificate[];
  readonly certificatesByName: ReadonlyMap<string, IndexedCertificate>;
  /** IAM DeleteServerCertificate: the certificate is gone from every listing. */
  deleteCertificate(name: string): void;
  readonly distributions: readonly IndexedDistribution[];
  readonly topics: ReadonlySet<string>;
  /** The region's load balancers and ACM certificates; an empty index for regions with nothing in them. */
  region(name: string): RegionIndex;
  /** Whether Security Hub CSPM is enabled in the region. */
  securityHubEnabled(region: string): boolean;
}

const EMPTY_REGION: RegionIndex = {
  classic: [],
  classicByName: new Map(),
  elbv2: [],
  elbv2ByArn: new Map(),
  elbv2ByName: new Map(),
  listenersByArn: new Map(),
  acm: [],
  acmByArn: new Map(),
};

/** A distribution config's ETag, derived from the one before it: a new one on every update, as CloudFront does. */
export function distributionEtag(id: string, previous = ''): string {
  return `E${hexId(`etag|${id}|${previous}`, 13).toUpperCase()}`;
}

const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const YEAR_MS = 365 * 86_400_000;

export function indexScenario(scenario: Scenario): ScenarioIndex {
  const accountId = scenario.accountId;
  const certificates: IndexedCertificate[] = scenario.certificates.map((c) => {
    const path = c.path ?? '/';
    const expiration = c.expiration === null ? undefined : new Date(c.expiration);
    const uploadDate = c.uploadDate
      ? new Date(c.uploadDate)
      : expiration
        ? new Date(expiration.getTime() - YEAR_MS)
        : new Date('2020-01-01T00:00:00Z');
    return {
      name: c.name,
      id: c.id ?? serverCertificateId(accountId, path, c.name),
      path,
      arn: serverCertificateArn(accountId, path, c.name),
      ...(expiration ? { expiration } : {}),
      uploadDate,
      tags: Object.entries(c.tags ?? {}),
      hostnames: c.hostnames ?? [exampleHostname(c.name)],
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.chain !== undefined ? { chain: c.chain } : {}),
      ...(c.intermediateExpiration !== undefined ? { intermediateExpiration: new Date(c.intermediateExpiration) } : {}),
    };
  });
  const certificatesByName = new Map(certificates.map((c) => [c.name, c]));
  const certArn = (ref: string | undefined): string | undefined =>
    ref === undefined ? undefined : (certificatesByName.get(ref)?.arn ?? ref);

  const regions = new Map<string, RegionIndex>();
  for (const [region, estate] of Object.entries(scenario.regions ?? {})) {
    const classic = (estate.classicLoadBalancers ?? []).map((lb): IndexedClassicLoadBalancer => {
      const scheme = lb.scheme ?? 'internet-facing';
      return {
        name: lb.name,
        dnsName: lb.dnsName ?? classicDnsName(region, lb.name, scheme === 'internal'),
        scheme,
        listeners: lb.listeners.map((l) => {
          const secure = l.protocol === 'HTTPS' || l.protocol === 'SSL';
          const sslCertificateId = certArn(l.certificate);
          return {
            protocol: l.protocol,
            port: l.port,
            instanceProtocol: l.instanceProtocol ?? (l.protocol === 'HTTPS' || l.protocol === 'HTTP' ? 'HTTP' : 'TCP'),
            instancePort: l.instancePort ?? 80,
            ...(secure && sslCertificateId ? { sslCertificateId } : {}),
          };
        }),
      };
    });
    const listenersByArn = new Map<string, IndexedListener>();
    const elbv2 = (estate.loadBalancers ?? []).map((lb): IndexedElbv2LoadBalancer => {
      const scheme = lb.scheme ?? 'internet-facing';
      const arn = elbv2LoadBalancerArn(region, accountId, lb.type, lb.name);
      const listeners = lb.listeners.map((l): IndexedListener => {
        const secure = l.protocol === 'HTTPS' || l.protocol === 'TLS';
        const defaultCertificateArn = certArn(l.defaultCertificate);
        const listener: IndexedListener = {
          arn: elbv2ListenerArn(arn, l.port),
          loadBalancerArn: arn,
          port: l.port,
          protocol: l.protocol,
          ...(secure ? { sslPolicy: l.sslPolicy ?? DEFAULT_SSL_POLICY } : {}),
          ...(defaultCertificateArn ? { defaultCertificateArn } : {}),
          sniCertificateArns: (l.sniCertificates ?? []).map((r) => certArn(r)!),
        };
        listenersByArn.set(listener.arn, listener);
        return listener;
      });
      return {
        arn,
        name: lb.name,
        dnsName: lb.dnsName ?? elbv2DnsName(region, lb.name, lb.type, scheme === 'internal'),
        type: lb.type,
        scheme,
        state: lb.state ?? 'active',
        listeners,
      };
    });
    const acm = indexAcmCertificates(region, accountId, estate.acmCertificates ?? []);
    regions.set(region, {
      classic,
      classicByName: new Map(classic.map((lb) => [lb.name, lb])),
      elbv2,
      elbv2ByArn: new Map(elbv2.map((lb) => [lb.arn, lb])),
      elbv2ByName: new Map(elbv2.map((lb) => [lb.name, lb])),
      listenersByArn,
      acm,
      acmByArn: new Map(acm.map((c) => [c.arn, c])),
    });
  }

  const distributions = (scenario.cloudFrontDistributions ?? []).map((d): IndexedDistribution => {
    const iamCertificateId =
      d.iamCertificate === undefined ? undefined : (certificatesByName.get(d.iamCertificate)?.id ?? d.iamCertificate);
    return {
      id: d.id,
      arn: `arn:aws:cloudfront::${accountId}:distribution/${d.id}`,
      domainName: d.domainName ?? cloudFrontDomainName(d.id),
      aliases: d.aliases ?? [],
      enabled: d.enabled ?? true,
      ...(iamCertificateId ? { iamCertificateId } : {}),
      minimumProtocolVersion: d.minimumProtocolVersion ?? (iamCertificateId ? 'TLSv1.2_2021' : 'TLSv1'),
      sslSupportMethod: d.sslSupportMethod ?? 'sni-only',
      etag: distributionEtag(d.id),
      deployedAt: 0,
    };
  });

  const securityHub = scenario.securityHub ?? true;
  return {
    accountId,
    accountAliases: scenario.accountAliases ?? [],
    enabledRegions: scenario.enabledRegions,
    optInRegions: new Set(scenario.optInRegions ?? []),
    certificates,
    certificatesByName,
    deleteCertificate: (name) => {
      const at = certificates.findIndex((c) => c.name === name);
      if (at >= 0) certificates.splice(at, 1);
      certificatesByName.delete(name);
    },
    distributions,
    topics: new Set(scenario.topics ?? []),
    region: (name) => regions.get(name) ?? EMPTY_REGION,
    securityHubEnabled: (region) => (typeof securityHub === 'boolean' ? securityHub : securityHub.includes(region)),
  };
}
