import {
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListRoots,
  type Account,
} from '@aws-sdk/client-organizations';
import { boundedPages } from './bounded-pages';
import { LISTING_PAGE_CAPS } from './listing-caps';

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

/** A root or OU id the caller gave that the organization does not have (Organizations' ParentNotFoundException). */
export class UnknownParentError extends Error {
  override readonly name = 'ParentNotFoundException';
  constructor(readonly parentId: string) {
    super(`no root or OU ${parentId} in this organization`);
  }
}

/** The organization's root ids (the laptop command's default scope). */
export async function listRootIds(client: OrganizationsClient): Promise<string[]> {
  const ids: string[] = [];
  const pages = boundedPages(paginateListRoots({ client }, {}), {
    action: 'ListRoots',
    maxPages: LISTING_PAGE_CAPS.organizationRoots,
    nextToken: (page) => page.NextToken,
  });
  for await (const page of pages) {
    for (const root of page.Roots ?? []) if (root.Id) ids.push(root.Id);
  }
  return ids;
}

/**
 * Every account under the given roots or OUs, recursively (ListAccountsForParent, then ListChildren for the
 * child OUs), each once even when the parents overlap. A given id the organization does not have throws
 * UnknownParentError, naming it (the API's error does not).
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
    const accountPages = boundedPages(paginateListAccountsForParent({ client }, { ParentId: parentId }), {
      action: 'ListAccountsForParent',
      maxPages: LISTING_PAGE_CAPS.organizationAccounts,
      nextToken: (page) => page.NextToken,
    });
    try {
      for await (const page of accountPages) {
        for (const account of page.Accounts ?? []) if (account.Id) accounts.set(account.Id, toAccount(account));
      }
    } catch (error) {
      if ((error as Error).name === 'ParentNotFoundException' && parentIds.includes(parentId))
        throw new UnknownParentError(parentId);
      throw error;
    }
    const childPages = boundedPages(
      paginateListChildren({ client }, { ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT' }),
      { action: 'ListChildren', maxPages: LISTING_PAGE_CAPS.organizationUnits, nextToken: (page) => page.NextToken },
    );
    for await (const page of childPages) {
      for (const child of page.Children ?? []) if (child.Id) pending.push(child.Id);
    }
  }
  return [...accounts.values()];
}

function toAccount(a: Account): OrganizationAccount {
  return { id: a.Id!, name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' };
}
