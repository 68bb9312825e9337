/**
 * The machine report (SQS, Lambda and email-json subscribers): versioned, self-describing, dates as ISO 8601
 * strings, absent values as null. Its JSON Schema is schema/report.schema.json.
 */
import { bodyExpiryMismatch, chainExpiringFirst } from '../domain/certificate-details';
import { expiryUsed, type ExpiryUsed } from '../domain/effective-expiry';
import { alreadyServing, chosenRenewal, placesInRollout } from '../domain/renewal';
import { deliveryFailureReason, type DeliveryFailure } from '../domain/delivery-failure';
import type {
  AcmRegionRenewal,
  CertificateUsage,
  ExpirySeverity,
  Finding,
  FlaggedSeverity,
  NotCheckedReason,
  RejectedCandidate,
  RenewalState,
  Report,
  Severity,
} from '../domain/types';
import { countBySeverity, worstSeverity } from '../domain/severity';
import { consoleUrl, partitionOf, remediationFor } from './remediation';
import { type RenderView, toView } from './render-view';
import { JSON_CAPS, capped } from './list-caps';
import { expiryTier, notCheckedPlaces } from './coverage-text';
import { guardOf } from './account-guard';
import { usageRecord, type UsageRecord } from './usage-record';

/**
 * 1.2: `omitted`, renewal candidates and ACM renewals, the `unused` severity, `expirySeverity`, `coverage.complete`
 * and `coverage.regionsNotChecked`. 1.3: `deliveryFailures` (a sink that could not deliver is no longer a gap with
 * service `sink`).
 */
export const REPORT_SCHEMA_VERSION = '1.3';

/** A sink that could not deliver this report (schema 1.3); `reason` says why, or after how long it was stopped. */
export interface JsonDeliveryFailure {
  readonly sink: string;
  readonly region: string;
  readonly kind: DeliveryFailure['kind'];
  readonly reason: string;
}

export function jsonDeliveryFailures(failures: readonly DeliveryFailure[] = []): JsonDeliveryFailure[] {
  return failures.map((f) => ({ sink: f.sink, region: f.region, kind: f.kind, reason: deliveryFailureReason(f) }));
}

export interface JsonUsage extends UsageRecord {
  readonly consoleUrl: string;
}

/**
 * A usage in a compact finding: what cannot be derived. No console link, no DNS name; `arn` (the load balancer)
 * only when there is no listener ARN to read it from; `aliases` only when there are some.
 */
export interface JsonCompactUsage extends Pick<
  UsageRecord,
  'type' | 'region' | 'name' | 'listenerArn' | 'protocol' | 'port' | 'role'
> {
  readonly arn?: string;
  readonly aliases?: readonly string[];
}

/** What the certificate body says (schema 1.1). */
export interface JsonCertificateDetails {
  readonly commonName: string | null;
  readonly dnsNames: readonly string[];
  readonly issuer: string;
  readonly selfSigned: boolean;
  readonly key: { readonly type: string; readonly bits: number | null; readonly curve: string | null };
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** The body's notAfter differs from IAM's Expiration. */
  readonly notAfterDiffersFromIam: boolean;
  /** The chain certificate that expires first; null without a chain. */
  readonly chainExpiry: {
    readonly subject: string;
    readonly notAfter: string;
    readonly beforeCertificate: boolean;
  } | null;
}

/** Where the renewal stands (schema 1.1). */
export interface JsonRenewal {
  readonly state: RenewalState;
  readonly certificate: {
    readonly name: string;
    readonly arn: string;
    readonly id: string;
    readonly path: string;
    readonly expiration: string | null;
    readonly hostnames: readonly string[];
  } | null;
  /** Distinct places (listeners, distributions) serving either certificate. */
  readonly placesInRollout: number;
  readonly alreadyServing: readonly JsonCompactUsage[];
  readonly remaining: readonly JsonCompactUsage[];
  readonly alsoQualifying: readonly string[];
  readonly unchecked: number;
  /** Schema 1.2: why the renewal taken was taken over others that qualify (null: it alone qualified, or none). */
  readonly chosenBy: 'tag' | 'serving' | null;
  /** Schema 1.2: possible renewals that did not qualify, with the first rule each failed. */
  readonly rejected: readonly { readonly name: string; readonly reason: string }[];
  /** Schema 1.2: places serving the renewal where the expiring certificate is not (not counted in the rollout). */
  readonly servedElsewhere: readonly JsonCompactUsage[];
  /** Schema 1.2: the ACM renewal in each region serving the certificate (us-east-1 for CloudFront); [] when not read. */
  readonly acm: readonly {
    readonly region: string;
    readonly state: 'found' | 'none' | 'ambiguous' | 'unknown';
    readonly certificate: {
      readonly arn: string;
      readonly domainName: string;
      readonly hostnames: readonly string[];
      readonly type: string | null;
      readonly renewalEligibility: string | null;
      readonly keyAlgorithm: string | null;
      readonly notAfter: string;
    } | null;
    readonly alsoQualifying: readonly string[];
    readonly rejected: readonly { readonly name: string; readonly reason: string }[];
    readonly problem: string | null;
  }[];
}

