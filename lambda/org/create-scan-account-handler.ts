import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import type { AwsClients, TemporaryCredentials } from '../aws/clients';
import { putJson } from '../aws/run-data';
import { DEFAULT_CONCURRENCY } from '../create-handler';
import { callerOf } from './accounts';
import { accountReportKey, type ScanAccountEvent, type ScanAccountResult } from '../../contract/organization';
import { deliveryFailureText } from '../domain/delivery-failure';
import type { ScanAccountSettings } from './org-settings';
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
  /** @default DEFAULT_CONCURRENCY */
  readonly concurrency?: number;
  /** Time kept to the end to return (or write) the result before Lambda's timeout. @default 15 s */
  readonly resultReserveMs?: number;
  /** Time kept back from the scan for Security Hub, when it is switched on. @default DEFAULT_OPTIONAL_SINKS_MS */
  readonly optionalSinksMs?: number;
  /** Largest report carried in the state itself; a larger one goes to S3. @default REPORT_INLINE_MAX_BYTES */
  readonly reportInlineMaxBytes?: number;
}

/**
 * A state's payload is at most 256 KiB (262,144 bytes), and the ResultWriter gathers many results per file:
 * a report above 64 KiB travels through S3 instead, leaving room for the envelope.
 */
export const REPORT_INLINE_MAX_BYTES = 65_536;

/**
 * Step 2, once per account (scan-account.ts). An account that cannot be assumed or listed is a `not-checked`
 * result, not a failure: a failed child would only tell the aggregate less.
 */
export function createScanAccountHandler(deps: ScanAccountDeps) {
  const { settings, logger } = deps;
  return async (event: ScanAccountEvent, context: Context): Promise<ScanAccountResult> => {
    logger.addContext(context);
    // Every log line names the run (the state machine's execution name), as the aggregate's do.
    logger.appendPersistentKeys({ runId: event.runId });
    const { account } = event;
    const scan = await scanAccount(
      { settings, sts: deps.sts, clientsFor: deps.clientsFor, concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY },
      {
        account,
        partition: callerOf(context.invokedFunctionArn).partition,
        runId: event.runId,
        now: (deps.now ?? (() => new Date()))(),
        budget: new TimeBudget({
          remainingMs: context.getRemainingTimeInMillis(),
          reserveMs: deps.resultReserveMs ?? 15_000,
          optionalSinksMs: settings.securityHub ? (deps.optionalSinksMs ?? DEFAULT_OPTIONAL_SINKS_MS) : 0,
        }),
      },
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
  };
}
