/**
 * Pure: a flagged certificate as one Security Hub CSPM finding in the AWS Security Finding Format (ASFF), and the
 * re-import that archives a finding the monitor no longer raises.
 *
 * What a finding provider sets (https://docs.aws.amazon.com/securityhub/latest/userguide/finding-update-batchimportfindings.html):
 * after creation, BatchImportFindings cannot update Note, UserDefinedFields, VerificationState or Workflow (the
 * customer's, through BatchUpdateFindings), and providers set Confidence, Criticality, RelatedFindings, Severity
 * and Types only through `FindingProviderFields`, so a person's triage is never overwritten: this module sets
 * none of those at the top level. Required attributes: https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html.
 * Types: the taxonomy's `Software and Configuration Checks` namespace, `AWS Security Best Practices` category (a
 * partial path is valid): https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html.
 * IAM server certificates have no ASFF resource type: `Other`, with the facts in `Details.Other` (at most 50
 * pairs, keys under 128 characters, values under 1,024): https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resourcedetails-other.html.
 * Text a person reads in the console passes the sanitiser's plain-text function (no line breaks, no bidi controls).
 * A test alert's finding is imported with `RecordState: ARCHIVED`, the provider's own field (the same one the
 * lifecycle below archives with; `Workflow` is the customer's): Security Hub takes it, emits its "Findings -
 * Imported" event like any import, and lists it only among archived findings.
 */
import type { AwsSecurityFinding, SeverityLabel } from '@aws-sdk/client-securityhub';
import { securityHubProductArn } from '../../contract/sink-permissions';
import type { ExpirySeverity, Finding, Report } from '../domain/types';
import { expiryTier } from './coverage-text';
import { expirySource } from './certificate-text';
import { expiryUsed } from '../domain/effective-expiry';
import { chosenRenewal } from '../domain/renewal';
import { TAG_KEYS } from '../domain/tag-settings';
import { thresholdFromTag } from './threshold-text';
import { emailText } from '../text/sanitise';
import { capped, renewalSentence, renewalStateOf, usageLine, usagesComplete } from './finding-facts';
import { isoUtc, timeLeftPhrase, truncate } from './format';
import { TEST_ALERT_NOTE, testMarked } from './test-alert-text';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** One generator for every finding the monitor raises: its lifecycle reads its own findings by this id. */
export const FINDING_GENERATOR_ID = 'iam-cert-expiry-monitor/iam-server-certificate-expiry';
/**
 * The run that last raised the finding, in the provider's own fields (at most 50 pairs, keys ≤ 128 characters,
 * values ≤ 2,048: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html).
 */
export const RUN_ID_FIELD = 'iam-cert-expiry-monitor/RunId';
export const FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';

/**
 * Expired is CRITICAL, then one label lower per tier; an unknown expiry is LOW (nothing says it is near). By the
 * certificate's expiry: the rule is about the certificate, not its use, so an unused one keeps its expiry tier here
 * (the digest's `unused` tier is about paging; `Severity.Original` still says `unused`).
 */
export const FINDING_SEVERITY: Readonly<Record<ExpirySeverity, SeverityLabel>> = {
  expired: 'CRITICAL',
  critical: 'HIGH',
  warning: 'MEDIUM',
  unknown: 'LOW',
};

/** Usages listed one per `Details.Other` pair; with the fixed keys the map stays under its 50 pairs. */
export const MAX_DETAIL_USAGES = 20;
const MAX_DETAIL_VALUE = 1_023;
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 1_024;
const MAX_RECOMMENDATION = 512;
export const RECOMMENDATION_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html';

export interface AsffContext {
  /** Where the finding is imported: the region of the account's hub. */
  readonly region: string;
  readonly partition: string;
  /** This run's time: every finding's `UpdatedAt` (a re-import must be later than the stored one to count). */
  readonly now: Date;
  /** `CreatedAt` of findings that exist already, by finding id (kept, so the console shows when it first arose). */
  readonly createdAt: ReadonlyMap<string, string>;
}

/** Stable per account and certificate (its IAM id survives a rename), so a re-import updates the finding. */
export function findingId(accountId: string, certificateId: string): string {
  return `iam-cert-expiry-monitor/${accountId}/${certificateId}`;
}

export function productArn(accountId: string, ctx: Pick<AsffContext, 'region' | 'partition'>): string {
  return securityHubProductArn({ partition: ctx.partition, region: ctx.region, account: accountId });
}

