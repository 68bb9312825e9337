import { DEFAULT_MAX_SNOOZE_DAYS } from '../contract/defaults';
import { ListingStoppedError } from './aws/bounded-pages';
import type { AwsClients } from './aws/clients';
import { getAccountAlias, listServerCertificates, type CertificateListing } from './aws/iam';
import { deliverToSinks } from './deliver-to-sinks';
import { describeError } from './describe-error';
import { buildReport } from './domain/build-report';
import type { DeliveryFailure } from './domain/delivery-failure';
import { acmNamesByRegion, addCertificateKnowledge, candidatesNeedingRenewsTag } from './domain/certificate-knowledge';
import { daysLeft } from './domain/classify';
import { certificatesNeedingTags, evaluateCertificates, type Evaluation } from './domain/evaluate';
import { renewalCandidates } from './domain/renewal';
import { gapsOf, type Step } from './domain/step';
import { parseTagSettings } from './domain/tag-settings';
import {
  RENEWS_TAG,
  type CoverageGap,
  type ObservedCertificateUse,
  type Report,
  type ServerCertificate,
  type Thresholds,
} from './domain/types';
import { readAcmRenewals } from './read-acm-renewals';
import { readCertificates } from './read-certificates';
import { readCertificateTags } from './read-certificate-tags';
import type { ScanSettings } from './settings';
import { scanUsages } from './scan-usages';
import type { Sink } from './sinks/sink';
import { SNS_DIGEST } from './sinks/sns-digest-sink';
import type { TimeBudget } from './time-budget';

export interface CheckInput {
  readonly settings: ScanSettings;
  /** @default the account in the certificates' ARNs (the laptop `check` command has no Lambda context) */
  readonly accountId?: string;
  /** The one "now" every certificate is classified against. */
  readonly now: Date;
  /** Requests in flight at once per region and service (and for tag reads). */
  readonly concurrency: number;
  /**
   * The invocation's time: when the scan must stop, and each optional sink's share, so that the alert (or the
   * member's result) still goes out in time. @default no limit (the laptop `check`)
   */
  readonly budget?: TimeBudget;
  /** Where the report goes (enabledSinks), in order; none in a dry run (the laptop `check`, an org member's scan). */
  readonly sinks: readonly Sink[];
  /** Names this run in its report, so in all the sinks deliver. @default none (the EventBridge events: the run's time) */
  readonly runId?: string;
}

export interface CheckOutcome {
  readonly certificatesScanned: number;
  /** Fewest whole days left of any certificate with a known expiry (negative when one has expired). */
  readonly minDaysLeft?: number;
  /**
   * As the last sink received it (naming each sink that failed). Absent on a quiet day (nothing was flagged, so
   * nothing else was called), unless a sink that runs every day (Security Hub) failed: then a report without
   * findings that names it.
   */
  readonly report?: Report;
  /**
   * What could not be checked: the report's gaps, or on a quiet day those of the tag reads (a certificate whose tags
   * could not be read was judged by the defaults, so a quiet day with gaps is not an all-clear).
   */
  readonly gaps: readonly CoverageGap[];
  /** The sinks that could not deliver, in delivery order. */
  readonly deliveryFailures: readonly DeliveryFailure[];
  /** The SNS digest's message ids. */
  readonly messageIds: readonly string[];
}

/**
 * One run: list certificates, read the tags of those near a window, and only if anything is flagged, find where
 * the flagged ones (and their possible renewals) are served, read their bodies, and deliver the report to the
 * sinks. Delivery is the last step, so a retried run never sends twice because of something that failed after it.
 * Listing and SNS digest failures propagate (the run fails); anything else becomes a coverage gap, a delivery
 * failure or a named problem in the alert.
 */
