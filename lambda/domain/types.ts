/** Domain types shared by the pure steps (classify, join, report, render). No AWS SDK types here. */

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

/** Most urgent first; `ok` is never alerted on. */
export type Severity = 'expired' | 'critical' | 'warning' | 'unknown' | 'ok';
export type FlaggedSeverity = Exclude<Severity, 'ok'>;

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
  readonly severity: Severity;
  /**
   * Whole days until expiry, rounded down (0 = expires within 24 h). Negative when expired: -N means it
   * expired N whole days ago (0 days ago is represented by `daysLeft === 0` with severity `expired`).
   * Absent when the expiry is unknown.
   */
  readonly daysLeft?: number;
}

export type LoadBalancerType = 'classic' | 'application' | 'network' | 'gateway' | 'cloudfront';

/** One place that serves a certificate. */
export interface CertificateUsage {
  readonly loadBalancerType: LoadBalancerType;
  /** AWS region; `global` for CloudFront. */
  readonly region: string;
  /** Load balancer name, or CloudFront distribution id. */
  readonly loadBalancerName: string;
  readonly loadBalancerArn?: string;
  readonly dnsName?: string;
  readonly listenerArn?: string;
  /** HTTPS, SSL, TLS; for CloudFront `HTTPS`. */
  readonly protocol: string;
  readonly port: number;
  /** Whether the certificate is the listener's default or one of its SNI certificates. */
  readonly role: 'default' | 'sni';
  /** CloudFront only: the distribution's alternate domain names. */
  readonly aliases?: readonly string[];
}

/** A usage as an adapter observed it, before it is matched to a certificate. */
export interface ObservedCertificateUse extends CertificateUsage {
  /** The certificate ARN (load balancers) or `ServerCertificateId` (CloudFront). */
  readonly certificateRef: string;
}

/** A region/service pair that could not be checked, and why. */
export interface CoverageGap {
  readonly region: string;
  readonly service: ScanService;
  readonly reason: string;
}

export type ScanService = 'ec2' | 'elb' | 'elbv2' | 'cloudfront' | 'iam';

export interface Finding {
  readonly certificate: ServerCertificate;
  readonly severity: FlaggedSeverity;
  readonly daysLeft?: number;
  readonly usages: readonly CertificateUsage[];
  readonly owner?: string;
  /** The threshold that applied to this certificate (a tag may override the default). */
  readonly thresholdDays: number;
}

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
  };
}