/** The partition of a region's endpoints (`cn-` China, `us-gov-` GovCloud, `us-iso*` / `eu-isoe` isolated). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  return 'aws';
}

/** One active finding for a flagged certificate. */
export function asffFinding(finding: Finding, report: Report, ctx: AsffContext): AwsSecurityFinding {
  const { certificate } = finding;
  const id = findingId(report.accountId, certificate.id);
  // To the millisecond: Security Hub ignores a re-import whose UpdatedAt is not later than the stored one.
  const now = ctx.now.toISOString();
  const createdAt = ctx.createdAt.get(id) ?? now;
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: id,
    ProductArn: productArn(report.accountId, ctx),
    GeneratorId: FINDING_GENERATOR_ID,
    AwsAccountId: report.accountId,
    CreatedAt: createdAt,
    FirstObservedAt: createdAt,
    LastObservedAt: now,
    UpdatedAt: now,
    Title: truncate(testMarked(report, findingTitle(finding)), MAX_TITLE),
    Description: truncate(
      report.test ? `${TEST_ALERT_NOTE} ${findingDescription(finding, report)}` : findingDescription(finding, report),
      MAX_DESCRIPTION,
    ),
    FindingProviderFields: {
      Severity: { Label: FINDING_SEVERITY[expiryTier(finding)], Original: finding.severity },
      Types: [FINDING_TYPE],
    },
    Remediation: {
      Recommendation: {
        Text: truncate(findingRecommendation(finding, report), MAX_RECOMMENDATION),
        Url: RECOMMENDATION_URL,
      },
    },
    Compliance: { Status: 'FAILED' },
    // A test alert's finding is archived as it is imported: it shows the path, and never stays active.
    RecordState: report.test ? 'ARCHIVED' : 'ACTIVE',
    Resources: [{ Type: 'Other', Id: certificate.arn, Details: { Other: details(finding, report) } }],
    ...(report.runId ? { ProductFields: { [RUN_ID_FIELD]: report.runId } } : {}),
  };
}

/**
 * The re-import that closes a finding the monitor no longer raises: the provider's own fields as stored, a new
 * `UpdatedAt` and `RecordState: ARCHIVED`. `Compliance.Status` is PASSED when the certificate is no longer
 * flagged (renewed, deleted), and stays FAILED when it is only snoozed by its owner (still expiring: archived,
 * not passed). Customer fields (Workflow, Note...) are left out: they are BatchUpdateFindings' own.
 */
export function archivedFinding(stored: AwsSecurityFinding, now: Date, passed: boolean): AwsSecurityFinding {
  return {
    SchemaVersion: stored.SchemaVersion,
    Id: stored.Id,
    ProductArn: stored.ProductArn,
    GeneratorId: stored.GeneratorId,
    AwsAccountId: stored.AwsAccountId,
    CreatedAt: stored.CreatedAt,
    ...(stored.FirstObservedAt ? { FirstObservedAt: stored.FirstObservedAt } : {}),
    ...(stored.LastObservedAt ? { LastObservedAt: stored.LastObservedAt } : {}),
    UpdatedAt: now.toISOString(),
    Title: stored.Title,
    Description: stored.Description,
    FindingProviderFields: stored.FindingProviderFields ?? { Severity: stored.Severity, Types: stored.Types },
    ...(stored.Remediation ? { Remediation: stored.Remediation } : {}),
    Compliance: { Status: passed ? 'PASSED' : 'FAILED' },
    RecordState: 'ARCHIVED',
    Resources: stored.Resources,
  };
}

/** What a person reads first (the finding's title in Security Hub, an OCSF finding's title): sanitised, uncut. */
export function findingTitle(finding: Finding): string {
  return `IAM server certificate ${emailText(finding.certificate.name)} ${timeLeftPhrase(finding.severity, finding.daysLeft)}`;
}