export async function runCheck(clients: AwsClients, input: CheckInput): Promise<CheckOutcome> {
  const { settings, now } = input;
  const scanDeadline = input.budget?.scanDeadline;
  const reads = { concurrency: input.concurrency, abortSignal: scanDeadline };
  const listing = await listCertificates(clients, scanDeadline);
  const { certificates, stopped } = listing.value;
  const least = minDaysLeft(certificates, now);
  const scanned = { certificatesScanned: certificates.length, ...(least !== undefined ? { minDaysLeft: least } : {}) };
  const tags = await readCertificateTags(clients, certificatesNeedingTags(certificates, settings.thresholds, now), {
    ...reads,
    withoutTags: 'its defaults applied',
  });
  const tagOptions = { now, maxSnoozeDays: settings.maxSnoozeDays ?? DEFAULT_MAX_SNOOZE_DAYS };
  const tagsByArn = new Map([...tags.value].map(([arn, t]) => [arn, parseTagSettings(t, tagOptions)]));
  const evaluation = evaluateCertificates(certificates, settings.thresholds, tagsByArn, now);
  // A listing cut short cannot claim a quiet day: with nothing flagged to carry the gap, the run fails (an alarm).
  if (evaluation.flagged.length === 0 && stopped) throw new ListingStoppedError(stopped);
  if (evaluation.flagged.length === 0) {
    const gaps = gapsOf(listing, tags);
    return { ...scanned, gaps, ...(await deliverQuietRun(input, certificates, evaluation, gaps)) };
  }

  const { report } = await examineFlagged(clients, {
    certificates,
    evaluation,
    earlierGaps: gapsOf(listing, tags),
    thresholds: settings.thresholds,
    regions: settings.regions,
    now,
    concurrency: input.concurrency,
    ...(scanDeadline ? { abortSignal: scanDeadline } : {}),
    ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
    ...(input.runId !== undefined ? { runId: input.runId } : {}),
  });
  // Every finding was of unknown expiry, and the bodies put each outside the windows: nothing to say.
  if (report.findings.length === 0)
    return { ...scanned, gaps: report.coverage.gaps, deliveryFailures: [], messageIds: [] };
  const delivered = await deliverToSinks(input.sinks, { scope: 'account', report }, input.budget);
  return {
    ...scanned,
    report: delivered.delivery.report,
    gaps: report.coverage.gaps,
    deliveryFailures: delivered.failures,
    messageIds: delivered.receipts.get(SNS_DIGEST)?.ids ?? [],
  };
}

/** What `examineFlagged` needs: the listing's certificates, their evaluation, and the gaps met so far. */
export interface FlaggedExamination {
  readonly certificates: readonly ServerCertificate[];
  /** Its flagged certificates are the ones examined (at least one). */
  readonly evaluation: Evaluation;
  /** What the listing and the tag reads could not check. */
  readonly earlierGaps: readonly CoverageGap[];
  readonly thresholds: Thresholds;
  readonly regions: ScanSettings['regions'];
  readonly now: Date;
  readonly concurrency: number;
  readonly abortSignal?: AbortSignal;
  /** @default the account in the certificates' ARNs */
  readonly accountId?: string;
  /** @default none */
  readonly runId?: string;
  /**
   * The ARN of a renewal the operator named (`rollout --to`): taken as tagged to renew the flagged certificate, and
   * no other `renews` tag is read, so the rules choose it whenever it qualifies. @default the tags decide
   */
  readonly namedRenewal?: string;
}

export interface FlaggedFacts {
  readonly report: Report;
  /** Every place found serving a flagged certificate or a possible renewal, as observed. */
  readonly uses: readonly ObservedCertificateUse[];
}

/**
 * The report on the flagged certificates: where each (and each possible renewal) is served in every region and
 * CloudFront, what its body says, and its renewal by the qualification rules, IAM and ACM. `rollout` reads the
 * facts of one certificate through this too, so a plan and an alert never disagree about a renewal.
 */
