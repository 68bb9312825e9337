/**
 * The organization run in one process (`npm run check -- --organization`): the deployed state machine's steps
 * with the same functions. List the ACTIVE accounts under the OUs (or the root), scan each with the member role
 * (the caller's own account with its own credentials), build the org report. Delivers nothing.
 */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import pLimit from 'p-limit';
import { BATCH_ACCOUNT_CONCURRENCY } from '../../contract/defaults';
import { listAccountsUnder, listRootIds } from '../aws/organizations';
import { callerIdentity } from '../aws/sts';
import { DEFAULT_CONCURRENCY } from '../create-handler';
import { buildOrgReport, type OrgProgress, type OrgReport } from '../domain/org-report';
import type { ScanSettings } from '../settings';
import { selectAccounts, skippedAccounts } from './accounts';
import { scanAccount } from './scan-account';
import type { CallerOptions } from '../aws/clients';
import { accountClientsFor, callerClient, sdkConfig } from './sdk-config';

export interface OrganizationCheckInput {
  /** Region of the run's Organizations and STS clients, and of each account's global-service clients. */
  readonly homeRegion: string;
  readonly settings: ScanSettings & { readonly memberRoleName: string };
  /** Roots or OUs to scan, recursively; none for the organization's root. */
  readonly organizationalUnits: readonly string[];
  readonly excludeAccounts: ReadonlySet<string>;
  readonly now: Date;
  /** The laptop caller's profile and call listener. @default none */
  readonly caller?: CallerOptions;
  /** Told once the accounts are listed, then as each account's scan ends. @default none */
  readonly onProgress?: (progress: OrgProgress) => void;
}

/**
 * AWS errors of the organization itself (the caller's identity, listing the accounts) propagate; an account's
 * own become its `not-checked` reason.
 */
export async function runOrganizationCheck(input: OrganizationCheckInput): Promise<OrgReport> {
  const { homeRegion, caller: callerOptions } = input;
  const sdk = sdkConfig(homeRegion, callerOptions);
  const organizations = callerClient(new OrganizationsClient(sdk), homeRegion, callerOptions);
  const sts = callerClient(new STSClient(sdk), homeRegion, callerOptions);
  try {
    const caller = await callerIdentity(sts);
    const parents = input.organizationalUnits.length > 0 ? input.organizationalUnits : await listRootIds(organizations);
    const listed = await listAccountsUnder(organizations, parents);
    const accounts = selectAccounts(listed, { excludeAccounts: input.excludeAccounts, hubAccountId: caller.accountId });
    const skipped = skippedAccounts(listed, { excludeAccounts: input.excludeAccounts });
    const deps = {
      settings: input.settings,
      sts,
      clientsFor: accountClientsFor(homeRegion, callerOptions),
      concurrency: DEFAULT_CONCURRENCY,
    };
    const limit = pLimit(BATCH_ACCOUNT_CONCURRENCY);
    let progress: OrgProgress = { accountsDone: 0, accountsTotal: accounts.length, findings: 0, notChecked: 0 };
    input.onProgress?.(progress);
    const outcomes = await Promise.all(
      accounts.map((account) =>
        limit(async () => {
          const { outcome } = await scanAccount(deps, { account, partition: caller.partition, now: input.now });
          progress = {
            ...progress,
            accountsDone: progress.accountsDone + 1,
            findings: progress.findings + (outcome.status === 'checked' ? (outcome.report?.findings.length ?? 0) : 0),
            notChecked: progress.notChecked + (outcome.status === 'not-checked' ? 1 : 0),
          };
          input.onProgress?.(progress);
          return outcome;
        }),
      ),
    );
    return buildOrgReport({ generatedAt: input.now, listed: accounts, outcomes, skipped });
  } finally {
    organizations.destroy();
    sts.destroy();
  }
}
