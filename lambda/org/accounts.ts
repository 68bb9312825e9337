/** Which accounts one organization run scans (pure). */
import type { OrganizationAccount } from '../aws/organizations';
import type { AccountItem, SkippedAccount } from '../../contract/organization';

export interface AccountSelection {
  readonly excludeAccounts: ReadonlySet<string>;
  /** The account the monitor runs in, scanned with its own role. */
  readonly hubAccountId: string;
}

/** Name shown for the hub account when it is not among the listed accounts. */
export const HUB_ACCOUNT_NAME = 'monitor account';

/**
 * ACTIVE accounts only (a suspended or closing account cannot be read), minus the excluded ones, plus the hub,
 * sorted by id. The hub is excluded too when the operator excluded it by id.
 */
export function selectAccounts(listed: readonly OrganizationAccount[], selection: AccountSelection): AccountItem[] {
  const { excludeAccounts, hubAccountId } = selection;
  const items = new Map<string, AccountItem>();
  for (const account of listed) {
    if (account.state !== 'ACTIVE' || excludeAccounts.has(account.id)) continue;
    items.set(account.id, { accountId: account.id, accountName: account.name, hub: account.id === hubAccountId });
  }
  if (!items.has(hubAccountId) && !excludeAccounts.has(hubAccountId)) {
    items.set(hubAccountId, {
      accountId: hubAccountId,
      accountName: listed.find((a) => a.id === hubAccountId)?.name || HUB_ACCOUNT_NAME,
      hub: true,
    });
  }
  return [...items.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** The listed accounts `selectAccounts` leaves out, with why (the report names them: audit evidence), sorted by id. */
export function skippedAccounts(
  listed: readonly OrganizationAccount[],
  selection: Pick<AccountSelection, 'excludeAccounts'>,
): SkippedAccount[] {
  const skipped = new Map<string, SkippedAccount>();
  for (const account of listed) {
    const base = { accountId: account.id, accountName: account.name };
    if (selection.excludeAccounts.has(account.id))
      skipped.set(account.id, { ...base, reason: 'excluded', detail: 'excluded by configuration' });
    else if (account.state !== 'ACTIVE')
      skipped.set(account.id, { ...base, reason: 'suspended', detail: `state ${account.state}` });
  }
  return [...skipped.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** `arn:aws:lambda:us-east-1:123456789012:function:x` → `{ partition: 'aws', accountId: '123456789012' }`. */
export function callerOf(functionArn: string): { readonly partition: string; readonly accountId: string } {
  const [, partition = 'aws', , , accountId = 'unknown'] = functionArn.split(':');
  return { partition, accountId };
}
