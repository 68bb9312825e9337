import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { AwsClients } from './aws/clients';
import { runCheck, type CheckOutcome } from './check';
import { METRICS } from '../contract/environment';
import { METRIC_NAMES, SEVERITY_METRICS } from '../contract/metrics';
import { deliveryFailureText } from './domain/delivery-failure';
import { countBySeverity, FLAGGED_SEVERITIES, type SeverityCounts } from './domain/severity';
import type { CheckerSettings } from './settings';
import { runIdOf } from './run-id';
import { publishMetrics } from './metrics/publish-metrics';
import { daysToExpirySeries, type SeriesPoint } from './metrics/series';
import { enabledSinks } from './sinks/enabled-sinks';
import type { Sink } from './sinks/sink';
import { DEFAULT_OPTIONAL_SINKS_MS, TimeBudget } from './time-budget';
import { isTestAlertRequest, type TestAlertSummary } from '../contract/test-alert';
import { sampleReport } from './domain/sample-report';
import { deliverTestAlert } from './deliver-test-alert';

export interface HandlerDeps {
  readonly settings: CheckerSettings;
  readonly clients: AwsClients;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Requests in flight at once per region and service. @default DEFAULT_CONCURRENCY */
  readonly concurrency?: number;
  /** Time kept to the end for rendering and publishing the alert (the SNS digest). @default 30 s */
  readonly publishReserveMs?: number;
  /**
   * Time kept back from the scan for the optional sinks (Security Hub, EventBridge), when any is switched on.
   * @default DEFAULT_OPTIONAL_SINKS_MS
   */
  readonly optionalSinksMs?: number;
  /** Where each report goes, in order. @default enabledSinks(settings, clients) */
  readonly sinks?: readonly Sink[];
}

export const DEFAULT_CONCURRENCY = 4;

/** Time kept to the end for rendering and publishing the alert. */
export const DEFAULT_PUBLISH_RESERVE_MS = 30_000;

/** What one invocation did; also the handler's return value (visible on a manual invoke). */
export interface RunSummary {
  readonly certificatesScanned: number;
  readonly flagged: Readonly<SeverityCounts>;
  readonly snoozed: number;
  readonly minDaysLeft?: number;
  readonly regionsScanned: number;
  readonly regionsFailed: number;
  /** Every region and service read (a sink that could not deliver is in `notDelivered`, not here). */
  readonly complete: boolean;
  readonly notChecked: readonly string[];
  /** Each sink that could not deliver: `Security Hub (us-east-1): not delivered, timed out after 12 s`. */
  readonly notDelivered: readonly string[];
  readonly messagesPublished: number;
  readonly apiCalls: number;
  readonly apiRetries: number;
}

/** The handler: a test alert's summary for `{"test": true}`, a run's for any other event. */
export interface AccountHandler {
  (event: { readonly test: true }, context: Context): Promise<TestAlertSummary>;
  (event: unknown, context: Context): Promise<RunSummary>;
}

/**
 * The Lambda handler over its dependencies. A scheduled and a manual invocation do the same; the event only names
 * the run (runIdOf), a persistent key of every log line and part of every message. The run fails only when
 * certificates cannot be listed or the alert (the SNS digest) cannot be published. One time budget covers the
 * invocation: the scan, then the optional sinks, each stopped in time to leave the alert its reserve.
 * `{"test": true}` scans nothing: a sample report goes to the same sinks, under the same budget (sendTestAlert).
 */
