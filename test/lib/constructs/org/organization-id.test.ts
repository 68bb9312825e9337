import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { OrganizationId } from '../../../../lib/constructs/org/organization-id';
import { logRetentionOfEachFunction } from '../../function-log-groups';
import { bareStack, type Json, sortedActions } from '../support';

describe('OrganizationId', () => {
  const stack = bareStack();
  const organization = new OrganizationId(stack, 'OrganizationId', { logRetention: logs.RetentionDays.ONE_MONTH });
  const template = Template.fromStack(stack);

  test('reads the id with organizations:DescribeOrganization on create and update', () => {
    const calls = Object.values(template.findResources('Custom::AWS')).map(
      (r) => (r as { Properties: Json }).Properties,
    );
    expect(calls).toHaveLength(1);
    for (const phase of ['Create', 'Update']) {
      expect(JSON.parse(calls[0]![phase] as string)).toMatchObject({
        service: 'Organizations',
        action: 'describeOrganization',
        physicalResourceId: { responsePath: 'Organization.Id' },
        outputPaths: ['Organization.Id'],
      });
    }
  });

  test('the provider may call that one action and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(sortedActions(policies)).toEqual(['organizations:DescribeOrganization']);
  });

  test("CDK's AwsCustomResource function logs to a group with the given retention", () => {
    expect(Object.values(logRetentionOfEachFunction(template))).toEqual([30]);
  });

  test('organizationId is the response field, resolved at deploy time', () => {
    const [id] = Object.keys(template.findResources('Custom::AWS'));
    expect(Stack.of(organization).resolve(organization.organizationId)).toEqual({
      'Fn::GetAtt': [id, 'Organization.Id'],
    });
  });
});