export async function examineFlagged(clients: AwsClients, input: FlaggedExamination): Promise<FlaggedFacts> {
  const { certificates, evaluation, now, abortSignal: scanDeadline } = input;
  const reads = { concurrency: input.concurrency, abortSignal: scanDeadline };
  const flagged = evaluation.flagged.map((f) => f.certificate);
  const candidates = renewalCandidates(certificates, flagged);
  const [alias, usages, bodies] = await Promise.all([
    readAccountAlias(clients, scanDeadline),
    scanUsages(clients, {
      regions: input.regions,
      // The possible renewals too: where they are served tells how far a rollout got (no extra calls).
      certificateRefs: new Set([...flagged, ...candidates.toRead].flatMap((c) => [c.arn, c.id])),
      ...reads,
    }),
    readCertificates(clients, flagged, candidates, reads),
  ]);
  const candidateTags = await readCertificateTags(
    clients,
    input.namedRenewal === undefined ? candidatesNeedingRenewsTag(evaluation.flagged, bodies.value, now) : [],
    { ...reads, withoutTags: `its ${RENEWS_TAG} tag could not choose the renewal` },
  );
  const renewsTags = new Map(
    input.namedRenewal !== undefined
      ? [[input.namedRenewal, flagged[0].name] as const]
      : [...candidateTags.value].flatMap(([arn, t]) =>
          t[RENEWS_TAG] === undefined ? [] : [[arn, t[RENEWS_TAG].trim()] as const],
        ),
  );
  const basic = buildReport({
    ...(input.runId !== undefined ? { runId: input.runId } : {}),
    accountId: input.accountId ?? accountOf(flagged[0].arn),
    ...(alias.value !== undefined ? { accountAlias: alias.value } : {}),
    generatedAt: now,
    thresholds: input.thresholds,
    certificatesScanned: certificates.length,
    evaluation,
    observedUses: usages.value.uses,
    regionsScanned: usages.value.regions,
    ...(usages.value.enabledRegions ? { enabledRegions: usages.value.enabledRegions } : {}),
    gaps: [...input.earlierGaps, ...gapsOf(alias, candidateTags, usages, bodies)],
  });
  // Prefer an ACM certificate where one qualifies: read ACM only in the regions serving a flagged certificate whose
  // names are known.
  const acm = await readAcmRenewals(clients, acmNamesByRegion(basic.findings, bodies.value), reads);
  // An ACM gap leaves the usage scan of its region whole: added after buildReport, it does not unmark the region.
  const withAcmGaps = { ...basic, coverage: { ...basic.coverage, gaps: [...basic.coverage.gaps, ...acm.gaps] } };
  const knowledge = { ...bodies.value, renewsTags, acm: acm.value };
  return { report: addCertificateKnowledge(withAcmGaps, knowledge, usages.value.uses), uses: usages.value.uses };
}

/** Every certificate's metadata; a listing cut short keeps what it read, and says where it stopped. */
async function listCertificates(clients: AwsClients, abortSignal?: AbortSignal): Promise<Step<CertificateListing>> {
  const listing = await listServerCertificates(clients.iam, abortSignal);
  if (!listing.stopped) return { value: listing, gaps: [] };
  const reason = `${listing.stopped}, so certificates after the first ${listing.certificates.length} were not checked`;
  return { value: listing, gaps: [{ region: 'global', service: 'iam', reason }] };
}

/** The account's alias, which the alert names the account by; one that cannot be read is a gap, not a failed run. */
async function readAccountAlias(clients: AwsClients, abortSignal?: AbortSignal): Promise<Step<string | undefined>> {
  try {
    return { value: await getAccountAlias(clients.iam, abortSignal), gaps: [] };
  } catch (error) {
    const reason = `could not read the account alias: ${describeError(error, abortSignal)}`;
    return { value: undefined, gaps: [{ region: 'global', service: 'iam', reason }] };
  }
}

/**
 * A quiet run still reaches the sinks that close what they raised before (Security Hub archives the findings of
 * certificates no longer flagged): a report with no findings, to those sinks only. No other call is made.
 */
async function deliverQuietRun(
  input: CheckInput,
  certificates: readonly ServerCertificate[],
  evaluation: Evaluation,
  gaps: readonly CoverageGap[],
): Promise<Pick<CheckOutcome, 'report' | 'deliveryFailures' | 'messageIds'>> {
  const sinks = input.sinks.filter((s) => s.everyRun);
  if (sinks.length === 0) return { deliveryFailures: [], messageIds: [] };
  const quiet = buildReport({
    ...(input.runId !== undefined ? { runId: input.runId } : {}),
    accountId: input.accountId ?? (certificates[0] ? accountOf(certificates[0].arn) : 'unknown'),
    generatedAt: input.now,
    thresholds: input.settings.thresholds,
    certificatesScanned: certificates.length,
    evaluation,
    observedUses: [],
    regionsScanned: [],
    gaps: [...gaps],
  });
  const delivered = await deliverToSinks(sinks, { scope: 'account', report: quiet }, input.budget);
  return {
    deliveryFailures: delivered.failures,
    messageIds: [],
    ...(delivered.failures.length > 0 ? { report: delivered.delivery.report } : {}),
  };
}

/** Fewest whole days left of any certificate with a known expiry; none when no expiry is known. */
function minDaysLeft(certificates: readonly ServerCertificate[], now: Date): number | undefined {
  const days = certificates.flatMap((c) => (c.expiration ? [daysLeft(c.expiration, now)] : []));
  return days.length > 0 ? Math.min(...days) : undefined;
}

/** `arn:aws:iam::123456789012:server-certificate/...` → `123456789012`. */
function accountOf(arn: string): string {
  return arn.split(':')[4] || 'unknown';
}