export interface JsonFinding {
  readonly position: number;
  /** The DNS names the certificate covers (first: they are what breaks); null when its body was not read or not understood. */
  readonly hostnames: readonly string[] | null;
  /** `unused`: served nowhere, with every enabled region and CloudFront checked (not paging). */
  readonly severity: FlaggedSeverity;
  /** What the expiry alone gives (the same as `severity` unless that is `unused`). */
  readonly expirySeverity: ExpirySeverity;
  readonly daysLeft: number | null;
  /** The date `daysLeft` counts to; null when the expiry is unknown (schema 1.2, optional for older readers). */
  readonly expiresAt: string | null;
  /**
   * Where `expiresAt` came from: IAM's listed `Expiration`, the certificate body's notAfter (IAM lists none), or
   * the chain certificate that expires first (`certificateDetails.chainExpiry`). Null when unknown.
   */
  readonly expirySource: ExpiryUsed['source'] | null;
  /** The critical threshold of this certificate: the account's `thresholds.thresholdDays`, or its own tag's. */
  readonly thresholdDays: number;
  readonly owner: string | null;
  readonly certificate: {
    readonly name: string;
    readonly id: string;
    readonly arn: string;
    readonly path: string;
    readonly expiration: string | null;
    readonly uploadDate: string | null;
  };
  /**
   * `compact`: the usages did not fit in full within the run's SNS messages (256 KB each, at most 10), so they are listed as
   * `JsonCompactUsage` and the fix switches them with one bash loop per region and action. Absent: full.
   * `npx iam-cert-expiry-monitor check --json` prints the full report.
   */
  readonly rendering?: 'compact';
  readonly certificateDetails: JsonCertificateDetails | null;
  /** Why the body could not be read or understood. */
  readonly certificateProblems: readonly string[];
  /** Null when the renewal could not be looked for (names unknown). */
  readonly renewal: JsonRenewal | null;
  readonly usages: readonly (JsonUsage | JsonCompactUsage)[];
  /** Usages left out of this message to respect the SNS size limit (0 normally). */
  readonly omittedUsages: number;
  readonly remediation: {
    readonly newCertificateName: string;
    readonly newCertificatePath: string;
    readonly newCertificateArn: string;
    readonly steps: readonly {
      readonly title: string;
      readonly commands: readonly string[];
      readonly note: string | null;
    }[];
  };
}

export interface JsonReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly kind: 'iam-server-certificate-expiry';
  readonly account: { readonly id: string; readonly alias: string | null };
  /** The run that sent it; a retried run sends the same (schema 1.2, optional for older readers). Null: not known. */
  readonly runId: string | null;
  /** Only on a test alert (Report.test): nothing was scanned, the certificate is made up. */
  readonly test?: true;
  readonly generatedAt: string;
  readonly thresholds: { readonly thresholdDays: number; readonly warningDays: number };
  readonly part: { readonly number: number; readonly total: number };
  readonly summary: {
    /** Counts for the whole run (all parts). */
    readonly counts: Record<FlaggedSeverity, number> & { readonly total: number };
    /** Worst severity in this message. */
    readonly worstSeverity: Severity;
    readonly findingsInThisPart: number;
    readonly certificatesScanned: number;
    readonly snoozed: number;
    readonly configurationProblems: number;
    /**
     * False when something could not be checked (a gap in coverage.gaps) or an enabled region was not
     * (coverage.regionsNotChecked). A sink that could not deliver (`deliveryFailures`) is not incompleteness.
     */
    readonly complete: boolean;
  };
  /** Entries the run has but this message's lists leave out (schema 1.2): lists are capped, never the counts. */
  readonly omitted: {
    /** Flagged certificates in no part: a run sends at most MAX_PARTS messages. */
    readonly findings: number;
    readonly snoozed: number;
    readonly configurationProblems: number;
    readonly gaps: number;
  };
  readonly findings: readonly JsonFinding[];
  /** Listed in part 1 only (empty in later parts). */
  readonly snoozed: readonly {
    readonly name: string;
    readonly arn: string;
    readonly expiration: string | null;
    readonly daysLeft: number | null;
    readonly until: string | null;
    readonly owner: string | null;
  }[];
  /** Listed in part 1 only (empty in later parts). */
  readonly configurationProblems: readonly { readonly certificateName: string; readonly problem: string }[];
  readonly coverage: {
    readonly regionsScanned: readonly string[];
    readonly gaps: readonly { readonly region: string; readonly service: string; readonly reason: string }[];
    /** Every enabled region and CloudFront read without a gap: only then is a certificate called `unused`. */
    readonly complete: boolean;
    readonly regionsNotChecked: readonly {
      readonly region: string;
      readonly reason: NotCheckedReason;
      readonly detail: string;
    }[];
  };
  /** The sinks that could not deliver this report (schema 1.3): the destinations this alert did not reach. */
  readonly deliveryFailures: readonly JsonDeliveryFailure[];
}

