/** Domain types shared by the pure steps (classify, join, report, render). No AWS SDK types here. */
import type { DeliveryFailure } from './delivery-failure';

/** An IAM server certificate's metadata, as listed by `iam:ListServerCertificates`. Never the body or key. */
export interface ServerCertificate {
  readonly name: string;
  /** The `ServerCertificateId` (what CloudFront references). */
  readonly id: string;
  readonly arn: string;
  readonly path: string;
  /** Absent when the API omits it (optional in the model): reported as "expiry unknown". */
  readonly expiration?: Date;
  readonly uploadDate?: Date;
}

/**
 * Most urgent first; `ok` is never alerted on. `unused`: flagged, but proven served nowhere (every enabled region
 * and CloudFront read without a gap): it needs tidying, not a pager. With incomplete coverage a certificate found
 * nowhere keeps its expiry severity.
 */
export type Severity = 'expired' | 'critical' | 'warning' | 'unknown' | 'unused' | 'ok';
export type FlaggedSeverity = Exclude<Severity, 'ok'>;
/** What the expiry alone says (before usage is known). */
export type ExpirySeverity = Exclude<FlaggedSeverity, 'unused'>;

export interface Thresholds {
  /** Days before expiry at which a certificate is `critical` (boundary included). */
  readonly thresholdDays: number;
  /** Days before expiry at which a certificate is `warning`; 0 turns the tier off. */
  readonly warningDays: number;
}

/** Per-certificate settings read from its IAM tags. */
export interface CertificateTagSettings {
  /** `cert-expiry-monitor:ignore` = true: never alert. */
  readonly ignored?: boolean;
  /** `cert-expiry-monitor:ignore` = ISO date: snoozed until then. */
  readonly snoozedUntil?: Date;
  /** `cert-expiry-monitor:threshold-days` override. */
  readonly thresholdDays?: number;
  /** `cert-expiry-monitor:owner`, shown in the alert. */
  readonly owner?: string;
  /** Tag values that could not be understood: "key: why". The defaults applied instead. */
  readonly problems: readonly string[];
}

export interface ClassifiedCertificate {
  readonly certificate: ServerCertificate;
  readonly severity: ExpirySeverity | 'ok';
  /**
   * Whole days until expiry, rounded down (0 = expires within 24 h). Negative when expired: -N means it
   * expired N whole days ago (0 days ago is represented by `daysLeft === 0` with severity `expired`).
   * Absent when the expiry is unknown.
   */
  readonly daysLeft?: number;
}

/** The ELBv2 load balancer types: ALB, NLB, GWLB. */
export type Elbv2Type = 'application' | 'network' | 'gateway';
export type LoadBalancerType = 'classic' | Elbv2Type;

/** What every load balancer listener usage has, whatever the load balancer. */
interface ListenerFields {
  readonly kind: 'listener';
  readonly region: string;
  /** The load balancer's name. */
  readonly name: string;
  readonly dnsName?: string;
  /** HTTPS, SSL, TLS. */
  readonly protocol: string;
  readonly port: number;
}

/** A Classic ELB listener: one certificate per listener, named by load balancer and port (no ARNs). */
export interface ClassicListenerUsage extends ListenerFields {
  readonly type: 'classic';
  readonly role: 'default';
}

/** An ELBv2 listener (ALB, NLB, GWLB): a default certificate and any number of SNI certificates. */
export interface Elbv2ListenerUsage extends ListenerFields {
  readonly type: Elbv2Type;
  /** The load balancer's ARN; absent when the API omitted it. */
  readonly arn?: string;
  /** Absent when the API omitted it: the fix then says how to find it. */
  readonly listenerArn?: string;
  /** Whether the certificate is the listener's default or one of its SNI certificates. */
  readonly role: 'default' | 'sni';
}

/** A certificate on a load balancer listener. */
export type ListenerUsage = ClassicListenerUsage | Elbv2ListenerUsage;

/** A CloudFront distribution: global, serves one certificate on HTTPS 443, referenced by certificate id. */
export interface DistributionUsage {
  readonly kind: 'distribution';
  /** The distribution id, e.g. `E1ABCDEF`. */
  readonly id: string;
  readonly arn?: string;
  /** The distribution's own domain name, `d111111abcdef8.cloudfront.net`. */
  readonly domainName?: string;
  /** The alternate domain names (CNAMEs) it serves. */
  readonly aliases: readonly string[];
}

/** One place that serves a certificate. */
export type CertificateUsage = ListenerUsage | DistributionUsage;

/**
 * A usage as an adapter observed it, before it is matched to a certificate: with `certificateRef`, the
 * certificate ARN (load balancers) or `ServerCertificateId` (CloudFront).
 */
export type ObservedCertificateUse = CertificateUsage & { readonly certificateRef: string };

