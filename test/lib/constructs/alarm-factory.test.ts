import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { METRICS } from '../../../contract/environment';
import { AlarmFactory } from '../../../lib/constructs/alarm-factory';
import { bareStack, type Json, ref } from './support';

function build(make: (alarms: AlarmFactory, stack: ReturnType<typeof bareStack>) => void) {
  const stack = bareStack();
  const topic = new sns.Topic(stack, 'Topic');
  make(new AlarmFactory(stack, { namePrefix: 'Prefix', topic }), stack);
  const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map(
    (a) => (a as { Properties: Json }).Properties,
  );
  return { topic, alarms };
}

const metric = new cloudwatch.Metric({ namespace: 'N', metricName: 'M' });

describe('AlarmFactory', () => {
  test('every alarm is named <prefix>-<name>, described, and publishes to the topic only', () => {
    const { topic, alarms } = build((factory, stack) => {
      factory.onAnyOccurrence('A', { name: 'something-failed', description: 'What to do.', metric });
      factory.scheduleDeadLetters('B', {
        queue: new sqs.Queue(stack, 'Queue'),
        target: 'invoke it',
        rerun: 'run it once',
      });
      factory.noCompletedRun('C', {
        scheduleExpression: 'rate(1 day)',
        metricName: METRICS.runCompleted,
        serviceName: 'svc',
        whatToDo: 'Look.',
      });
    });
    expect(alarms.map((a) => a.AlarmName)).toEqual([
      'Prefix-something-failed',
      'Prefix-schedule-dead-letters',
      'Prefix-no-completed-run',
    ]);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([ref(topic)]);
      expect(alarm.OKActions).toBeUndefined();
      expect(alarm.AlarmDescription).toBeDefined();
    }
    expect(alarms[0]!.AlarmDescription).toBe('What to do.');
  });

  test('onAnyOccurrence: >= 1 in one period, quiet without data', () => {
    const { alarms } = build((factory) => factory.onAnyOccurrence('A', { name: 'x', description: 'd', metric }));
    expect(alarms[0]).toMatchObject({
      Namespace: 'N',
      MetricName: 'M',
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('noCompletedRun: the window from the schedule, missing data breaches, and a capped window says so', () => {
    const { alarms } = build((factory) => {
      const props = { metricName: METRICS.runCompleted, serviceName: 'svc', whatToDo: 'Look.' };
      factory.noCompletedRun('Daily', { ...props, scheduleExpression: 'rate(1 day)' });
      factory.noCompletedRun('Monthly', { ...props, scheduleExpression: 'cron(0 8 1 * ? *)' });
    });
    expect(alarms[0]).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: METRICS.runCompleted,
      Dimensions: [{ Name: 'service', Value: 'svc' }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 26,
      DatapointsToAlarm: 26,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmDescription:
        'The certificate expiry monitor did not complete a run in 26 h, so expiring certificates may go unreported. Look.',
    });
    expect(alarms[1]!.AlarmDescription).toContain('in 7 days (the longest window CloudWatch allows;');
  });
});
