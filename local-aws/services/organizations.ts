/**
 * AWS Organizations (JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.<Op>`): ListRoots, ListChildren,
 * ListAccountsForParent, ListAccounts, DescribeOrganization. Only the management account may call; pages hold
 * at most 20 (MaxResults 1-20), continued by NextToken.
 */
import { decodeMarker, encodeMarker } from '../protocols/paging';
import { accountsUnder, childOus, organizationId, parentExists, rootIdOf } from '../estate/organization';
import type { OrganizationMember, OrganizationScenario } from '../estate/organization-scenario';
import { AwsError } from '../protocols/aws-error';
import type { Params } from '../protocols/form-params';
import type { ServiceDefinition } from './service';

const MAX_RESULTS = 20;

function page<T>(items: readonly T[], params: Params): { readonly items: readonly T[]; readonly NextToken?: string } {
  const size = params.MaxResults === undefined ? MAX_RESULTS : Number(params.MaxResults);
  if (!Number.isInteger(size) || size < 1 || size > MAX_RESULTS) {
    throw new AwsError('InvalidInputException', 'You provided a value that does not match the required pattern.');
  }
  const start = decodeMarker(params.NextToken);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: encodeMarker(end) } : {}) };
}

function accountJson(org: OrganizationScenario, a: OrganizationMember) {
  const state = a.state ?? 'ACTIVE';
  return {
    Id: a.id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:account/${organizationId(org)}/${a.id}`,
    Email: a.email ?? `aws+${a.id}@example.com`,
    Name: a.name,
    State: state,
    // Status (ACTIVE | SUSPENDED | PENDING_CLOSURE) is deprecated in favour of State.
    Status: state === 'ACTIVE' || state === 'PENDING_CLOSURE' ? state : 'SUSPENDED',
    JoinedMethod: a.id === org.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: 1_700_000_000,
  };
}

function requireParent(org: OrganizationScenario, params: Params): string {
  const parentId = params.ParentId;
  if (!parentId)
    throw new AwsError('InvalidInputException', 'You provided a value that does not match the required pattern.');
  if (!parentExists(org, parentId))
    throw new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  return parentId;
}

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  protocol: 'json',
  namespace: 'AWSOrganizationsV20161128',
  regional: false,
  actions: {
    DescribeOrganization: ({ index, accounts }) => {
      const org = accounts.organizationFor(index.accountId);
      return JSON.stringify({
        Organization: {
          Id: organizationId(org),
          Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${organizationId(org)}`,
          FeatureSet: 'ALL',
          MasterAccountId: org.managementAccountId,
          MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${organizationId(org)}/${org.managementAccountId}`,
          MasterAccountEmail: `aws+${org.managementAccountId}@example.com`,
        },
      });
    },
    ListRoots: ({ params, index, accounts }) => {
      const org = accounts.organizationFor(index.accountId);
      const root = rootIdOf(org);
      const { items, NextToken } = page([root], params);
      const Roots = items.map((id) => ({
        Id: id,
        Arn: `arn:aws:organizations::${org.managementAccountId}:root/${organizationId(org)}/${id}`,
        Name: 'Root',
        PolicyTypes: [],
      }));
      return JSON.stringify({ Roots, ...(NextToken ? { NextToken } : {}) });
    },
    ListChildren: ({ params, index, accounts }) => {
      const org = accounts.organizationFor(index.accountId);
      const parentId = requireParent(org, params);
      const type = params.ChildType;
      if (type !== 'ACCOUNT' && type !== 'ORGANIZATIONAL_UNIT')
        throw new AwsError('InvalidInputException', 'You provided a value that does not match the required pattern.');
      const ids =
        type === 'ACCOUNT' ? accountsUnder(org, parentId).map((a) => a.id) : childOus(org, parentId).map((ou) => ou.id);
      const { items, NextToken } = page(ids, params);
      return JSON.stringify({ Children: items.map((Id) => ({ Id, Type: type })), ...(NextToken ? { NextToken } : {}) });
    },
    ListAccountsForParent: ({ params, index, accounts }) => {
      const org = accounts.organizationFor(index.accountId);
      const { items, NextToken } = page(accountsUnder(org, requireParent(org, params)), params);
      return JSON.stringify({ Accounts: items.map((a) => accountJson(org, a)), ...(NextToken ? { NextToken } : {}) });
    },
    ListAccounts: ({ params, index, accounts }) => {
      const org = accounts.organizationFor(index.accountId);
      const { items, NextToken } = page(org.accounts, params);
      return JSON.stringify({ Accounts: items.map((a) => accountJson(org, a)), ...(NextToken ? { NextToken } : {}) });
    },
  },
};