export function createHandler(deps: HandlerDeps): AccountHandler {
  const { logger, metrics, clients, settings } = deps;
  const sinks = deps.sinks ?? enabledSinks(settings, clients);
  // The overloads are this one function: which summary it returns follows isTestAlertRequest(event).
  return (async (event: unknown, context: Context): Promise<RunSummary | TestAlertSummary> => {
    logger.addContext(context);
    const runId = runIdOf(event, context);
    logger.appendPersistentKeys({ runId });
    const stats = clients.startCounting();
    const budget = new TimeBudget({
      remainingMs: context.getRemainingTimeInMillis(),
      reserveMs: deps.publishReserveMs ?? DEFAULT_PUBLISH_RESERVE_MS,
      optionalSinksMs: sinks.some((s) => !s.required) ? (deps.optionalSinksMs ?? DEFAULT_OPTIONAL_SINKS_MS) : 0,
    });
    if (isTestAlertRequest(event)) return sendTestAlert(deps, sinks, { context, runId, budget });
    let series: readonly SeriesPoint[] = [];
    try {
      const outcome = await runCheck(clients, {
        settings,
        accountId: accountIdOf(context),
        now: (deps.now ?? (() => new Date()))(),
        concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
        budget,
        sinks,
        runId,
      });
      const summary = summarise(outcome, stats.calls, stats.retries);
      const charted = daysToExpirySeries(outcome.report?.findings ?? []);
      series = charted.points;
      emitMetrics(metrics, summary);
      metrics.addMetric(METRIC_NAMES.flaggedNotCharted, MetricUnit.Count, charted.notCharted);
      metrics.addMetric(METRICS.runCompleted, MetricUnit.Count, 1);
      if (summary.complete) logger.info('run complete', { summary, apiCallsByAction: stats.byAction() });
      else
        logger.warn('run incomplete: some regions or services could not be checked', {
          summary,
          apiCallsByAction: stats.byAction(),
        });
      if (summary.notDelivered.length > 0)
        logger.warn('some sinks could not deliver', { notDelivered: summary.notDelivered });
      return summary;
    } catch (error) {
      logger.error('run failed', { error: error as Error, apiCalls: stats.calls, apiCallsByAction: stats.byAction() });
      throw error;
    } finally {
      metrics.addMetric(METRIC_NAMES.apiCalls, MetricUnit.Count, stats.calls);
      metrics.addMetric(METRIC_NAMES.apiRetries, MetricUnit.Count, stats.retries);
      publishMetrics(metrics, logger, series);
    }
  }) as AccountHandler;
}

/**
 * The sample report (sample-report.ts) to every sink, as a run delivers its report. No metric: a test is not a run
 * (the heartbeat must not count it), and a sink that fails is in the summary and the log.
 */
async function sendTestAlert(
  deps: HandlerDeps,
  sinks: readonly Sink[],
  run: { readonly context: Context; readonly runId: string; readonly budget: TimeBudget },
): Promise<TestAlertSummary> {
  const { logger, clients, settings } = deps;
  const report = sampleReport({
    accountId: accountIdOf(run.context),
    region: clients.homeRegion,
    partition: run.context.invokedFunctionArn.split(':')[1] || 'aws',
    thresholds: settings.thresholds,
    now: (deps.now ?? (() => new Date()))(),
    runId: run.runId,
  });
  return deliverTestAlert(sinks, { scope: 'account', report }, run.budget, logger);
}

/** The account id is part of the function's own ARN: no STS call needed. */
function accountIdOf(context: Context): string {
  return context.invokedFunctionArn.split(':')[4] ?? 'unknown';
}

function summarise(outcome: CheckOutcome, apiCalls: number, apiRetries: number): RunSummary {
  const report = outcome.report;
  const gaps = outcome.gaps;
  return {
    certificatesScanned: outcome.certificatesScanned,
    flagged: countBySeverity(report?.findings ?? []),
    snoozed: report?.snoozed.length ?? 0,
    ...(outcome.minDaysLeft !== undefined ? { minDaysLeft: outcome.minDaysLeft } : {}),
    regionsScanned: report?.coverage.regionsScanned.length ?? 0,
    regionsFailed: new Set(gaps.map((g) => g.region)).size,
    complete: gaps.length === 0,
    notChecked: gaps.map((g) => `${g.region}/${g.service}: ${g.reason}`),
    notDelivered: outcome.deliveryFailures.map(deliveryFailureText),
    messagesPublished: outcome.messageIds.length,
    apiCalls,
    apiRetries,
  };
}

function emitMetrics(metrics: Metrics, s: RunSummary): void {
  metrics.addMetric(METRIC_NAMES.certificatesScanned, MetricUnit.Count, s.certificatesScanned);
  for (const severity of FLAGGED_SEVERITIES)
    metrics.addMetric(SEVERITY_METRICS[severity], MetricUnit.Count, s.flagged[severity]);
  if (s.minDaysLeft !== undefined) metrics.addMetric(METRIC_NAMES.minDaysLeft, MetricUnit.Count, s.minDaysLeft);
  metrics.addMetric(METRIC_NAMES.regionsScanned, MetricUnit.Count, s.regionsScanned);
  metrics.addMetric(METRIC_NAMES.regionsFailed, MetricUnit.Count, s.regionsFailed);
  metrics.addMetric(METRICS.scanIncomplete, MetricUnit.Count, s.complete ? 0 : 1);
  metrics.addMetric(METRICS.deliveryFailures, MetricUnit.Count, s.notDelivered.length);
}
