import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { METRICS } from '../../../../contract/environment';
import { ORG_METRICS } from '../../../../contract/organization';
import { OrgAlarms } from '../../../../lib/constructs/org/org-alarms';
import { bareStack, type Json, ref } from '../support';

function build(scheduleExpression = 'cron(0 8 * * ? *)') {
  const stack = bareStack();
  const topic = new sns.Topic(stack, 'Topic');
  const stateMachine = new sfn.StateMachine(stack, 'Run', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Step')),
  });
  new OrgAlarms(stack, 'RunAlarms', {
    topic,
    stateMachine,
    logGroup: new logs.LogGroup(stack, 'Logs'),
    deadLetterQueue: new sqs.Queue(stack, 'DeadLetters'),
    scheduleExpression,
  });
  const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map(
    (a) => (a as { Properties: Json }).Properties,
  );
  const byName = Object.fromEntries(alarms.map((a) => [a.AlarmName as string, a]));
  return { topic, stateMachine, byName };
}

describe('OrgAlarms', () => {
  const built = build();

  test('eight alarms named after the stack, each publishing to the topic', () => {
    expect(Object.keys(built.byName).sort()).toEqual([
      'Stack-accounts-not-checked',
      'Stack-accounts-partly-checked',
      'Stack-delivery-failed',
      'Stack-no-completed-run',
      'Stack-run-aborted',
      'Stack-run-failed',
      'Stack-run-timed-out',
      'Stack-schedule-dead-letters',
    ]);
    for (const alarm of Object.values(built.byName)) expect(alarm.AlarmActions).toEqual([ref(built.topic)]);
  });

  test.each([
    ['Stack-run-failed', 'ExecutionsFailed'],
    ['Stack-run-timed-out', 'ExecutionsTimedOut'],
    ['Stack-run-aborted', 'ExecutionsAborted'],
  ])('%s: %s >= 1 on the state machine', (name, metricName) => {
    expect(built.byName[name]).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: metricName,
      Dimensions: [{ Name: 'StateMachineArn', Value: ref(built.stateMachine) }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('accounts not checked >= 1, from the aggregate step', () => {
    expect(built.byName['Stack-accounts-not-checked']).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: ORG_METRICS.accountsNotChecked,
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      Statistic: 'Maximum',
      Threshold: 1,
    });
  });

  test('accounts partly checked >= 1, from the aggregate step, quiet without data', () => {
    expect(ORG_METRICS.accountsPartlyChecked).toBe('AccountsPartlyChecked');
    expect(built.byName['Stack-accounts-partly-checked']).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: 'AccountsPartlyChecked',
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      Statistic: 'Maximum',
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(JSON.stringify(built.byName['Stack-accounts-partly-checked']!.AlarmDescription)).toContain(
      "aggregate function's log names each such account on every run",
    );
  });

  test('delivery failed >= 1, from the aggregate step: an optional sink of the digest failed or timed out', () => {
    expect(built.byName['Stack-delivery-failed']).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: 'DeliveryFailures',
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('heartbeat on completed organization runs, its window from the schedule', () => {
    expect(built.byName['Stack-no-completed-run']).toMatchObject({
      MetricName: ORG_METRICS.runCompleted,
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      EvaluationPeriods: 26,
    });
    expect(build('cron(30 6 ? * MON-FRI *)').byName['Stack-no-completed-run']).toMatchObject({ EvaluationPeriods: 74 });
  });

  test('a dead-lettered start of the run', () => {
    expect(built.byName['Stack-schedule-dead-letters']).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    expect(JSON.stringify(built.byName['Stack-schedule-dead-letters']!.AlarmDescription)).toContain(
      'could not start the organization run',
    );
  });
});