/** A region/service pair the scan could not read, and why (a sink that could not deliver is a DeliveryFailure). */
export interface CoverageGap {
  readonly region: string;
  readonly service: ScanService;
  readonly reason: string;
}

/** Why an enabled region was not read in full: left out of the configured regions, refused, or failed. */
export type NotCheckedReason = 'excluded' | 'denied' | 'failed';

export interface RegionNotChecked {
  readonly region: string;
  readonly reason: NotCheckedReason;
  /** The configuration, or each failing service with its error. */
  readonly detail: string;
}

export type ScanService = 'ec2' | 'elb' | 'elbv2' | 'cloudfront' | 'iam' | 'acm';

interface FindingFacts {
  readonly certificate: ServerCertificate;
  readonly daysLeft?: number;
  readonly usages: readonly CertificateUsage[];
  readonly owner?: string;
  /** The threshold that applied to this certificate (a tag may override the default). */
  readonly thresholdDays: number;
  /** The DNS names the certificate covers (from its body). Absent when the body was not read or not understood. */
  readonly hostnames?: readonly string[];
  /** What the certificate body says. Absent when it was not read or not understood (see `certificateProblems`). */
  readonly details?: CertificateDetails;
  /** Why the body could not be read or understood: named in the alert. */
  readonly certificateProblems?: readonly string[];
  /** Where its renewal stands. Absent when it could not be looked for (the body's names are unknown). */
  readonly renewal?: Renewal;
  /** Why severity and days left do not follow IAM's listed `Expiration`; absent when they do. */
  readonly expiryEvidence?: ExpiryEvidence;
}

/**
 * A flagged certificate with where it is served and what its body says. An `unused` one keeps the tier its expiry
 * alone gives (`expirySeverity`: expired, critical...) for the time-left wording; no other severity has one.
 */
export type Finding = FindingFacts &
  ({ readonly severity: ExpirySeverity } | { readonly severity: 'unused'; readonly expirySeverity: ExpirySeverity });

/**
 * Where a finding's expiry came from when not from IAM's listing: the body's notAfter (IAM listed no usable
 * `Expiration`), or the chain certificate `subject` that expires before the leaf.
 */
export type ExpiryEvidence =
  | { readonly source: 'body'; readonly notAfter: Date }
  | { readonly source: 'chain'; readonly notAfter: Date; readonly subject: string };

/** The key in a certificate: `RSA` with its size, `EC` with its curve, or another algorithm's name. */
export interface CertificateKey {
  readonly type: string;
  readonly bits?: number;
  readonly curve?: string;
}

/** What a certificate body (and its chain) says. Public data only: IAM never returns the private key. */
export interface CertificateDetails {
  readonly commonName?: string;
  /** DNS subject alternative names, lower case. */
  readonly dnsNames: readonly string[];
  readonly issuer: string;
  readonly selfSigned: boolean;
  readonly key: CertificateKey;
  /** Hex, as OpenSSL prints it. */
  readonly serialNumber: string;
  /** SHA-256 of the DER body, colon-separated hex. */
  readonly fingerprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The chain certificate that expires first; absent when there is no chain. */
  readonly chainExpiry?: { readonly subject: string; readonly notAfter: Date };
  /** The chain certificate that becomes valid last; absent when there is no chain. */
  readonly chainStart?: { readonly subject: string; readonly notBefore: Date };
}

/**
 * Where a flagged certificate's renewal stands: `none` found; `ambiguous`: several qualify, none serves a place of
 * the old one and no `renews` tag decides (no certificate, no switch); `uploaded` but attached nowhere; `partly-rolled-out`
 * (some places serve the renewal, some still the expiring one); `rolled-out` (the expiring one serves nothing).
 */
export type RenewalState = 'none' | 'ambiguous' | 'uploaded' | 'partly-rolled-out' | 'rolled-out';

/** The tag on a candidate that names the certificate it renews; it wins when several qualify. */
export const RENEWS_TAG = 'cert-expiry-monitor:renews';

/** A possible renewal that did not qualify, and the first rule it failed ("not valid until 2026-12-05"). */
export interface RejectedCandidate {
  readonly name: string;
  readonly reason: string;
}

/** What every renewal state carries. */
interface RenewalSearch {
  /** Where the expiring certificate is still served. */
  readonly remaining: readonly CertificateUsage[];
  /** Possible renewals that did not qualify, with the reason. */
  readonly rejected?: readonly RejectedCandidate[];
  /** Possible renewals whose bodies were not read (per-run cap, or a read failed): `none` may be wrong. */
  readonly unchecked: number;
  /**
   * ACM, region by region: one entry per region that serves the expiring certificate (us-east-1 for CloudFront).
   * Where one qualifies there, it is preferred over an IAM renewal.
   */
  readonly acm?: readonly AcmRegionRenewal[];
}