/** What the scan found about the certificate, in one paragraph: sanitised, uncut. */
export function findingDescription(finding: Finding, report: Report): string {
  const { certificate } = finding;
  const where =
    finding.usages.length === 0
      ? 'No load balancer or CloudFront distribution was found serving it.'
      : `Served at ${finding.usages.length} place(s), e.g. ${usageLine(finding.usages[0]!)}.`;
  const used = expiryUsed(finding);
  const source = expirySource(finding);
  const expiry = used ? ` (${isoUtc(used.at)}${source ? `, ${source}` : ''})` : '';
  const partial = usagesComplete(report)
    ? ''
    : ' Some regions or services could not be checked, so it may be served elsewhere too.';
  const tagged = thresholdFromTag(finding, report.thresholds.thresholdDays)
    ? ` (set by its own ${TAG_KEYS.thresholdDays} tag; the account's is ${report.thresholds.thresholdDays})`
    : '';
  return emailText(
    `IAM server certificate ${certificate.name} in account ${report.accountId} ${timeLeftPhrase(finding.severity, finding.daysLeft)}${expiry}; ` +
      `the alert threshold is ${finding.thresholdDays} days${tagged}. ${where}${partial}`,
  );
}

/** What to do, with where the renewal stands: sanitised, uncut. */
export function findingRecommendation(finding: Finding, report: Report): string {
  return emailText(
    `Upload a renewed certificate (IAM or ACM), move every listed usage to it, then delete this one. ${renewalSentence(finding, report)}`,
  );
}

/** The certificate's facts: fixed keys first, then one pair per usage (capped). Values cut below 1,024. */
function details(finding: Finding, report: Report): Record<string, string> {
  const { certificate } = finding;
  const hostnames = finding.hostnames ?? finding.details?.dnsNames ?? [];
  const usages = capped(finding.usages, MAX_DETAIL_USAGES);
  const expiry = expiryUsed(finding);
  const pairs: [string, string | number | boolean | undefined][] = [
    ['certificateName', certificate.name],
    ['certificateId', certificate.id],
    ['path', certificate.path],
    ['severity', finding.severity],
    ['daysLeft', finding.daysLeft],
    // The date daysLeft counts to, and where it came from (IAM's listing, the body, a chain certificate).
    ['expiration', expiry ? isoUtc(expiry.at) : undefined],
    ['expirationSource', expiry?.source],
    ['thresholdDays', finding.thresholdDays],
    ['owner', finding.owner],
    ['commonName', finding.details?.commonName],
    ['issuer', finding.details?.issuer],
    ['hostnames', hostnames.length > 0 ? hostnames.join(', ') : undefined],
    ['hostnameCount', hostnames.length],
    ['renewalState', renewalStateOf(finding)],
    ['renewalCertificate', chosenRenewal(finding.renewal)?.certificate.name],
    ['usageCount', finding.usages.length],
    ['usagesComplete', usagesComplete(report)],
    ...usages.shown.map((u, i): [string, string] => [`usage${String(i + 1).padStart(2, '0')}`, usageLine(u)]),
    ['usagesNotListed', usages.notShown > 0 ? usages.notShown : undefined],
  ];
  return Object.fromEntries(
    pairs.flatMap(([key, value]) =>
      value === undefined ? [] : [[key, truncate(emailText(String(value)), MAX_DETAIL_VALUE)]],
    ),
  );
}

export interface FindingImports {
  /** One per flagged certificate, active. */
  readonly active: readonly AwsSecurityFinding[];
  /** The monitor's active findings it no longer raises, archived. */
  readonly archived: readonly AwsSecurityFinding[];
}

/**
 * One run's imports, from the report and the monitor's findings still active in Security Hub: each flagged
 * certificate re-imported (same id, new UpdatedAt, CreatedAt kept); each other active finding archived, as
 * passed unless its certificate is snoozed (snoozed findings are archived, not suppressed: Workflow, where
 * SUPPRESSED lives, belongs to BatchUpdateFindings once a finding exists).
 */
export function findingImports(
  report: Report,
  stillActive: readonly AwsSecurityFinding[],
  ctx: Omit<AsffContext, 'createdAt'>,
): FindingImports {
  const createdAt = new Map(stillActive.flatMap((f) => (f.Id && f.CreatedAt ? [[f.Id, f.CreatedAt] as const] : [])));
  const active = report.findings.map((f) => asffFinding(f, report, { ...ctx, createdAt }));
  const raised = new Set(active.map((f) => f.Id));
  const snoozed = new Set(report.snoozed.map((s) => findingId(report.accountId, s.certificate.id)));
  const archived = stillActive
    .filter((f) => f.Id !== undefined && !raised.has(f.Id))
    .map((f) => archivedFinding(f, ctx.now, !snoozed.has(f.Id!)));
  return { active, archived };
}
