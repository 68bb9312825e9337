/**
 * Pure: a flagged certificate as one EventBridge event (a PutEvents entry), shaped after ACM's own expiry events
 * so that one rule style fits both: detail-type "IAM Server Certificate Approaching Expiration" / "... Expired"
 * like "ACM Certificate Approaching Expiration" / "ACM Certificate Expired", and a detail that starts with ACM's
 * fields (`DaysToExpiry`, `CommonName`, `CertificateExpirationDate`, `InUse`; the certificate ARN in `resources`):
 * https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html. Our own source: `aws.*` sources are
 * reserved for AWS services (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html).
 * Machines match these values exactly, so strings pass the sanitiser's raw JSON function. Every string from the
 * account is capped and so is every list, and an entry that would still pass MAX_EVENT_ENTRY_BYTES (a hostile
 * account: JSON escapes a control character in 6 bytes) lists fewer hostnames and usages, counting the rest: no
 * entry comes near the 256 KB a request may hold.
 */
import type { CertificateUsage, ExpirySeverity, Finding, FlaggedSeverity, Report } from '../domain/types';
import { expiryTier } from './coverage-text';
import { expiryUsed } from '../domain/effective-expiry';
import { chosenRenewal } from '../domain/renewal';
import { jsonRaw } from '../text/sanitise';
import { capped, renewalStateOf, usagesComplete } from './finding-facts';
import { isoUtc, truncate, utf8Bytes } from './format';
import { usageRecord, type UsageRecord } from './usage-record';

export const EVENT_SOURCE = 'iam-cert-expiry-monitor';
/** Version of the detail's shape (docs/security-hub-eventbridge.md): a rule may match on it. */
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
/** A string from the account, cut with "…" beyond this: a DNS name holds 253 characters, a tag value 256. */
export const MAX_EVENT_STRING_CHARS = 256;
/** An ARN from the account: an IAM path alone may hold 512 characters. */
export const MAX_EVENT_ARN_CHARS = 1_024;
/** The most an entry takes (eventEntrySize), half what a request holds; capped strings alone stay far below it. */
export const MAX_EVENT_ENTRY_BYTES = 128 * 1024;

/** A PutEvents entry (the SDK's PutEventsRequestEntry, without the bus: the adapter adds it). */
export interface CertificateEventEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Resources: readonly string[];
  readonly Time: Date;
}

export interface EventUsage {
  readonly Type: UsageRecord['type'];
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
  /** True only for a test alert (`{"test": true}`): nothing was scanned and the certificate is made up. */
  readonly Test: boolean;
}

/** One event for one flagged certificate of `report`, at most MAX_EVENT_ENTRY_BYTES. */
export function certificateEvent(finding: Finding, report: Report, runId: string): CertificateEventEntry {
  let listed = { hostnames: MAX_EVENT_HOSTNAMES, usages: MAX_EVENT_USAGES };
  let entry = eventEntry(finding, report, runId, listed);
  // Halving both lists until the entry fits; with both empty it always does (every other string is capped).
  while (eventEntrySize(entry) > MAX_EVENT_ENTRY_BYTES && listed.hostnames + listed.usages > 0) {
    listed = { hostnames: Math.floor(listed.hostnames / 2), usages: Math.floor(listed.usages / 2) };
    entry = eventEntry(finding, report, runId, listed);
  }
  return entry;
}

function eventEntry(
  finding: Finding,
  report: Report,
  runId: string,
  listed: { readonly hostnames: number; readonly usages: number },
): CertificateEventEntry {
  const { certificate } = finding;
  const hostnames = capped(finding.hostnames ?? finding.details?.dnsNames ?? [], listed.hostnames);
  const usages = capped(finding.usages, listed.usages);
  const expiry = expiryUsed(finding);
  const renewal = chosenRenewal(finding.renewal);
  const detail: CertificateEventDetail = {
    Version: EVENT_DETAIL_VERSION,
    DaysToExpiry: finding.daysLeft ?? null,
    CommonName: finding.details?.commonName !== undefined ? text(finding.details.commonName) : null,
    // The date DaysToExpiry counts to: IAM's, else the body's or a chain certificate's that expires first.
    CertificateExpirationDate: expiry ? isoUtc(expiry.at) : null,
    InUse: finding.usages.length > 0,
    CertificateArn: arn(certificate.arn),
    CertificateName: text(certificate.name),
    CertificateId: text(certificate.id),
    Account: text(report.accountId),
    AccountAlias: report.accountAlias !== undefined ? text(report.accountAlias) : null,
    Severity: finding.severity,
    ThresholdDays: finding.thresholdDays,
    Owner: finding.owner !== undefined ? text(finding.owner) : null,
    Hostnames: hostnames.shown.map(text),
    HostnamesNotListed: hostnames.notShown,
    Usages: usages.shown.map(eventUsage),
    UsagesNotListed: usages.notShown,
    UsagesComplete: usagesComplete(report),
    RenewalState: renewalStateOf(finding),
    RenewalCertificateArn: renewal ? arn(renewal.certificate.arn) : null,
    RunId: text(runId),
    Test: report.test === true,
  };
  return {
    Source: EVENT_SOURCE,
    DetailType: EVENT_DETAIL_TYPE[expiryTier(finding)],
    Detail: JSON.stringify(detail),
    Resources: [arn(certificate.arn)],
    Time: report.generatedAt,
  };
}

/** A string from the account, exact up to the cap. */
function text(value: string): string {
  return truncate(jsonRaw(value), MAX_EVENT_STRING_CHARS);
}

function arn(value: string): string {
  return truncate(jsonRaw(value), MAX_EVENT_ARN_CHARS);
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
  const record = usageRecord(usage);
  return {
    Type: record.type,
    Region: text(record.region),
    Name: text(record.name),
    Protocol: text(record.protocol),
    Port: record.port,
    Role: record.role,
    ListenerArn: record.listenerArn !== null ? arn(record.listenerArn) : null,
    Aliases: record.aliases.slice(0, MAX_ALIASES).map(text),
  };
}
