import { Stack } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ACCOUNT_IDS_RULE, ORGANIZATIONAL_UNITS_RULE, ROLE_NAME_RULE } from '../../../contract/validation';
import { checkProps } from '../prop-checks';
import { HUB_ROLE_ARN_PARAMETER, memberRoleTemplate } from './member-role-template';

/** Where the organization stack is deployed, which decides the StackSet's `CallAs`. */
export type DeployedAs = 'management' | 'delegatedAdmin';

export interface MemberRoleStackSetProps {
  /** The hub role the member role trusts (by ARN, passed as a StackSet parameter). */
  readonly hubRole: iam.IRole;
  /** Name of the member role. */
  readonly roleName: string;
  /** OU ids and/or the root id the StackSet targets (child OUs included). */
  readonly organizationalUnits: readonly string[];
  /**
   * Accounts of those OUs that get no role (AccountFilterType DIFFERENCE).
   * @default - none
   */
  readonly excludeAccounts?: readonly string[];
  /** `delegatedAdmin` makes CloudFormation act as the organization's delegated administrator (CallAs). */
  readonly deployedAs: DeployedAs;
  /**
   * The member role may also import the member's own findings into its Security Hub CSPM in the hub's region.
   * @default false
   */
  readonly securityHub?: boolean;
  /**
   * Name of the StackSet.
   * @default `${stackName}-member-role`
   */
  readonly stackSetName?: string;
}

/**
 * A service-managed StackSet that puts the member read role into every account of the chosen OUs, and into
 * accounts that join them later (auto-deployment); an account that leaves loses the role. One region, the hub's:
 * IAM is global. CloudFormation never deploys a service-managed StackSet to the management account, which the
 * hub scans with its own role when it is the management account.
 */
export class MemberRoleStackSet extends Construct {
  public readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: MemberRoleStackSetProps) {
    super(scope, id);
    checkProps(this, {
      roleName: [props.roleName, ROLE_NAME_RULE],
      organizationalUnits: [props.organizationalUnits, ORGANIZATIONAL_UNITS_RULE],
      excludeAccounts: [props.excludeAccounts, ACCOUNT_IDS_RULE],
    });
    const stack = Stack.of(this);
    const excluded = props.excludeAccounts ?? [];
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: props.stackSetName ?? `${stack.stackName}-member-role`,
      description: `IAM certificate expiry monitor: the read-only role ${props.roleName} the hub assumes in each member account`,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      callAs: props.deployedAs === 'delegatedAdmin' ? 'DELEGATED_ADMIN' : 'SELF',
      capabilities: ['CAPABILITY_NAMED_IAM'],
      // Lets StackSets run non-conflicting operations (e.g. auto-deployments) concurrently and queue the others.
      managedExecution: { Active: true },
      // All accounts at once, and a failed account does not fail the deployment: the run names every account
      // whose role is missing ("role not found or not assumable") and alarms on it, instead of one broken member
      // (an SCP, a role of the same name) rolling back the hub for the whole organization.
      operationPreferences: {
        failureTolerancePercentage: 100,
        maxConcurrentPercentage: 100,
        regionConcurrencyType: 'PARALLEL',
      },
      parameters: [{ parameterKey: HUB_ROLE_ARN_PARAMETER, parameterValue: props.hubRole.roleArn }],
      stackInstancesGroup: [
        {
          regions: [stack.region],
          deploymentTargets: {
            organizationalUnitIds: [...props.organizationalUnits],
            ...(excluded.length > 0 ? { accountFilterType: 'DIFFERENCE', accounts: [...excluded] } : {}),
          },
        },
      ],
      templateBody: JSON.stringify(memberRoleTemplate(props.roleName, { securityHub: props.securityHub ?? false })),
    });
  }
}
