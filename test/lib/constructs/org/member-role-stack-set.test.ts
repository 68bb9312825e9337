import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HUB_ROLE_ARN_PARAMETER } from '../../../../lib/constructs/org/member-role-template';
import { MemberRoleStackSet, type MemberRoleStackSetProps } from '../../../../lib/constructs/org/member-role-stack-set';
import { arnOf, bareStack, type Json } from '../support';

function build(options: Partial<Omit<MemberRoleStackSetProps, 'hubRole'>> = {}) {
  const stack = bareStack();
  const hubRole = new iam.Role(stack, 'HubRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new MemberRoleStackSet(stack, 'MemberRole', {
    hubRole,
    roleName: 'CertReader',
    organizationalUnits: ['ou-ab12-11111111'],
    deployedAs: 'management',
    ...options,
  });
  const template = Template.fromStack(stack);
  const stackSets = Object.values(template.findResources('AWS::CloudFormation::StackSet'));
  expect(stackSets).toHaveLength(1);
  return { hubRole, template, properties: (stackSets[0] as { Properties: Json }).Properties };
}

describe('MemberRoleStackSet', () => {
  test('service-managed, auto-deployed, one region, all accounts at once, failures tolerated', () => {
    expect(build().properties).toMatchObject({
      StackSetName: 'Stack-member-role',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      ManagedExecution: { Active: true },
      OperationPreferences: {
        FailureTolerancePercentage: 100,
        MaxConcurrentPercentage: 100,
        RegionConcurrencyType: 'PARALLEL',
      },
      StackInstancesGroup: [
        { Regions: [{ Ref: 'AWS::Region' }], DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111'] } },
      ],
    });
  });

  test("passes the hub role's ARN to the template, which holds the named role only", () => {
    const { properties, hubRole } = build();
    expect(properties.Parameters).toEqual([{ ParameterKey: HUB_ROLE_ARN_PARAMETER, ParameterValue: arnOf(hubRole) }]);
    const body = JSON.parse(properties.TemplateBody as string) as {
      Resources: Record<string, { Type: string; Properties: { RoleName: string } }>;
    };
    expect(Object.values(body.Resources).map((r) => [r.Type, r.Properties.RoleName])).toEqual([
      ['AWS::IAM::Role', 'CertReader'],
    ]);
  });

  test('excludeAccounts: those accounts get no role', () => {
    expect(build({ excludeAccounts: ['999999999999'] }).properties.StackInstancesGroup).toEqual([
      {
        Regions: [{ Ref: 'AWS::Region' }],
        DeploymentTargets: {
          OrganizationalUnitIds: ['ou-ab12-11111111'],
          AccountFilterType: 'DIFFERENCE',
          Accounts: ['999999999999'],
        },
      },
    ]);
  });

  test('deployedAs delegatedAdmin: CloudFormation acts as the delegated administrator', () => {
    expect(build({ deployedAs: 'delegatedAdmin' }).properties.CallAs).toBe('DELEGATED_ADMIN');
  });
});
