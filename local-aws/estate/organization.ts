/**
 * The server's accounts: one indexed estate per account, the Organizations tree, and the credentials STS has
 * issued. A request's account is chosen by the access key id in its SigV4 credential scope: a key issued by
 * AssumeRole belongs to the role's account; any other key is the server's own (management) account.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_MEMBER_ROLE_NAME } from '../../contract/defaults';
import {
  emptyEstate,
  type OrganizationMember,
  type OrganizationScenario,
  type OrganizationalUnit,
} from './organization-scenario';
import { AwsError } from '../protocols/aws-error';
import type { Scenario } from './scenario';
import { indexScenario, type ScenarioIndex } from './scenario-index';

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly accountId: string;
  readonly roleArn: string;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

export class AccountDirectory {
  readonly organization: OrganizationScenario | undefined;
  private readonly indexes = new Map<string, ScenarioIndex>();
  private readonly issued = new Map<string, IssuedCredentials>();
  private readonly members = new Map<string, OrganizationMember>();
  private hub: ScenarioIndex;

  constructor(hub: Scenario, organization?: OrganizationScenario) {
    this.hub = indexScenario(hub);
    this.organization = organization;
    for (const member of organization?.accounts ?? []) {
      this.members.set(member.id, member);
      this.indexes.set(member.id, indexScenario(member.estate ?? emptyEstate(member.id)));
    }
    this.indexes.set(hub.accountId, this.hub);
  }

  /** The server's own account (credentials it did not issue). */
  get hubIndex(): ScenarioIndex {
    return this.hub;
  }

  setHub(scenario: Scenario): void {
    this.hub = indexScenario(scenario);
    this.indexes.set(scenario.accountId, this.hub);
  }

  /** The estate the holder of this access key sees. */
  indexFor(accessKeyId: string | undefined): ScenarioIndex {
    const issued = accessKeyId === undefined ? undefined : this.issued.get(accessKeyId);
    return (issued && this.indexes.get(issued.accountId)) ?? this.hub;
  }

  /** STS AssumeRole: refused with AccessDenied (as AWS does) for an unknown account or role, or a role marked missing. */
  assumeRole(
    callerAccountId: string,
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
  ): IssuedCredentials {
    const match = ROLE_ARN.exec(roleArn);
    if (!match) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN`,
      );
    }
    const [, accountId, roleName] = match;
    const member = this.members.get(accountId!);
    const roleExists =
      (member !== undefined &&
        member.memberRole !== 'missing' &&
        roleName === (this.organization?.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME)) ||
      (member === undefined && accountId === this.hub.accountId);
    if (!roleExists) {
      throw new AwsError(
        'AccessDenied',
        `User: arn:aws:iam::${callerAccountId}:user/loopback is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    const n = this.issued.size + 1;
    const accessKeyId = `ASIA${createHash('sha1').update(`${roleArn}|${sessionName}|${n}`).digest('hex').slice(0, 16).toUpperCase()}`;
    const credentials: IssuedCredentials = {
      accessKeyId,
      secretAccessKey: `loopback-secret-${n}`,
      sessionToken: `loopback-session-token-${n}`,
      expiration: new Date(Date.now() + durationSeconds * 1000),
      accountId: accountId!,
      roleArn,
    };
    this.issued.set(accessKeyId, credentials);
    return credentials;
  }

  /**
   * The organization, for Organizations calls from its management account or a delegated administrator
   * (Organizations API reference, ListAccountsForParent); else the error AWS answers.
   */
  organizationFor(callerAccountId: string): OrganizationScenario {
    if (!this.organization) {
      throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    }
    const allowed = [this.organization.managementAccountId, ...(this.organization.delegatedAdministrators ?? [])];
    if (!allowed.includes(callerAccountId)) {
      throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
    }
    return this.organization;
  }
}

export const organizationId = (org: OrganizationScenario): string => org.id ?? 'o-loopback000';
export const rootIdOf = (org: OrganizationScenario): string => org.rootId ?? 'r-loop';

export function childOus(org: OrganizationScenario, parentId: string): OrganizationalUnit[] {
  const root = rootIdOf(org);
  return (org.organizationalUnits ?? []).filter((ou) => (ou.parentId ?? root) === parentId);
}

export function accountsUnder(org: OrganizationScenario, parentId: string): OrganizationMember[] {
  const root = rootIdOf(org);
  return org.accounts.filter((a) => (a.parentId ?? root) === parentId);
}

export function parentExists(org: OrganizationScenario, parentId: string): boolean {
  return parentId === rootIdOf(org) || (org.organizationalUnits ?? []).some((ou) => ou.id === parentId);
}
