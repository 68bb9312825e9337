import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import type { AwsClients, TemporaryCredentials } from '../aws/clients';
import { putJson } from '../aws/run-data';
import { assumeRole, memberRoleArn } from '../aws/sts';
import { runCheck } from '../check';
import { DEFAULT_CONCURRENCY } from '../create-handler';
import { utf8Bytes } from '../render/format';
import { callerOf } from './accounts';
import { accountReportKey, type ScanAccountEvent, type ScanAccountResult } from './contract';
import { assumeRoleFailure, scanFailure } from './not-checked-reason';
import type { ScanAccountSettings } from './org-settings';
import { encodeReport } from './report-codec';

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
  /** Time kept back from the scan to return (or write) the result before Lambda's timeout. @default 15 s */
  readonly resultReserveMs?: number;
  /** Largest report carried in the state itself; a larger one goes to S3. @default REPORT_INLINE_MAX_BYTES */
  readonly reportInlineMaxBytes?: number;
}

/**
 * A state's payload is at most 256 KiB (262,144 bytes), and the ResultWriter gathers many results per file:
 * a report above 64 KiB travels through S3 instead, leaving room for the envelope.
 */
export const REPORT_INLINE_MAX_BYTES = 65_536;

/** The name the scan's session carries in the member account's CloudTrail. */
export const SESSION_NAME = 'iam-cert-expiry-monitor';

/**
 * Step 2, once per account: assume the member role (the hub scans itself with its own role), then the same
 * pipeline as single-account mode, without publishing. An account that cannot be assumed or listed is a
 * `not-checked` result, not a failure: a failure would only tell the aggregate less.
 */
export function createScanAccountHandler(deps: ScanAccountDeps) {
  const { settings, logger } = deps;
  return async (event: ScanAccountEvent, context: Context): Promise<ScanAccountResult> => {
    logger.addContext(context);
    const { account } = event;
    const deadline = AbortSignal.timeout(Math.max(0, context.getRemainingTimeInMillis() - (deps.resultReserveMs ?? 15_000)));
    let credentials: TemporaryCredentials | undefined;
    if (!account.hub) {
      const roleArn = memberRoleArn(callerOf(context.invokedFunctionArn).partition, account.accountId, settings.memberRoleName);
      try {
        credentials = await assumeRole(deps.sts, roleArn, SESSION_NAME, deadline);
      } catch (error) {
        const reason = assumeRoleFailure(error, deadline);
        logger.warn('account not checked: cannot assume the member role', { accountId: account.accountId, roleArn, reason, error: error as Error });
        return { status: 'not-checked', account, reason };
      }
    }
    const clients = deps.clientsFor(credentials);
    try {
      const outcome = await runCheck(clients, {
        settings: { ...settings, topicArn: '' }, // never used: a dry run does not publish
        accountId: account.accountId,
        now: (deps.now ?? (() => new Date()))(),
        concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
        scanDeadline: deadline,
        dryRun: true,
      });
      const flagged = outcome.report?.findings.length ?? 0;
      const result = { status: 'checked' as const, account, certificatesScanned: outcome.certificatesScanned, flagged };
      logger.info('account checked', { accountId: account.accountId, certificatesScanned: outcome.certificatesScanned, flagged, apiCalls: clients.stats.calls });
      if (!outcome.report || flagged === 0) return result;
      const report = encodeReport(outcome.report);
      if (utf8Bytes(JSON.stringify(report)) <= (deps.reportInlineMaxBytes ?? REPORT_INLINE_MAX_BYTES)) return { ...result, report };
      const reportKey = accountReportKey(event.runId, account.accountId);
      await putJson(deps.s3, settings.runDataBucket, reportKey, report);
      return { ...result, reportKey };
    } catch (error) {
      const reason = scanFailure(error, deadline);
      logger.warn('account not checked: the scan failed', { accountId: account.accountId, reason, error: error as Error });
      return { status: 'not-checked', account, reason };
    } finally {
      clients.destroy();
    }
  };
}
