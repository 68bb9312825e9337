/**
 * The scenario: what the loopback AWS server serves. Plain, JSON-serialisable data.
 * `ScenarioFile` is the on-disk form (dates may be relative to a `now`); `resolveScenario` turns it into a
 * `Scenario` with absolute dates and checks it, collecting every problem into one error.
 */
import { readFileSync } from 'node:fs';
import {
  resolveAcmCertificate,
  validateAcmCertificates,
  type AcmCertificate,
  type ScenarioFileAcmCertificate,
} from './acm-scenario';
import { daysFrom } from './relative-date';

/** A certificate reference in a listener: a scenario certificate's name, or a raw ARN / sentinel used verbatim. */
export type CertificateRef = string;

/** The Classic ELB sentinel AWS reports when a listener's certificate was deleted. */
export const INVALID_CERTIFICATE = 'Invalid-Certificate';

export interface ScenarioCertificate {
  readonly name: string;
  /** @default derived from account, path and name: `ASCA` + 17 characters */
  readonly id?: string;
  /** @default '/' */
  readonly path?: string;
  /** ISO 8601 expiry, or `null` when `Expiration` must be omitted from the API response (unknown). */
  readonly expiration: string | null;
  /** @default one year before the expiration, or 2020-01-01T00:00:00Z when the expiration is unknown */
  readonly uploadDate?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * DNS names of the certificate body `GetServerCertificate` returns (the first is also its CN).
   * @default one name derived from the certificate name: `NAME.example.com`
   */
  readonly hostnames?: readonly string[];
  /**
   * The body (PEM) to return verbatim, e.g. one that does not parse. @default a certificate generated on the
   * first request for `hostnames`, valid until `expiration` (a year after the upload when that is unknown),
   * issued by a generated intermediate and root CA (local-aws/estate/certificate-factory.ts)
   */
  readonly body?: string;
  /** The chain (PEM) to return with an explicit `body`. @default none with an explicit body, else the generated chain */
  readonly chain?: string;
  /** When the generated intermediate CA expires. @default 2049-12-31 (one intermediate shared by every certificate) */
  readonly intermediateExpiration?: string;
}

export type ClassicProtocol = 'HTTPS' | 'SSL' | 'HTTP' | 'TCP';

export interface ClassicListener {
  readonly protocol: ClassicProtocol;
  readonly port: number;
  /** @default 80 */
  readonly instancePort?: number;
  /** @default HTTP for HTTPS/HTTP listeners, TCP for SSL/TCP */
  readonly instanceProtocol?: ClassicProtocol;
  /** Certificate name, raw ARN, or the `Invalid-Certificate` sentinel. @default none (plain listener) */
  readonly certificate?: CertificateRef;
}

export interface ClassicLoadBalancer {
  readonly name: string;
  /** @default derived: `NAME-1234567890.REGION.elb.amazonaws.com` */
  readonly dnsName?: string;
  /** @default 'internet-facing' */
  readonly scheme?: 'internet-facing' | 'internal';
  readonly listeners: readonly ClassicListener[];
}

export type Elbv2Protocol = 'HTTPS' | 'TLS' | 'HTTP' | 'TCP' | 'UDP' | 'TCP_UDP' | 'GENEVE';

export interface Elbv2Listener {
  readonly protocol: Elbv2Protocol;
  readonly port: number;
  /** Certificate name or raw ARN. @default none */
  readonly defaultCertificate?: CertificateRef;
  /** Extra (SNI) certificates. @default [] */
  readonly sniCertificates?: readonly CertificateRef[];
  /** @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' for HTTPS/TLS listeners, none otherwise */
  readonly sslPolicy?: string;
}

export interface Elbv2LoadBalancer {
  readonly name: string;
  readonly type: 'application' | 'network' | 'gateway';
  /** @default 'internet-facing' */
  readonly scheme?: 'internet-facing' | 'internal';
  /** @default derived in AWS's format for the type */
  readonly dnsName?: string;
  /** @default 'active' */
  readonly state?: 'active' | 'provisioning' | 'active_impaired' | 'failed';
  readonly listeners: readonly Elbv2Listener[];
}

export interface RegionEstate {
  /** @default [] */
  readonly classicLoadBalancers?: readonly ClassicLoadBalancer[];
  /** ALB / NLB / GWLB. @default [] */
  readonly loadBalancers?: readonly Elbv2LoadBalancer[];
  /** ACM certificates in this region. @default [] */
  readonly acmCertificates?: readonly AcmCertificate[];
}

