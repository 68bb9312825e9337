import { setMaxListeners } from 'node:events';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import pLimit from 'p-limit';
import type { AwsClients, TemporaryCredentials } from '../aws/clients';
import { putJson } from '../aws/run-data';
import { DEFAULT_CONCURRENCY } from '../create-handler';
import { describeError } from '../describe-error';
import { callerOf } from './accounts';
import { BATCH_ACCOUNT_CONCURRENCY } from '../../contract/defaults';
import {
  accountReportKey,
  BATCH_RESULT_INLINE_MAX_BYTES,
  batchResultsKey,
  type ScanAccountEvent,
  type ScanAccountResult,
  type ScanBatchEvent,
  type ScanBatchResult,
} from '../../contract/organization';
import { deliveryFailureText } from '../domain/delivery-failure';
import type { ScanAccountSettings } from './org-settings';
import { REASONS } from './not-checked-reason';
import { encodeReport } from './report-codec';
import { carriedGaps } from './result-gaps';
import { scanAccount } from './scan-account';
import { DEFAULT_OPTIONAL_SINKS_MS, TimeBudget } from '../time-budget';

export interface ScanAccountDeps {
  readonly settings: ScanAccountSettings;
  readonly sts: STSClient;
  readonly s3: S3Client;
  /** Clients with the given credentials (the function's own when undefined); destroyed after the scan. */
  readonly clientsFor: (credentials: TemporaryCredentials | undefined) => AwsClients;
  readonly logger: Logger;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Regions (and listings) one account's scan reads at once. @default DEFAULT_CONCURRENCY */
  readonly concurrency?: number;
  /** Accounts of the batch scanned at once. @default BATCH_ACCOUNT_CONCURRENCY */
  readonly accountConcurrency?: number;
  /** Time kept to the end to return (or write) the results before Lambda's timeout. @default 15 s */
  readonly resultReserveMs?: number;
  /** Time kept back from the scan for Security Hub, when it is switched on. @default DEFAULT_OPTIONAL_SINKS_MS */
  readonly optionalSinksMs?: number;
  /** Largest report carried in the state itself; a larger one goes to S3. @default REPORT_INLINE_MAX_BYTES */
  readonly reportInlineMaxBytes?: number;
  /** Largest batch result carried in the state; a larger one goes to S3. @default BATCH_RESULT_INLINE_MAX_BYTES */
  readonly batchInlineMaxBytes?: number;
}

/**
 * The ResultWriter gathers many batch results per file and a batch's whole result must stay inside the state's
 * 256 KiB: one account's report above 64 KiB travels through S3 instead.
 */
export const REPORT_INLINE_MAX_BYTES = 65_536;

/**
 * Step 2, once per batch of accounts (scan-account.ts for each): the accounts run a few at once under one time
 * budget, so that the network waits of many quiet accounts overlap in one invocation. Each account ends as its own
 * result: one that cannot be assumed or listed, whose scan throws, or that the batch's time does not reach is
 * `not-checked` with its reason, and the others' results stand. The invocation itself fails only when it cannot
 * return at all (then the state machine retries the batch once).
 */
