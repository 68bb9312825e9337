import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { getJson } from '../aws/run-data';
import { topicRegion } from '../aws/sns';
import { deliverToSinks } from '../deliver-to-sinks';
import { describeError } from '../describe-error';
import { deliveryFailureText } from '../domain/delivery-failure';
import { buildOrgReport, orgCounts, type AccountOutcome, type OrgReport } from '../domain/org-report';
import { FLAGGED_SEVERITIES } from '../domain/severity';
import { publishMetrics } from '../metrics/publish-metrics';
import { daysToExpirySeries, flaggedPerAccountSeries, type SeriesPoint } from '../metrics/series';
import { partlyCheckedAccounts } from '../domain/partly-checked';
import { enabledSinks } from '../sinks/enabled-sinks';
import { SNS_DIGEST } from '../sinks/sns-digest-sink';
import { TimeBudget } from '../time-budget';
import { isTestAlertRequest, type TestAlertSummary } from '../../contract/test-alert';
import { sampleReport } from '../domain/sample-report';
import { deliverTestAlert } from '../deliver-test-alert';
import type { Sink } from '../sinks/sink';
import {
  ORG_METRICS,
  runPrefix,
  type AccountItem,
  type AggregateEvent,
  type AggregateSummary,
  type ScanAccountResult,
  type SkippedAccount,
} from '../../contract/organization';
import { METRIC_NAMES, SEVERITY_METRICS } from '../../contract/metrics';
import type { AggregateSettings } from './org-settings';
import { decodeReport } from './report-codec';
import { sdkConfig } from './sdk-config';
import { gapsOfResult } from './result-gaps';
import { batchResults, resultFilesOf, resultsOf, type WrittenBatch } from './result-writer';

export interface AggregateDeps {
  readonly settings: AggregateSettings;
  readonly s3: S3Client;
  /** A client in the topic's region. */
  readonly sns: SNSClient;
  /** The EventBridge client of a region (the EventBridge sink's, when `eventBus` is set). @default a new client */
  readonly eventBridge?: (region: string) => EventBridgeClient;
  /** The hub's region: where a bus given by name is. @default the topic's region */
  readonly homeRegion?: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /**
   * Time kept to the end for the SNS digest: the digest and every account's message.
   * @default DEFAULT_ORG_PUBLISH_RESERVE_MS
   */
  readonly publishReserveMs?: number;
}

/**
 * The SNS digest's reserve: 10,000 accounts with findings took about 63 s to render at 512 MB and 45 s to publish
 * 8 at a time (npm run bench -- --scenarios org-digest-10000 --publish), so 5 minutes leave room for slower
 * Publish calls.
 */
export const DEFAULT_ORG_PUBLISH_RESERVE_MS = 300_000;

/**
 * Step 3: read every account's result from the ResultWriter output, build the org report, deliver it to the
 * sinks (the SNS digest: the digest and the per-account messages, nothing for a quiet organization), and emit
 * the run's metrics. Delivery is the last step that can fail, so a retry never publishes twice because of
 * something after it. The optional sinks (EventBridge, the chat digest) share the time left before the SNS
 * digest's reserve, so that they cannot starve it.
 */
/** The aggregate step: a test alert's summary for `{"test": true}`, the run's for the state machine's event. */
export interface AggregateHandler {
  (event: { readonly test: true }, context: Context): Promise<TestAlertSummary>;
  (event: AggregateEvent, context: Context): Promise<AggregateSummary>;
}