export interface CloudFrontDistribution {
  readonly id: string;
  /** @default derived `xxxxxxxxxxxxxx.cloudfront.net` */
  readonly domainName?: string;
  /** @default [] */
  readonly aliases?: readonly string[];
  /** Name of a scenario certificate; served as its `ServerCertificateId`. @default CloudFront default certificate */
  readonly iamCertificate?: string;
  /** @default true */
  readonly enabled?: boolean;
  /** @default 'TLSv1.2_2021' */
  readonly minimumProtocolVersion?: string;
  /** @default 'sni-only' */
  readonly sslSupportMethod?: 'sni-only' | 'vip' | 'static-ip';
}

export interface Scenario {
  /** 12 digits. */
  readonly accountId: string;
  /** @default [] */
  readonly accountAliases?: readonly string[];
  /** What `DescribeRegions` returns by default. */
  readonly enabledRegions: readonly string[];
  /** Opt-in regions this account has NOT opted in to (listed only with `AllRegions`; regional calls fail). @default [] */
  readonly optInRegions?: readonly string[];
  readonly certificates: readonly ScenarioCertificate[];
  /** Keyed by region name. @default {} */
  readonly regions?: Readonly<Record<string, RegionEstate>>;
  /** @default [] */
  readonly cloudFrontDistributions?: readonly CloudFrontDistribution[];
  /** SNS topic ARNs that exist. @default [] */
  readonly topics?: readonly string[];
  /**
   * Where Security Hub CSPM is enabled: every region (`true`), none (`false`), or the regions listed. Elsewhere
   * GetFindings answers InvalidAccessException and BatchImportFindings fails each finding. @default true
   */
  readonly securityHub?: boolean | readonly string[];
}

/** A certificate as written in a JSON scenario file: give exactly one of `expiration` and `expiresInDays`. */
export interface ScenarioFileCertificate extends Omit<ScenarioCertificate, 'expiration' | 'uploadDate'> {
  /** Absolute ISO 8601 expiry, or `null` for unknown. */
  readonly expiration?: string | null;
  /** Expiry relative to the `now` given when loading (may be negative or fractional). */
  readonly expiresInDays?: number;
  readonly uploadDate?: string;
  /** Upload date relative to `now`. @default with `expiresInDays`: 365 days before the expiry, at most 1 day ago */
  readonly uploadedDaysAgo?: number;
  /** `intermediateExpiration` relative to `now`. */
  readonly intermediateExpiresInDays?: number;
}

/** A region as written in a JSON scenario file (ACM validity may be relative to `now`). */
export interface ScenarioFileRegion extends Omit<RegionEstate, 'acmCertificates'> {
  readonly acmCertificates?: readonly ScenarioFileAcmCertificate[];
}

/** The JSON file form of a scenario. Keys starting with `$` (e.g. `$comment`) are ignored anywhere. */
export interface ScenarioFile extends Omit<Scenario, 'certificates' | 'regions'> {
  readonly certificates: readonly ScenarioFileCertificate[];
  readonly regions?: Readonly<Record<string, ScenarioFileRegion>>;
}

export interface ResolveOptions {
  /** The instant that relative dates (`expiresInDays`, `uploadedDaysAgo`) count from. @default new Date() */
  readonly now?: Date;
}

/** Resolves relative dates against `now`, fills no other defaults, and validates; throws once with every problem. */
export function resolveScenario(file: ScenarioFile, options: ResolveOptions = {}): Scenario {
  const now = options.now ?? new Date();
  const errors: string[] = [];
  const certificates = (file.certificates ?? []).map((c, i): ScenarioCertificate => {
    const where = `certificates[${i}] (${c.name})`;
    const hasAbsolute = c.expiration !== undefined;
    const hasRelative = c.expiresInDays !== undefined;
    if (hasAbsolute === hasRelative) errors.push(`${where}: give exactly one of expiration and expiresInDays`);
    if (c.uploadDate !== undefined && c.uploadedDaysAgo !== undefined)
      errors.push(`${where}: give at most one of uploadDate and uploadedDaysAgo`);
    const expiration = hasRelative ? daysFrom(now, c.expiresInDays!) : (c.expiration ?? null);
    // A relative expiry without an upload date: uploaded a year before it expires, but never later than a day
    // ago (the body is valid from its upload, and a renewal that is not valid yet does not qualify).
    const defaultDaysAgo = hasRelative && c.uploadDate === undefined ? Math.max(1, 365 - c.expiresInDays!) : undefined;
    const daysAgo = c.uploadedDaysAgo ?? defaultDaysAgo;
    const uploadDate = daysAgo !== undefined ? daysFrom(now, -daysAgo) : c.uploadDate;
    const intermediateExpiration =
      c.intermediateExpiresInDays !== undefined ? daysFrom(now, c.intermediateExpiresInDays) : c.intermediateExpiration;
    const { expiresInDays: _e, uploadedDaysAgo: _u, intermediateExpiresInDays: _i, ...rest } = c;
    return stripComments({
      ...rest,
      expiration,
      ...(uploadDate !== undefined ? { uploadDate } : {}),
      ...(intermediateExpiration !== undefined ? { intermediateExpiration } : {}),
    });
  });
  const { regions, ...rest } = file;
  const scenario: Scenario = stripComments({
    ...rest,
    certificates,
    ...(regions ? { regions: resolveRegions(regions, now, errors) } : {}),
  });
  errors.push(...validateScenario(scenario));
  if (errors.length > 0) throw new Error(`Invalid scenario:\n  - ${errors.join('\n  - ')}`);
  return scenario;
}

