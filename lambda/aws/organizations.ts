import {
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListRoots,
  type Account,
} from '@aws-sdk/client-organizations';

/** An account as Organizations lists it. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
  /**
   * `State` (ACTIVE, SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED); the deprecated `Status` where an
   * older response has no `State` (Organizations retires `Status` on 9 September 2026).
   */
  readonly state: string;
}

/** The organization's root ids (the laptop command's default scope). */
export async function listRootIds(client: OrganizationsClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListRoots({ client }, {})) {
    for (const root of page.Roots ?? []) if (root.Id) ids.push(root.Id);
  }
  return ids;
}

/**
 * Every account under the given roots or OUs, recursively (ListAccountsForParent, then ListChildren for the
 * child OUs), each once even when the parents overlap.
 */
export async function listAccountsUnder(
  client: OrganizationsClient,
  parentIds: readonly string[],
): Promise<OrganizationAccount[]> {
  const accounts = new Map<string, OrganizationAccount>();
  const visited = new Set<string>();
  const pending = [...parentIds];
  while (pending.length > 0) {
    const parentId = pending.shift()!;
    if (visited.has(parentId)) continue;
    visited.add(parentId);
    for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
      for (const account of page.Accounts ?? []) if (account.Id) accounts.set(account.Id, toAccount(account));
    }
    for await (const page of paginateListChildren(
      { client },
      { ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT' },
    )) {
      for (const child of page.Children ?? []) if (child.Id) pending.push(child.Id);
    }
  }
  return [...accounts.values()];
}

function toAccount(a: Account): OrganizationAccount {
  return { id: a.Id!, name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' };
}
