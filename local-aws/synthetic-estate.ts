/**
 * Large, deterministic synthetic estates for scale tests and benchmarks: N certificates of which K expire soon
 * (relative to `now`), R regions each with L Classic and L ELBv2 load balancers, two secure listeners per load
 * balancer, S SNI certificates per ELBv2 listener. Same props + seed → same scenario.
 */
import { createRandom, type Random } from './prng';
import type {
  ClassicLoadBalancer,
  Elbv2LoadBalancer,
  RegionEstate,
  Scenario,
  ScenarioCertificate,
} from './estate/scenario';

/** The 17 commercial regions enabled by default (no opt-in needed). */
export const DEFAULT_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];

export interface SyntheticEstateProps {
  /** Expiries are relative to this instant. */
  readonly now: Date;
  /** N: certificates in the account. */
  readonly certificates: number;
  /** K: how many of them expire within `expiringWithinDays` (some already expired). */
  readonly expiringSoon: number;
  /** Region count (first R of DEFAULT_REGIONS) or explicit names. @default all 17 */
  readonly regions?: number | readonly string[];
  /** L: Classic load balancers per region. @default 0 */
  readonly classicPerRegion?: number;
  /** L: ELBv2 load balancers per region (alternating ALB / NLB). @default 0 */
  readonly elbv2PerRegion?: number;
  /** S: SNI certificates per ELBv2 listener. @default 0 */
  readonly sniPerListener?: number;
  /** Expiring certificates expire in (now - 3 days, now + this]. Others expire 120-800 days out. @default 14 */
  readonly expiringWithinDays?: number;
  /** How many of the non-expiring certificates have no Expiration (unknown). @default 0 */
  readonly unknownExpiry?: number;
  /** @default 1 */
  readonly seed?: number;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** @default [`arn:aws:sns:us-east-1:ACCOUNT:iam-cert-expiry-alerts`] */
  readonly topics?: readonly string[];
}

export interface SyntheticEstate {
  readonly scenario: Scenario;
  /** Names of the K certificates expiring soon (or already expired). */
  readonly expiringCertificates: readonly string[];
  /** Names of the certificates with unknown expiry. */
  readonly unknownExpiryCertificates: readonly string[];
  readonly loadBalancerCount: number;
  readonly listenerCount: number;
}

const DAY_MS = 86_400_000;

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

export function syntheticEstate(props: SyntheticEstateProps): SyntheticEstate {
  const random = createRandom(props.seed ?? 1);
  const accountId = props.accountId ?? '123456789012';
  const n = props.certificates;
  const k = Math.min(props.expiringSoon, n);
  const unknown = Math.min(props.unknownExpiry ?? 0, n - k);
  const within = props.expiringWithinDays ?? 14;
  const regions =
    typeof props.regions === 'number' ? DEFAULT_REGIONS.slice(0, props.regions) : (props.regions ?? DEFAULT_REGIONS);
  const classicPerRegion = props.classicPerRegion ?? 0;
  const elbv2PerRegion = props.elbv2PerRegion ?? 0;
  const sni = props.sniPerListener ?? 0;
  const now = props.now.getTime();

  // Choose which certificate indices expire soon / have unknown expiry with a seeded shuffle.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const expiringSet = new Set(order.slice(0, k));
  const unknownSet = new Set(order.slice(k, k + unknown));

  const names: string[] = [];
  const certificates: ScenarioCertificate[] = [];
  for (let i = 0; i < n; i++) {
    const name = `cert-${String(i).padStart(5, '0')}`;
    names.push(name);
    const days = expiringSet.has(i) ? -3 + random() * (within + 3) : 120 + random() * 680;
    const expiration = unknownSet.has(i) ? null : new Date(now + days * DAY_MS).toISOString();
    const uploadDate = new Date(now - (30 + Math.floor(random() * 700)) * DAY_MS).toISOString();
    certificates.push({ name, expiration, uploadDate, tags: { 'cert-expiry-monitor:owner': `team-${i % 7}` } });
  }

  let listenerCount = 0;
  const estates: Record<string, RegionEstate> = {};
  regions.forEach((region, r) => {
    const classic: ClassicLoadBalancer[] = [];
    for (let i = 0; i < classicPerRegion; i++) {
      classic.push({
        name: `clb-${r}-${i}`,
        listeners: [
          { protocol: 'HTTPS', port: 443, instancePort: 80, certificate: pick(names, random) },
          {
            protocol: 'SSL',
            port: 8443,
            instancePort: 8443,
            instanceProtocol: 'TCP',
            certificate: pick(names, random),
          },
          { protocol: 'HTTP', port: 80, instancePort: 80 },
        ],
      });
      listenerCount += 3;
    }
    const elbv2: Elbv2LoadBalancer[] = [];
    for (let i = 0; i < elbv2PerRegion; i++) {
      const type = i % 2 === 0 ? 'application' : 'network';
      const protocol = type === 'application' ? 'HTTPS' : 'TLS';
      const listener = (port: number) =>
        ({
          protocol,
          port,
          defaultCertificate: pick(names, random),
          sniCertificates: Array.from({ length: sni }, () => pick(names, random)),
        }) as const;
      elbv2.push({
        name: `${type === 'application' ? 'alb' : 'nlb'}-${r}-${i}`,
        type,
        listeners: [listener(443), listener(8443)],
      });
      listenerCount += 2;
    }
    estates[region] = { classicLoadBalancers: classic, loadBalancers: elbv2 };
  });

  return {
    scenario: {
      accountId,
      accountAliases: ['synthetic-estate'],
      enabledRegions: regions,
      certificates,
      regions: estates,
      topics: props.topics ?? [`arn:aws:sns:us-east-1:${accountId}:iam-cert-expiry-alerts`],
    },
    expiringCertificates: names.filter((_, i) => expiringSet.has(i)),
    unknownExpiryCertificates: names.filter((_, i) => unknownSet.has(i)),
    loadBalancerCount: regions.length * (classicPerRegion + elbv2PerRegion),
    listenerCount,
  };
}