export function createAggregateHandler(deps: AggregateDeps): AggregateHandler {
  const { settings, logger, metrics } = deps;
  const sinks = enabledSinks(settings, {
    homeRegion: deps.homeRegion ?? topicRegion(settings.topicArn),
    sns: () => deps.sns,
    eventBridge: deps.eventBridge ?? ((region) => new EventBridgeClient(sdkConfig(region))),
    // Security Hub's default product imports only the caller's own findings: each member's scan imports its own.
    securityHub: () => {
      throw new Error('the aggregate step imports no Security Hub findings');
    },
  });
  // The overloads are this one function: which summary it returns follows isTestAlertRequest(event).
  return (async (
    event: AggregateEvent | { readonly test: true },
    context: Context,
  ): Promise<AggregateSummary | TestAlertSummary> => {
    logger.addContext(context);
    const budget = new TimeBudget({
      remainingMs: context.getRemainingTimeInMillis(),
      reserveMs: deps.publishReserveMs ?? DEFAULT_ORG_PUBLISH_RESERVE_MS,
    });
    if (isTestAlertRequest(event)) return sendTestDigest(deps, sinks, context, budget);
    // Every log line of the run names it; a retried aggregate step has the same execution name.
    logger.appendPersistentKeys({ runId: event.runId });
    let series: readonly SeriesPoint[] = [];
    try {
      const org = await readOrgReport(deps, event, (deps.now ?? (() => new Date()))());
      const delivered = await deliverToSinks(sinks, { scope: 'organization', report: org }, budget);
      const summary: AggregateSummary = {
        accountsListed: org.accountsListed,
        accountsChecked: org.accountsChecked,
        accountsNotChecked: org.notChecked.length,
        accountsWithFindings: org.accounts.length,
        messagesPublished: delivered.receipts.get(SNS_DIGEST)?.ids.length ?? 0,
        notDelivered: delivered.failures.map(deliveryFailureText),
      };
      metrics.addMetric(ORG_METRICS.accountsNotChecked, MetricUnit.Count, summary.accountsNotChecked);
      metrics.addMetric(ORG_METRICS.deliveryFailures, MetricUnit.Count, delivered.failures.length);
      // Accounts checked with gaps, with findings or without: a certificate where the scan could not read is in
      // no alert either way, so the stack's alarm (>= 1) fires for both. 0 when none, every run.
      const partly = partlyCheckedAccounts(org);
      metrics.addMetric(ORG_METRICS.accountsPartlyChecked, MetricUnit.Count, partly.length);
      series = emitOrgCounts(metrics, org);
      metrics.addMetric(ORG_METRICS.runCompleted, MetricUnit.Count, 1);
      if (summary.notDelivered.length > 0)
        logger.warn('some sinks could not deliver', { notDelivered: summary.notDelivered });
      const notChecked = org.notChecked.map((n) => `${n.account.accountId}: ${n.reason}`);
      const partlyChecked = partly.map((p) => p.account.accountId);
      if (notChecked.length > 0 || partlyChecked.length > 0)
        logger.warn('organization run complete; some accounts not (fully) checked', {
          summary,
          notChecked,
          partlyChecked,
        });
      else logger.info('organization run complete', { summary });
      return summary;
    } catch (error) {
      logger.error('organization run failed', { error: error as Error });
      throw error;
    } finally {
      publishMetrics(metrics, logger, series);
    }
  }) as AggregateHandler;
}

/**
 * The organization's test alert: a digest of one account, the hub's own, whose report is the made-up sample
 * (sample-report.ts), to every sink of a run: the SNS digest and the hub account's own message, the Slack digest
 * topic, EventBridge. Security Hub is not among them: findings are imported inside each member's scan, never here.
 * No scan, no run data, no metric (the heartbeat counts runs).
 */
async function sendTestDigest(
  deps: AggregateDeps,
  sinks: readonly Sink[],
  context: Context,
  budget: TimeBudget,
): Promise<TestAlertSummary> {
  const now = (deps.now ?? (() => new Date()))();
  const [, partition = 'aws', , , accountId = 'unknown'] = context.invokedFunctionArn.split(':');
  const account: AccountItem = { accountId, accountName: 'test alert (the hub account)', hub: true };
  const report = sampleReport({
    accountId,
    region: deps.homeRegion ?? topicRegion(deps.settings.topicArn),
    partition,
    thresholds: deps.settings.thresholds,
    now,
    runId: context.awsRequestId,
  });
  const org = buildOrgReport({
    runId: context.awsRequestId,
    generatedAt: now,
    listed: [account],
    outcomes: [
      { status: 'checked', account, certificatesScanned: 1, report: { ...report, memberOfOrganization: true } },
    ],
  });
  return deliverTestAlert(sinks, { scope: 'organization', report: { ...org, test: true } }, budget, deps.logger);
}