function resolveRegions(
  regions: Readonly<Record<string, ScenarioFileRegion>>,
  now: Date,
  errors: string[],
): Record<string, RegionEstate> {
  const resolved: Record<string, RegionEstate> = {};
  for (const [region, { acmCertificates, ...estate }] of Object.entries(regions)) {
    resolved[region] = {
      ...estate,
      ...(acmCertificates
        ? {
            acmCertificates: acmCertificates.map((c, i) =>
              resolveAcmCertificate(c, now, `${region} acmCertificates[${i}] (${c.name})`, errors),
            ),
          }
        : {}),
    };
  }
  return resolved;
}

/** Reads a JSON scenario file and resolves it against `now`. */
export function loadScenarioFile(path: string, options: ResolveOptions = {}): Scenario {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ScenarioFile;
  return resolveScenario(file, options);
}

/** Every problem with a scenario (empty when it is sound). */
export function validateScenario(s: Scenario): string[] {
  const errors: string[] = [];
  if (!/^\d{12}$/.test(s.accountId ?? ''))
    errors.push(`accountId must be 12 digits, got ${JSON.stringify(s.accountId)}`);
  if (!Array.isArray(s.enabledRegions)) errors.push('enabledRegions must be an array of region names');
  const names = new Set<string>();
  for (const c of s.certificates ?? []) {
    if (!c.name) errors.push('a certificate has no name');
    if (names.has(c.name)) errors.push(`duplicate certificate name ${c.name}`);
    names.add(c.name);
    const path = c.path ?? '/';
    if (!path.startsWith('/') || !path.endsWith('/'))
      errors.push(`certificate ${c.name}: path must start and end with '/'`);
    if (c.expiration !== null && Number.isNaN(Date.parse(c.expiration)))
      errors.push(`certificate ${c.name}: bad expiration ${c.expiration}`);
    if (c.uploadDate !== undefined && Number.isNaN(Date.parse(c.uploadDate)))
      errors.push(`certificate ${c.name}: bad uploadDate ${c.uploadDate}`);
    if (c.intermediateExpiration !== undefined && Number.isNaN(Date.parse(c.intermediateExpiration))) {
      errors.push(`certificate ${c.name}: bad intermediateExpiration ${c.intermediateExpiration}`);
    }
    if (c.chain !== undefined && c.body === undefined)
      errors.push(`certificate ${c.name}: a chain needs an explicit body`);
  }
  const checkRef = (ref: string | undefined, where: string) => {
    if (ref === undefined || ref.startsWith('arn:') || ref === INVALID_CERTIFICATE) return;
    if (!names.has(ref)) errors.push(`${where}: unknown certificate ${ref} (use a certificate name or a full ARN)`);
  };
  for (const [region, estate] of Object.entries(s.regions ?? {})) {
    for (const lb of estate.classicLoadBalancers ?? []) {
      for (const l of lb.listeners) checkRef(l.certificate, `${region} classic ${lb.name}:${l.port}`);
    }
    for (const lb of estate.loadBalancers ?? []) {
      if (!['application', 'network', 'gateway'].includes(lb.type))
        errors.push(`${region} ${lb.name}: bad type ${lb.type}`);
      for (const l of lb.listeners) {
        checkRef(l.defaultCertificate, `${region} ${lb.name}:${l.port}`);
        for (const sni of l.sniCertificates ?? []) checkRef(sni, `${region} ${lb.name}:${l.port} SNI`);
      }
    }
  }
  for (const [region, estate] of Object.entries(s.regions ?? {}))
    errors.push(...validateAcmCertificates(region, estate.acmCertificates ?? []));
  for (const d of s.cloudFrontDistributions ?? []) checkRef(d.iamCertificate, `distribution ${d.id}`);
  for (const t of s.topics ?? []) {
    if (!/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]{1,256}$/.test(t)) errors.push(`topic ${t} is not an SNS topic ARN`);
  }
  return errors;
}

function stripComments<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripComments) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripComments(v);
  return out as T;
}
