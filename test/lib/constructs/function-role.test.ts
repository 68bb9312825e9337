import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionLogGroupAndRole } from '../../../lib/constructs/function-role';
import { arnOf, bareStack, statementsOf } from './support';

function build(logRemovalPolicy?: RemovalPolicy) {
  const stack = bareStack();
  const scope = new Construct(stack, 'Fn');
  const made = functionLogGroupAndRole(scope, {
    description: 'A function of the monitor',
    logRetention: logs.RetentionDays.TWO_WEEKS,
    ...(logRemovalPolicy ? { logRemovalPolicy } : {}),
  });
  return { ...made, template: Template.fromStack(stack) };
}

describe('functionLogGroupAndRole', () => {
  test('a log group with the retention, deleted with the stack', () => {
    const { template, logGroup } = build();
    expect(logGroup.node.id).toBe('LogGroup');
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 14 }, DeletionPolicy: 'Delete' });
  });

  test('a Lambda role with no managed policy that may write that log group only', () => {
    const { template, role, logGroup } = build();
    expect(role.node.id).toBe('Role');
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'A function of the monitor',
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    expect(statementsOf(template, role)).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(logGroup),
      },
    ]);
  });

  test('logRemovalPolicy', () => {
    build(RemovalPolicy.RETAIN).template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });
});