function fullUsage(u: CertificateUsage, partition: string): JsonUsage {
  return { ...usageRecord(u), consoleUrl: consoleUrl(u, partition) };
}

function compactUsage(u: CertificateUsage): JsonCompactUsage {
  const { type, region, name, listenerArn, protocol, port, role, arn, aliases } = usageRecord(u);
  return {
    type,
    region,
    name,
    listenerArn,
    protocol,
    port,
    role,
    ...(listenerArn === null && arn !== null ? { arn } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
  };
}

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

function jsonDetails(finding: Finding): JsonCertificateDetails | null {
  const d = finding.details;
  if (!d) return null;
  return {
    commonName: d.commonName ?? null,
    dnsNames: d.dnsNames,
    issuer: d.issuer,
    selfSigned: d.selfSigned,
    key: { type: d.key.type, bits: d.key.bits ?? null, curve: d.key.curve ?? null },
    serialNumber: d.serialNumber,
    fingerprintSha256: d.fingerprintSha256,
    notBefore: d.notBefore.toISOString(),
    notAfter: d.notAfter.toISOString(),
    notAfterDiffersFromIam: bodyExpiryMismatch(finding) !== undefined,
    chainExpiry: d.chainExpiry
      ? {
          subject: d.chainExpiry.subject,
          notAfter: d.chainExpiry.notAfter.toISOString(),
          beforeCertificate: chainExpiringFirst(d) !== undefined,
        }
      : null,
  };
}

function jsonRenewal(finding: Finding): JsonRenewal | null {
  const r = finding.renewal;
  if (!r) return null;
  const chosen = chosenRenewal(r);
  const c = chosen?.certificate;
  return {
    state: r.state,
    certificate: c
      ? { name: c.name, arn: c.arn, id: c.id, path: c.path, expiration: iso(c.expiration), hostnames: chosen.hostnames }
      : null,
    placesInRollout: placesInRollout(r),
    alreadyServing: alreadyServing(r).map(compactUsage),
    remaining: r.remaining.map(compactUsage),
    alsoQualifying: r.state === 'none' ? [] : r.alsoQualifying,
    unchecked: r.unchecked,
    chosenBy: chosen?.chosenBy ?? null,
    rejected: jsonRejected(r.rejected),
    servedElsewhere: (chosen?.servedElsewhere ?? []).map(compactUsage),
    acm: (r.acm ?? []).map(jsonAcmRenewal),
  };
}

function jsonRejected(rejected: readonly RejectedCandidate[] = []): JsonRenewal['rejected'] {
  return rejected.map(({ name, reason }) => ({ name, reason }));
}

/** Every state in the same fields: what a state does not have is null or empty. */
function jsonAcmRenewal(a: AcmRegionRenewal): JsonRenewal['acm'][number] {
  switch (a.state) {
    case 'found': {
      const c = a.certificate;
      const certificate = {
        arn: c.arn,
        domainName: c.domainName,
        hostnames: c.hostnames,
        type: c.type ?? null,
        renewalEligibility: c.renewalEligibility ?? null,
        keyAlgorithm: c.keyAlgorithm ?? null,
        notAfter: c.notAfter.toISOString(),
      };
      const { region, state, alsoQualifying } = a;
      return { region, state, certificate, alsoQualifying, rejected: jsonRejected(a.rejected), problem: null };
    }
    case 'ambiguous': {
      const { region, state, alsoQualifying } = a;
      return { region, state, certificate: null, alsoQualifying, rejected: jsonRejected(a.rejected), problem: null };
    }
    case 'none':
      return {
        region: a.region,
        state: a.state,
        certificate: null,
        alsoQualifying: [],
        rejected: jsonRejected(a.rejected),
        problem: null,
      };
    case 'unknown':
      return {
        region: a.region,
        state: a.state,
        certificate: null,
        alsoQualifying: [],
        rejected: [],
        problem: a.problem,
      };
  }
}

export function buildJsonReport(input: Report | RenderView): JsonReport {
  const view = toView(input);
  const { report } = view;
  const counts = countBySeverity(report.findings);
  const context = {
    generatedAt: report.generatedAt,
    coverageIncomplete: !report.coverage.complete,
    notChecked: notCheckedPlaces(report),
    ...guardOf(report),
  };
  const snoozed = capped(report.snoozed, JSON_CAPS.snoozed);
  const problems = capped(report.configurationProblems, JSON_CAPS.configurationProblems);
  const gaps = capped(report.coverage.gaps, JSON_CAPS.gaps);
  const listsHere = view.includeSnoozedAndProblems;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: 'iam-server-certificate-expiry',
    account: { id: report.accountId, alias: report.accountAlias ?? null },
    runId: report.runId ?? null,
    ...(report.test ? { test: true as const } : {}),
    generatedAt: report.generatedAt.toISOString(),
    thresholds: { thresholdDays: report.thresholds.thresholdDays, warningDays: report.thresholds.warningDays },
    part: view.part ?? { number: 1, total: 1 },
    summary: {
      counts: { ...counts, total: report.findings.length },
      worstSeverity: worstSeverity(view.findings.map((f) => f.finding)),
      findingsInThisPart: view.findings.length,
      certificatesScanned: report.certificatesScanned,
      snoozed: report.snoozed.length,
      configurationProblems: report.configurationProblems.length,
      complete: report.coverage.gaps.length === 0 && report.coverage.complete,
    },
    omitted: {
      findings: view.omittedFindings ?? 0,
      snoozed: listsHere ? snoozed.omitted : report.snoozed.length,
      configurationProblems: listsHere ? problems.omitted : report.configurationProblems.length,
      gaps: gaps.omitted,
    },
    findings: view.findings.map(({ finding, position, omittedUsages, rendering }) => {
      const cert = finding.certificate;
      const partition = partitionOf(cert.arn);
      const compact = rendering === 'compact';
      const remediation = remediationFor(finding, { ...context, omittedUsages, compact });
      const expiry = expiryUsed(finding);
      return {
        position,
        hostnames: finding.hostnames ?? null,
        severity: finding.severity,
        expirySeverity: expiryTier(finding),
        daysLeft: finding.daysLeft ?? null,
        expiresAt: iso(expiry?.at),
        expirySource: expiry?.source ?? null,
        thresholdDays: finding.thresholdDays,
        owner: finding.owner ?? null,
        certificate: {
          name: cert.name,
          id: cert.id,
          arn: cert.arn,
          path: cert.path,
          expiration: iso(cert.expiration),
          uploadDate: iso(cert.uploadDate),
        },
        ...(compact ? { rendering } : {}),
        certificateDetails: jsonDetails(finding),
        certificateProblems: finding.certificateProblems ?? [],
        renewal: jsonRenewal(finding),
        usages: finding.usages.map((u) => (compact ? compactUsage(u) : fullUsage(u, partition))),
        omittedUsages,
        remediation: {
          newCertificateName: remediation.newCertificateName,
          newCertificatePath: remediation.newCertificatePath,
          newCertificateArn: remediation.newCertificateArn,
          steps: remediation.steps.map((s) => ({ title: s.title, commands: s.commands, note: s.note ?? null })),
        },
      };
    }),
    snoozed: view.includeSnoozedAndProblems
      ? snoozed.shown.map((s) => ({
          name: s.certificate.name,
          arn: s.certificate.arn,
          expiration: iso(s.certificate.expiration),
          daysLeft: s.daysLeft ?? null,
          until: iso(s.until),
          owner: s.owner ?? null,
        }))
      : [],
    configurationProblems: view.includeSnoozedAndProblems
      ? problems.shown.map((p) => ({ certificateName: p.certificateName, problem: p.problem }))
      : [],
    coverage: {
      regionsScanned: [...report.coverage.regionsScanned],
      gaps: gaps.shown.map((g) => ({ region: g.region, service: g.service, reason: g.reason })),
      complete: report.coverage.complete,
      regionsNotChecked: report.coverage.regionsNotChecked.map((r) => ({
        region: r.region,
        reason: r.reason,
        detail: r.detail,
      })),
    },
    deliveryFailures: jsonDeliveryFailures(report.deliveryFailures),
  };
}

/** Compact JSON (it travels inside the SNS message, where every byte counts). */
export function renderJsonReport(input: Report | RenderView): string {
  return JSON.stringify(buildJsonReport(input));
}
