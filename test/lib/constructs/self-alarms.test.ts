import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { METRICS } from '../../../contract/environment';
import { SelfAlarms, type SelfAlarmsProps } from '../../../lib/constructs/self-alarms';
import { bareStack, inlineFunction, type Json, ref } from './support';

function build(options: Partial<SelfAlarmsProps> = {}) {
  const stack = bareStack();
  const topic = new sns.Topic(stack, 'Topic');
  const fn = inlineFunction(stack, 'Checker');
  const alarms = new SelfAlarms(stack, 'SelfAlarms', {
    topic,
    function: fn,
    logGroup: new logs.LogGroup(stack, 'Logs'),
    deadLetterQueue: new sqs.Queue(stack, 'DeadLetters'),
    failedRunsQueue: new sqs.Queue(stack, 'FailedRuns'),
    scheduleExpression: 'cron(0 8 * * ? *)',
    ...options,
  });
  const template = Template.fromStack(stack);
  const byName = Object.fromEntries(
    Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => {
      const properties = (a as { Properties: Json }).Properties;
      return [properties.AlarmName as string, properties];
    }),
  );
  return { stack, topic, fn, alarms, template, byName };
}

const ON_ANY_OCCURRENCE = {
  Threshold: 1,
  EvaluationPeriods: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  TreatMissingData: 'notBreaching',
};

describe('SelfAlarms', () => {
  const built = build();

  test('six alarms named after the stack, each publishing to the topic', () => {
    expect(Object.keys(built.byName).sort()).toEqual([
      'Stack-checker-errors',
      'Stack-delivery-failed',
      'Stack-failed-runs',
      'Stack-no-completed-run',
      'Stack-scan-incomplete',
      'Stack-schedule-dead-letters',
    ]);
    for (const alarm of Object.values(built.byName)) expect(alarm.AlarmActions).toEqual([ref(built.topic)]);
  });

  test("errors: the function's Errors >= 1 in 5 minutes", () => {
    expect(built.byName['Stack-checker-errors']).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: ref(built.fn) }],
      Statistic: 'Sum',
      Period: 300,
      ...ON_ANY_OCCURRENCE,
    });
  });

  test('dead letters and failed runs: a visible message in either queue', () => {
    for (const name of ['Stack-schedule-dead-letters', 'Stack-failed-runs']) {
      expect(built.byName[name]).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Statistic: 'Maximum',
        Period: 300,
        ...ON_ANY_OCCURRENCE,
      });
    }
  });

  test.each([
    [
      'scan incomplete: the checker reported a region or service it could not read',
      'scan-incomplete',
      METRICS.scanIncomplete,
    ],
    [
      'delivery failed: a sink (Security Hub, EventBridge) could not deliver the run’s alert',
      'delivery-failed',
      METRICS.deliveryFailures,
    ],
  ])('%s', (_what, name, metricName) => {
    expect(built.byName[`Stack-${name}`]).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: metricName,
      Dimensions: [{ Name: 'service', Value: METRICS.serviceName }],
      Statistic: 'Maximum',
      ...ON_ANY_OCCURRENCE,
    });
  });

  test('heartbeat: no completed run within the daily schedule plus 2 hours; missing data breaches', () => {
    expect(built.byName['Stack-no-completed-run']).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: METRICS.runCompleted,
      Dimensions: [{ Name: 'service', Value: METRICS.serviceName }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 26,
      DatapointsToAlarm: 26,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(JSON.stringify(built.byName['Stack-no-completed-run']!.AlarmDescription)).toMatch(
      /did not complete a run in 26 h,/,
    );
  });

  test('the heartbeat window follows the schedule; one too sparse is capped at 7 days and says so', () => {
    expect(build({ scheduleExpression: 'rate(1 hour)' }).byName['Stack-no-completed-run']).toMatchObject({
      Period: 5400,
      EvaluationPeriods: 1,
    });
    const weekly = build({ scheduleExpression: 'cron(0 8 ? * SUN *)' }).byName['Stack-no-completed-run']!;
    expect(weekly).toMatchObject({ Period: 3600, EvaluationPeriods: 168 });
    expect(JSON.stringify(weekly.AlarmDescription)).toMatch(/in 7 days \(the longest window CloudWatch allows/);
  });

  test('alarmNamePrefix', () => {
    expect(Object.keys(build({ alarmNamePrefix: 'certs' }).byName).sort()).toEqual([
      'certs-checker-errors',
      'certs-delivery-failed',
      'certs-failed-runs',
      'certs-no-completed-run',
      'certs-scan-incomplete',
      'certs-schedule-dead-letters',
    ]);
  });
});