export function createScanAccountHandler(deps: ScanAccountDeps) {
  const { settings, logger } = deps;
  return async (event: ScanBatchEvent, context: Context): Promise<ScanBatchResult> => {
    logger.addContext(context);
    const items = event.Items;
    const first = items[0];
    if (!first) return { results: [] };
    // Every log line names the run (the state machine's execution name), as the aggregate's do.
    logger.appendPersistentKeys({ runId: first.runId });
    const budget = new TimeBudget({
      remainingMs: context.getRemainingTimeInMillis(),
      reserveMs: deps.resultReserveMs ?? 15_000,
      optionalSinksMs: settings.securityHub ? (deps.optionalSinksMs ?? DEFAULT_OPTIONAL_SINKS_MS) : 0,
    });
    // Every account in flight, and each of its calls, listens to the one deadline: more than Node's warning level
    // of 10, and bounded by the accounts at once.
    setMaxListeners(0, budget.scanDeadline);
    const batch: BatchScan = {
      deps,
      partition: callerOf(context.invokedFunctionArn).partition,
      now: (deps.now ?? (() => new Date()))(),
      budget,
    };
    const limit = pLimit(deps.accountConcurrency ?? BATCH_ACCOUNT_CONCURRENCY);
    const results = await Promise.all(
      items.map((item) =>
        limit(async (): Promise<ScanAccountResult> => {
          // Queued behind slower accounts until the scan's time was up: never started, so not checked.
          if (budget.scanDeadline.aborted)
            return { status: 'not-checked', account: item.account, reason: REASONS.batchOutOfTime };
          try {
            return await accountResult(batch, item);
          } catch (error) {
            logger.error('account result could not be made', { accountId: item.account.accountId, error });
            return { status: 'not-checked', account: item.account, reason: describeError(error) };
          }
        }),
      ),
    );
    const inline = { results };
    const notChecked = results.filter((r) => r.status === 'not-checked').length;
    const fits =
      Buffer.byteLength(JSON.stringify(inline)) <= (deps.batchInlineMaxBytes ?? BATCH_RESULT_INLINE_MAX_BYTES);
    logger.info('batch scanned', { accounts: results.length, notChecked, results: fits ? 'in the state' : 'in S3' });
    if (fits) return inline;
    const resultsKey = batchResultsKey(first.runId, first.account.accountId);
    await putJson(deps.s3, settings.runDataBucket, resultsKey, results);
    return { resultsKey, accounts: results.length };
  };
}

/** What every account of one invocation shares. */
interface BatchScan {
  readonly deps: ScanAccountDeps;
  readonly partition: string;
  readonly now: Date;
  readonly budget: TimeBudget;
}

/** One account's scan and its result: its report inline when small, else in S3. */
async function accountResult(batch: BatchScan, event: ScanAccountEvent): Promise<ScanAccountResult> {
  const { deps, budget } = batch;
  const { settings, logger } = deps;
  const { account } = event;
  const scan = await scanAccount(
    { settings, sts: deps.sts, clientsFor: deps.clientsFor, concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY },
    { account, partition: batch.partition, runId: event.runId, now: batch.now, budget },
  );
  const { outcome } = scan;
  if (outcome.status === 'not-checked') {
    logger.warn('account not checked', {
      accountId: account.accountId,
      roleArn: scan.roleArn,
      reason: outcome.reason,
      error: scan.error as Error,
    });
    return outcome;
  }
  const flagged = outcome.report?.findings.length ?? 0;
  logger.info('account checked', {
    accountId: account.accountId,
    certificatesScanned: outcome.certificatesScanned,
    flagged,
    apiCalls: scan.apiCalls,
  });
  const result = { status: 'checked' as const, account, certificatesScanned: outcome.certificatesScanned, flagged };
  // A quiet account's report exists only when a sink (Security Hub) failed: the log keeps that; its scan gaps (in
  // the report's coverage, or the outcome's without one) travel to the aggregate, which names it partly checked.
  if (flagged === 0 && outcome.report?.deliveryFailures)
    logger.warn('a sink could not deliver', {
      accountId: account.accountId,
      notDelivered: outcome.report.deliveryFailures.map(deliveryFailureText),
    });
  if (flagged === 0) return { ...result, ...carriedGaps(outcome.report?.coverage.gaps ?? outcome.gaps ?? []) };
  if (!outcome.report) return result;
  const report = encodeReport(outcome.report);
  if (Buffer.byteLength(JSON.stringify(report)) <= (deps.reportInlineMaxBytes ?? REPORT_INLINE_MAX_BYTES))
    return { ...result, report };
  const reportKey = accountReportKey(event.runId, account.accountId);
  await putJson(deps.s3, settings.runDataBucket, reportKey, report);
  return { ...result, reportKey };
}