/** A batch's results from S3; when they cannot be read, each of its accounts is not checked, saying why. */
async function writtenResults(deps: AggregateDeps, batch: WrittenBatch): Promise<ScanAccountResult[]> {
  try {
    return batchResults(batch.accounts, await getJson(deps.s3, deps.settings.runDataBucket, batch.key));
  } catch (error) {
    const reason = `its batch's results could not be read: ${describeError(error)}`;
    return batch.accounts.map((account) => ({ status: 'not-checked', account, reason }));
  }
}

/**
 * The organization's counts: accounts checked, flagged certificates by severity, and how many certificates and
 * accounts were left to the counts; returns the per-certificate and per-account series to publish.
 */
function emitOrgCounts(metrics: Metrics, org: OrgReport): SeriesPoint[] {
  metrics.addMetric(METRIC_NAMES.accountsChecked, MetricUnit.Count, org.accountsChecked);
  const counts = orgCounts(org);
  for (const severity of FLAGGED_SEVERITIES)
    metrics.addMetric(SEVERITY_METRICS[severity], MetricUnit.Count, counts[severity]);
  const certificates = daysToExpirySeries(
    org.accounts.flatMap((a) => a.report.findings.map((f) => ({ ...f, account: a.account.accountId }))),
  );
  const accounts = flaggedPerAccountSeries(
    org.accounts.map((a) => ({ accountId: a.account.accountId, flagged: a.report.findings.length })),
  );
  metrics.addMetric(METRIC_NAMES.flaggedNotCharted, MetricUnit.Count, certificates.notCharted);
  metrics.addMetric(METRIC_NAMES.accountsNotCharted, MetricUnit.Count, accounts.notCharted);
  return [...certificates.points, ...accounts.points];
}

/** The org report from the run's S3 objects: the account list, the ResultWriter files, large reports. */
async function readOrgReport(deps: AggregateDeps, event: AggregateEvent, now: Date): Promise<OrgReport> {
  const { s3 } = deps;
  const { Bucket, Key } = event.results.ResultWriterDetails;
  const listed = await getJson<AccountItem[]>(s3, event.accounts.bucket, event.accounts.key);
  const skipped = event.skipped ? await getJson<SkippedAccount[]>(s3, event.skipped.bucket, event.skipped.key) : [];
  const results: ScanAccountResult[] = [];
  for (const file of resultFilesOf(await getJson(s3, Bucket, Key))) {
    const read = resultsOf(file, await getJson(s3, Bucket, file.key));
    results.push(...read.results);
    for (const batch of read.written) results.push(...(await writtenResults(deps, batch)));
  }
  const outcomes: AccountOutcome[] = [];
  for (const result of results) {
    if (result.status === 'not-checked') {
      outcomes.push(result);
      continue;
    }
    if (result.flagged === 0) {
      const { gaps, omitted } = gapsOfResult(result);
      const { account, certificatesScanned } = result;
      outcomes.push({ status: 'checked', account, certificatesScanned, gaps, gapsOmitted: omitted });
      continue;
    }
    try {
      const encoded = result.report ?? (await getJson(s3, deps.settings.runDataBucket, result.reportKey!));
      outcomes.push({
        status: 'checked',
        account: result.account,
        certificatesScanned: result.certificatesScanned,
        report: decodeReport(encoded),
      });
    } catch (error) {
      outcomes.push({
        status: 'not-checked',
        account: result.account,
        reason: `its report could not be read: ${describeError(error)}`,
      });
    }
  }
  return buildOrgReport({
    runId: event.runId,
    reportLocation: `s3://${deps.settings.runDataBucket}/${runPrefix(event.runId)}`,
    generatedAt: now,
    listed,
    outcomes,
    skipped,
  });
}
