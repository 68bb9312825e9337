import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as triggers from 'aws-cdk-lib/triggers';
import { awsCustomResourceLogGroup, retainProviderLogs } from '../../../lib/constructs/provider-logs';
import { logRetentionOfEachFunction } from '../function-log-groups';
import { bareStack, inlineFunction, type Json } from './support';

/** A stack with both kinds of CustomResourceProvider the monitor's stacks hold: a trigger's and a bucket's auto-delete. */
function stackWithProviders(): Stack {
  const stack = bareStack();
  new triggers.Trigger(stack, 'Trigger', { handler: inlineFunction(stack, 'Handler') });
  new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  return stack;
}

/** The provider functions' logical ids (CDK names them after the provider). */
const providerIds = (functions: Record<string, unknown>) =>
  Object.keys(functions).filter((id) => id.includes('CustomResourceProvider'));

describe('retainProviderLogs', () => {
  test("without it, CDK's provider functions have no log group of the stack (the premise)", () => {
    const functions = logRetentionOfEachFunction(Template.fromStack(stackWithProviders()));
    expect(providerIds(functions)).toHaveLength(2);
    for (const id of providerIds(functions)) expect(functions[id]).toBeNull();
  });

  test('each provider function gets a log group of its own with the retention, linked by LoggingConfig', () => {
    const stack = stackWithProviders();
    retainProviderLogs(stack, logs.RetentionDays.ONE_MONTH);
    const template = Template.fromStack(stack);
    const functions = logRetentionOfEachFunction(template);
    expect(providerIds(functions)).toHaveLength(2);
    for (const id of providerIds(functions)) expect(functions[id]).toBe(30);
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as { DeletionPolicy: string }[];
    expect(groups.map((g) => g.DeletionPolicy)).toEqual(['Delete', 'Delete']);
    // The linked group is a dependency of the function: created before it, deleted after it.
    for (const id of providerIds(functions)) {
      const fn = template.toJSON().Resources[id] as { Properties: { LoggingConfig: { LogGroup: Json } } };
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/LogGroup/) });
    }
  });

  test('a second call adds nothing', () => {
    const stack = stackWithProviders();
    retainProviderLogs(stack, logs.RetentionDays.ONE_MONTH);
    retainProviderLogs(stack, logs.RetentionDays.ONE_MONTH);
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 2);
  });
});

describe('awsCustomResourceLogGroup', () => {
  test('one group per stack, with the retention asked for', () => {
    const stack = bareStack();
    const group = awsCustomResourceLogGroup(stack, logs.RetentionDays.ONE_WEEK);
    expect(awsCustomResourceLogGroup(stack, logs.RetentionDays.ONE_WEEK)).toBe(group);
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 7 },
      DeletionPolicy: 'Delete',
    });
  });

  test('another retention for the same stack is refused, not silently ignored', () => {
    const stack = bareStack();
    awsCustomResourceLogGroup(stack, logs.RetentionDays.ONE_WEEK);
    expect(() => awsCustomResourceLogGroup(stack, logs.RetentionDays.ONE_MONTH)).toThrow(
      "awsCustomResourceLogGroup: the stack's AwsCustomResource function logs to one group, kept 7 days; got 30",
    );
  });
});
