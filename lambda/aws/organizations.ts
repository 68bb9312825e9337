import {
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListRoots,
  type Account,
} from '@aws-sdk/client-organizations';
import pLimit from 'p-limit';
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
 * Parents (roots or OUs) read at once. Organizations publishes no request rate per action, and its throttling
 * (TooManyRequestsException) is retried by the client's retry strategy, which paces the calls that follow: a few
 * parents at once turn 10,000 accounts in hundreds of OUs from hundreds of sequential pages into a few rounds.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
export const PARENTS_AT_ONCE = 4;

/**
 * Every account under the given roots or OUs, recursively (ListAccountsForParent, then ListChildren for the
 * child OUs), each once even when the parents overlap. The tree is walked a level at a time, `PARENTS_AT_ONCE`
 * parents at once; each parent is read once, so the walk ends. A given id the organization does not have throws
 * UnknownParentError, naming it (the API's error does not).
 */
export async function listAccountsUnder(
  client: OrganizationsClient,
  parentIds: readonly string[],
  parentsAtOnce = PARENTS_AT_ONCE,
): Promise<OrganizationAccount[]> {
  const accounts = new Map<string, OrganizationAccount>();
  const visited = new Set<string>();
  const limit = pLimit(parentsAtOnce);
  let level = [...new Set(parentIds)];
  while (level.length > 0) {
    for (const id of level) visited.add(id);
    const read = await Promise.all(
      level.map((parentId) =>
        limit(() =>
          readParent(client, parentId).catch((error: unknown) => {
            if ((error as Error).name === 'ParentNotFoundException' && parentIds.includes(parentId))
              throw new UnknownParentError(parentId);
            throw error;
          }),
        ),
      ),
    );
    for (const { found } of read) for (const account of found) accounts.set(account.id, account);
    level = [...new Set(read.flatMap((r) => r.children))].filter((id) => !visited.has(id));
  }
  return [...accounts.values()];
}

/** One parent's own accounts and child OUs. */
async function readParent(
  client: OrganizationsClient,
  parentId: string,
): Promise<{ readonly found: OrganizationAccount[]; readonly children: string[] }> {
  const found: OrganizationAccount[] = [];
  const children: string[] = [];
  const accountPages = boundedPages(paginateListAccountsForParent({ client }, { ParentId: parentId }), {
    action: 'ListAccountsForParent',
    maxPages: LISTING_PAGE_CAPS.organizationAccounts,
    nextToken: (page) => page.NextToken,
  });
  for await (const page of accountPages) {
    for (const account of page.Accounts ?? []) if (account.Id) found.push(toAccount(account));
  }
  const childPages = boundedPages(
    paginateListChildren({ client }, { ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT' }),
    { action: 'ListChildren', maxPages: LISTING_PAGE_CAPS.organizationUnits, nextToken: (page) => page.NextToken },
  );
  for await (const page of childPages) {
    for (const child of page.Children ?? []) if (child.Id) children.push(child.Id);
  }
  return { found, children };
}

function toAccount(a: Account): OrganizationAccount {
  return { id: a.Id!, name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' };
}
