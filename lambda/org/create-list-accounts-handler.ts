import type { Logger } from '@aws-lambda-powertools/logger';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { listAccountsUnder } from '../aws/organizations';
import { putJson } from '../aws/run-data';
import { callerOf, selectAccounts, skippedAccounts } from './accounts';
import {
  accountListKey,
  skippedAccountsKey,
  type ListAccountsEvent,
  type ListAccountsResult,
} from '../../contract/organization';
import type { ListAccountsSettings } from './org-settings';

export interface ListAccountsDeps {
  readonly settings: ListAccountsSettings;
  readonly organizations: OrganizationsClient;
  readonly s3: S3Client;
  readonly logger: Logger;
}

/** Step 1: the accounts to scan, written to S3 for the Distributed Map's ItemReader. */
export function createListAccountsHandler(deps: ListAccountsDeps) {
  const { settings, logger } = deps;
  return async (event: ListAccountsEvent, context: Context): Promise<ListAccountsResult> => {
    logger.addContext(context);
    // Every log line names the run (the state machine's execution name), as the aggregate's do.
    logger.appendPersistentKeys({ runId: event.runId });
    const listed = await listAccountsUnder(deps.organizations, settings.organizationalUnits);
    const accounts = selectAccounts(listed, {
      excludeAccounts: settings.excludeAccounts,
      hubAccountId: callerOf(context.invokedFunctionArn).accountId,
    });
    const key = accountListKey(event.runId);
    await putJson(deps.s3, settings.runDataBucket, key, accounts);
    const skipped = skippedAccounts(listed, { excludeAccounts: settings.excludeAccounts });
    const skippedKey = skippedAccountsKey(event.runId);
    await putJson(deps.s3, settings.runDataBucket, skippedKey, skipped);
    logger.info('accounts listed', {
      listed: listed.length,
      inactive: listed.filter((a) => a.state !== 'ACTIVE').length,
      excluded: listed.filter((a) => settings.excludeAccounts.has(a.id)).length,
      toScan: accounts.length,
    });
    return {
      runId: event.runId,
      accounts: { bucket: settings.runDataBucket, key, accountCount: accounts.length },
      skipped: { bucket: settings.runDataBucket, key: skippedKey, accountCount: skipped.length },
    };
  };
}
