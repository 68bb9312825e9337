/**
 * Pure: a flagged certificate as one EventBridge event (a PutEvents entry), shaped after ACM's own expiry events
 * so that one rule style fits both: detail-type "IAM Server Certificate Approaching Expiration" / "... Expired"
 * like "ACM Certificate Approaching Expiration" / "ACM Certificate Expired", and a detail that starts with ACM's
 * fields (`DaysToExpiry`, `CommonName`, `CertificateExpirationDate`, `InUse`; the certificate ARN in `resources`):
 * https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html. Our own source: `aws.*` sources are
 * reserved for AWS services (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html).
 * Machines match these values exactly, so strings pass the sanitiser's raw JSON function; lists are capped so an
 * entry stays far below the 256 KB a request may hold.
 */
import type { CertificateUsage, ExpirySeverity, Finding, FlaggedSeverity, Report } from '../domain/types';
import { expiryTier } from './coverage-text';
import { expiryUsed } from '../domain/effective-expiry';
import { jsonRaw } from '../text/sanitise';
import { capped, renewalStateOf, usagesComplete } from './finding-facts';
import { isoUtc, utf8Bytes } from './format';

export const EVENT_SOURCE = 'iam-cert-expiry-monitor';
/** Version of the detail's shape (README "EventBridge"): a rule may match on it. */
export const EVENT_DETAIL_VERSION = '1';

/** By how the certificate's expiry stands (an unused certificate by its expiry tier: the event is about expiry). */
export const EVENT_DETAIL_TYPE: Readonly<Record<ExpirySeverity, string>> = {
  expired: 'IAM Server Certificate Expired',
  critical: 'IAM Server Certificate Approaching Expiration',
  warning: 'IAM Server Certificate Approaching Expiration',
  unknown: 'IAM Server Certificate Expiry Unknown',
};

export const MAX_EVENT_HOSTNAMES = 100;
export const MAX_EVENT_USAGES = 50;
const MAX_ALIASES = 5;

/** A PutEvents entry (the SDK's PutEventsRequestEntry, without the bus: the adapter adds it). */
export interface CertificateEventEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Resources: readonly string[];
  readonly Time: Date;
}

export interface EventUsage {
  readonly Type: CertificateUsage['loadBalancerType'];
  readonly Region: string;
  readonly Name: string;
  readonly Protocol: string;
  readonly Port: number;
  readonly Role: 'default' | 'sni';
  readonly ListenerArn: string | null;
  readonly Aliases: readonly string[];
}

export interface CertificateEventDetail {
  readonly Version: string;
  readonly DaysToExpiry: number | null;
  readonly CommonName: string | null;
  readonly CertificateExpirationDate: string | null;
  readonly InUse: boolean;
  readonly CertificateArn: string;
  readonly CertificateName: string;
  readonly CertificateId: string;
  readonly Account: string;
  readonly AccountAlias: string | null;
  readonly Severity: FlaggedSeverity;
  readonly ThresholdDays: number;
  readonly Owner: string | null;
  readonly Hostnames: readonly string[];
  readonly HostnamesNotListed: number;
  readonly Usages: readonly EventUsage[];
  readonly UsagesNotListed: number;
  /** False when a region or service could not be checked: `Usages` and `InUse` may then miss places. */
  readonly UsagesComplete: boolean;
  readonly RenewalState: string;
  readonly RenewalCertificateArn: string | null;
  readonly RunId: string;
}

/** One event for one flagged certificate of `report`. */
export function certificateEvent(finding: Finding, report: Report, runId: string): CertificateEventEntry {
  const { certificate } = finding;
  const hostnames = capped(finding.hostnames ?? finding.details?.dnsNames ?? [], MAX_EVENT_HOSTNAMES);
  const usages = capped(finding.usages, MAX_EVENT_USAGES);
  const expiry = expiryUsed(finding);
  const detail: CertificateEventDetail = {
    Version: EVENT_DETAIL_VERSION,
    DaysToExpiry: finding.daysLeft ?? null,
    CommonName: finding.details?.commonName !== undefined ? jsonRaw(finding.details.commonName) : null,
    // The date DaysToExpiry counts to: IAM's, else the body's or a chain certificate's that expires first.
    CertificateExpirationDate: expiry ? isoUtc(expiry.at) : null,
    InUse: finding.usages.length > 0,
    CertificateArn: jsonRaw(certificate.arn),
    CertificateName: jsonRaw(certificate.name),
    CertificateId: certificate.id,
    Account: report.accountId,
    AccountAlias: report.accountAlias !== undefined ? jsonRaw(report.accountAlias) : null,
    Severity: finding.severity,
    ThresholdDays: finding.thresholdDays,
    Owner: finding.owner !== undefined ? jsonRaw(finding.owner) : null,
    Hostnames: hostnames.shown.map(jsonRaw),
    HostnamesNotListed: hostnames.notShown,
    Usages: usages.shown.map(eventUsage),
    UsagesNotListed: usages.notShown,
    UsagesComplete: usagesComplete(report),
    RenewalState: renewalStateOf(finding),
    RenewalCertificateArn: finding.renewal?.certificate ? jsonRaw(finding.renewal.certificate.arn) : null,
    RunId: runId,
  };
  return {
    Source: EVENT_SOURCE,
    DetailType: EVENT_DETAIL_TYPE[expiryTier(finding)],
    Detail: JSON.stringify(detail),
    Resources: [certificate.arn],
    Time: report.generatedAt,
  };
}

/**
 * An entry's size as EventBridge counts it against the 256 KB of a request: 14 bytes for `Time`, then the UTF-8
 * bytes of Source, DetailType, Detail and each resource (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).
 */
export function eventEntrySize(entry: CertificateEventEntry): number {
  return (
    14 +
    utf8Bytes(entry.Source) +
    utf8Bytes(entry.DetailType) +
    utf8Bytes(entry.Detail) +
    entry.Resources.reduce((n, r) => n + utf8Bytes(r), 0)
  );
}

function eventUsage(usage: CertificateUsage): EventUsage {
  return {
    Type: usage.loadBalancerType,
    Region: usage.region,
    Name: jsonRaw(usage.loadBalancerName),
    Protocol: usage.protocol,
    Port: usage.port,
    Role: usage.role,
    ListenerArn: usage.listenerArn ?? null,
    Aliases: (usage.aliases ?? []).slice(0, MAX_ALIASES).map(jsonRaw),
  };
}