/** The states in which one renewal was taken. */
export type ChosenRenewalState = Exclude<RenewalState, 'none' | 'ambiguous'>;

/** A renewal taken: of all that qualify, the one that expires last, or the one a tag or a served place decides. */
export interface ChosenRenewal extends RenewalSearch {
  readonly state: ChosenRenewalState;
  readonly certificate: ServerCertificate;
  /** The renewal's DNS names. */
  readonly hostnames: readonly string[];
  /** Places of the expiring certificate that serve the renewal already (empty unless `partly-rolled-out`). */
  readonly alreadyServing: readonly CertificateUsage[];
  /** Names of the other certificates that qualify too. */
  readonly alsoQualifying: readonly string[];
  /**
   * Why the renewal was taken when more than one qualified: its `renews` tag names the old certificate, or it
   * alone already serves a place of the old one. Absent when it was the only one.
   */
  readonly chosenBy?: 'tag' | 'serving';
  /**
   * Places that serve the renewal but never served the old certificate as far as the scan can see (e.g. a
   * wildcard on an unrelated listener): not counted in the rollout. Absent when the old one serves nothing.
   */
  readonly servedElsewhere?: readonly CertificateUsage[];
}

export type Renewal =
  | (RenewalSearch & { readonly state: 'none' })
  | (RenewalSearch & {
      readonly state: 'ambiguous';
      /** Every certificate that qualifies (two or more). */
      readonly alsoQualifying: readonly string[];
    })
  | ChosenRenewal;

/** An ACM certificate offered as a renewal. */
export interface AcmCertificateRef {
  readonly arn: string;
  readonly region: string;
  readonly domainName: string;
  readonly hostnames: readonly string[];
  /** AMAZON_ISSUED (ACM renews it itself), IMPORTED, PRIVATE. */
  readonly type?: string;
  /** ELIGIBLE or INELIGIBLE for ACM's managed renewal. */
  readonly renewalEligibility?: string;
  readonly keyAlgorithm?: string;
  readonly notAfter: Date;
}

/**
 * The ACM renewal in one region: `found` (one qualifies, or its renews tag chose it), `none`, `ambiguous` (several
 * qualify, no tag decides), `unknown` (ACM could not be read there: `problem` says why; never ask for an upload).
 */
export type AcmRegionRenewal =
  | {
      readonly region: string;
      readonly state: 'found';
      readonly certificate: AcmCertificateRef;
      /** ARNs of the others that qualify (its renews tag chose it over them). */
      readonly alsoQualifying: readonly string[];
      readonly rejected?: readonly RejectedCandidate[];
    }
  | {
      readonly region: string;
      readonly state: 'ambiguous';
      /** ARNs of all that qualify. */
      readonly alsoQualifying: readonly string[];
      readonly rejected?: readonly RejectedCandidate[];
    }
  | { readonly region: string; readonly state: 'none'; readonly rejected?: readonly RejectedCandidate[] }
  | { readonly region: string; readonly state: 'unknown'; readonly problem: string };

export interface SnoozedCertificate {
  readonly certificate: ServerCertificate;
  readonly daysLeft?: number;
  /** Absent when ignored for good (`ignore=true`). */
  readonly until?: Date;
  readonly owner?: string;
}

export interface Report {
  readonly accountId: string;
  readonly accountAlias?: string;
  /** One account of an organization run: its fix-it commands start with a guard that names it. */
  readonly memberOfOrganization?: boolean;
  /** The run that sends it, the same when the run is retried (run-id.ts). @default - not known (the laptop `check`) */
  readonly runId?: string;
  readonly generatedAt: Date;
  readonly thresholds: Thresholds;
  /** How many certificates were listed in all. */
  readonly certificatesScanned: number;
  /** Most urgent first. */
  readonly findings: readonly Finding[];
  readonly snoozed: readonly SnoozedCertificate[];
  /** Tag values that could not be understood, per certificate name. */
  readonly configurationProblems: readonly { readonly certificateName: string; readonly problem: string }[];
  readonly coverage: {
    /** Regions where every load balancer service was checked. */
    readonly regionsScanned: readonly string[];
    readonly gaps: readonly CoverageGap[];
    /** Every enabled region not read in full, with why (domain/coverage.ts). */
    readonly regionsNotChecked: readonly RegionNotChecked[];
    /** Every enabled region and CloudFront read without a gap: a finding with no usage is proven `unused`. */
    readonly complete: boolean;
  };
  /** The sinks that could not deliver this report, in delivery order (the later sinks name them). @default none */
  readonly deliveryFailures?: readonly DeliveryFailure[];
  /**
   * A sample sent on request (`{"test": true}`, sample-report.ts): nothing was scanned and its certificate does not
   * exist, so every sink marks it as a test and Security Hub keeps no active finding of it. @default a real run
   */
  readonly test?: true;
}
