/**
 * An organization scenario: the AWS Organizations tree (root, OUs, accounts) and one estate (a `Scenario`)
 * per account. The server's own `scenario` is the caller's account (the management or delegated admin
 * account); every other account is reached through STS AssumeRole into its member role.
 */
import { readFileSync } from 'node:fs';
import { resolveScenario, type ResolveOptions, type Scenario, type ScenarioFile } from './scenario';

export type AccountState = 'ACTIVE' | 'SUSPENDED' | 'PENDING_ACTIVATION' | 'PENDING_CLOSURE' | 'CLOSED';

export interface OrganizationalUnit {
  /** `ou-abcd-12345678`. */
  readonly id: string;
  readonly name: string;
  /** The root id or another OU's id. @default the root */
  readonly parentId?: string;
}

export interface OrganizationMember {
  readonly id: string;
  readonly name: string;
  /** @default derived `aws+<id>@example.com` */
  readonly email?: string;
  /** The root id or an OU id. @default the root */
  readonly parentId?: string;
  /** @default 'ACTIVE' */
  readonly state?: AccountState;
  /**
   * `missing`: AssumeRole into the member role is refused with AccessDenied, as AWS answers both for a role
   * that does not exist and for one whose trust policy does not name the caller. @default 'deployed'
   */
  readonly memberRole?: 'deployed' | 'missing';
  /** What the account holds. @default no certificates, no load balancers (its `accountId` must be `id`) */
  readonly estate?: Scenario;
}

export interface OrganizationScenario {
  /** `o-` + 10 to 32 lowercase letters or digits. @default 'o-loopback000' */
  readonly id?: string;
  /** `r-` + 4 to 32 lowercase letters or digits. @default 'r-loop' */
  readonly rootId?: string;
  /** The management account (it must be among `accounts`). */
  readonly managementAccountId: string;
  /** Member accounts that are delegated administrators: they may call the Organizations read APIs too. @default [] */
  readonly delegatedAdministrators?: readonly string[];
  /** Name of the member read role in every account. @default 'IamCertExpiryMonitorReader' */
  readonly memberRoleName?: string;
  /** @default [] */
  readonly organizationalUnits?: readonly OrganizationalUnit[];
  /** Every account, the management account included. */
  readonly accounts: readonly OrganizationMember[];
}

/** The JSON file form: estates as `ScenarioFile`s, relative dates resolved against one `now`. */
export interface OrganizationScenarioFile extends Omit<OrganizationScenario, 'accounts'> {
  readonly accounts: readonly (Omit<OrganizationMember, 'estate'> & {
    readonly estate?: Omit<ScenarioFile, 'accountId'>;
  })[];
}

export { DEFAULT_MEMBER_ROLE_NAME } from '../../contract/defaults';

export function resolveOrganizationScenario(
  file: OrganizationScenarioFile,
  options: ResolveOptions = {},
): OrganizationScenario {
  const errors = validateOrganization(file);
  if (errors.length > 0) throw new Error(`Invalid organization scenario:\n  - ${errors.join('\n  - ')}`);
  return {
    ...file,
    accounts: file.accounts.map(({ estate, ...member }) => ({
      ...member,
      ...(estate ? { estate: resolveScenario({ ...estate, accountId: member.id }, options) } : {}),
    })),
  };
}

export function loadOrganizationScenarioFile(path: string, options: ResolveOptions = {}): OrganizationScenario {
  return resolveOrganizationScenario(JSON.parse(readFileSync(path, 'utf8')) as OrganizationScenarioFile, options);
}

/** The management account's estate: what the server serves to credentials it did not issue. */
export function managementEstate(org: OrganizationScenario): Scenario {
  const member = org.accounts.find((a) => a.id === org.managementAccountId);
  return member?.estate ?? emptyEstate(org.managementAccountId);
}

export function emptyEstate(accountId: string): Scenario {
  return { accountId, enabledRegions: ['us-east-1'], certificates: [] };
}

function validateOrganization(
  org: Pick<OrganizationScenario, 'managementAccountId' | 'organizationalUnits'> & {
    readonly accounts: readonly { readonly id: string; readonly parentId?: string; readonly estate?: unknown }[];
  },
): string[] {
  const errors: string[] = [];
  const ous = new Set((org.organizationalUnits ?? []).map((ou) => ou.id));
  const ids = new Set<string>();
  for (const account of org.accounts) {
    if (!/^\d{12}$/.test(account.id)) errors.push(`account id must be 12 digits, got ${JSON.stringify(account.id)}`);
    if (ids.has(account.id)) errors.push(`duplicate account ${account.id}`);
    ids.add(account.id);
    if (account.parentId !== undefined && !account.parentId.startsWith('r-') && !ous.has(account.parentId)) {
      errors.push(`account ${account.id}: unknown parent ${account.parentId}`);
    }
  }
  if (!ids.has(org.managementAccountId))
    errors.push(`the management account ${org.managementAccountId} is not among the accounts`);
  return errors;
}
