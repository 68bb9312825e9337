import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS } from '../../contract/environment';
import { describeMinutes, heartbeatPlan } from './heartbeat';

export interface SelfAlarmsProps {
  /** Where every alarm publishes. */
  readonly topic: sns.ITopic;
  /** The checker function (its Errors metric). */
  readonly function: lambda.IFunction;
  /** The checker's log group (named in the alarm descriptions). */
  readonly logGroup: logs.ILogGroup;
  /** The schedule's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The on-failure destination of the checker's asynchronous invocations. */
  readonly failedRunsQueue: sqs.IQueue;
  /** The schedule expression; the heartbeat window is derived from it (see `heartbeatPlan`). */
  readonly scheduleExpression: string;
  /**
   * Prefix of the alarm names.
   * @default the stack name
   */
  readonly alarmNamePrefix?: string;
}

/** An alarm that fires on one occurrence and stays quiet without data (nothing happened). */
export const ON_ANY_OCCURRENCE = {
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/**
 * Alarms on the monitor itself, all publishing to `topic` (the alarm topic): the function failed, an invocation was
 * dead-lettered, a run failed after all retries, a region or service could not be checked, a sink could not
 * deliver the alert, or no run completed when one was due.
 */
export class SelfAlarms extends Construct {
  public readonly errors: cloudwatch.Alarm;
  public readonly deadLetters: cloudwatch.Alarm;
  public readonly failedRuns: cloudwatch.Alarm;
  public readonly scanIncomplete: cloudwatch.Alarm;
  public readonly deliveryFailed: cloudwatch.Alarm;
  public readonly heartbeat: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SelfAlarmsProps) {
    super(scope, id);
    const prefix = props.alarmNamePrefix ?? Stack.of(this).stackName;
    const logs = `Check the function's logs in ${props.logGroup.logGroupName}`;
    const action = new actions.SnsAction(props.topic);
    const fiveMinutes = Duration.minutes(5);

    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmName: `${prefix}-checker-errors`,
      alarmDescription:
        `The certificate expiry checker failed (Lambda Errors >= 1): this run's alert may be missing. ${logs} ` +
        '(filter level = "ERROR"), fix the cause, then invoke the function again to get the report.',
      metric: props.function.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      ...ON_ANY_OCCURRENCE,
    });

    this.deadLetters = deadLetterAlarm(this, 'DeadLetters', {
      alarmName: `${prefix}-schedule-dead-letters`,
      queue: props.deadLetterQueue,
      target: 'invoke the certificate expiry checker',
      rerun: 'invoke the function once',
    });

    this.failedRuns = new cloudwatch.Alarm(this, 'FailedRuns', {
      alarmName: `${prefix}-failed-runs`,
      alarmDescription:
        "A run of the certificate expiry checker failed after all of Lambda's retries (or waited too long to start), so " +
        `no alert went out for it. The message in ${props.failedRunsQueue.queueName} holds the error and the request id; ${logs} ` +
        'for that request id, fix the cause, invoke the function once, then purge the queue.',
      metric: props.failedRunsQueue.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      ...ON_ANY_OCCURRENCE,
    });

    this.scanIncomplete = new cloudwatch.Alarm(this, 'ScanIncomplete', {
      alarmName: `${prefix}-scan-incomplete`,
      alarmDescription:
        'The last run could not check every region or service (access denied, throttling or a disabled region), so ' +
        `a certificate in use there may be missing from the alert. The alert's coverage section lists what was skipped. ${logs} for the errors.`,
      metric: monitorMetric(METRICS.scanIncomplete, METRICS.serviceName, cloudwatch.Stats.MAXIMUM, fiveMinutes),
      ...ON_ANY_OCCURRENCE,
    });

    this.deliveryFailed = new cloudwatch.Alarm(this, 'DeliveryFailed', {
      alarmName: `${prefix}-delivery-failed`,
      alarmDescription:
        'The last run could not deliver its alert to an optional destination (Security Hub, EventBridge): it failed or ' +
        "ran out of its share of the run's time. The SNS alert went out and names it under NOT DELIVERED. " +
        `${logs} ("some sinks could not deliver") for the error.`,
      metric: monitorMetric(METRICS.deliveryFailures, METRICS.serviceName, cloudwatch.Stats.MAXIMUM, fiveMinutes),
      ...ON_ANY_OCCURRENCE,
    });

    this.heartbeat = heartbeatAlarm(this, 'Heartbeat', {
      alarmName: `${prefix}-no-completed-run`,
      scheduleExpression: props.scheduleExpression,
      metricName: METRICS.runCompleted,
      serviceName: METRICS.serviceName,
      whatToDo: `${logs}; check that the schedule is enabled and that the dead-letter queue is empty, then invoke the function once.`,
    });

    for (const alarm of [
      this.errors,
      this.deadLetters,
      this.failedRuns,
      this.scanIncomplete,
      this.deliveryFailed,
      this.heartbeat,
    ])
      alarm.addAlarmAction(action);
  }
}

/** A metric the monitor emits itself (Powertools EMF): namespace METRICS.namespace, dimension `service`. */
export function monitorMetric(
  metricName: string,
  serviceName: string,
  statistic: string,
  period: Duration,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS.namespace,
    metricName,
    dimensionsMap: { service: serviceName },
    statistic,
    period,
  });
}

export interface DeadLetterAlarmProps {
  readonly alarmName: string;
  /** The schedule's dead-letter queue. */
  readonly queue: sqs.IQueue;
  /** What the schedule does, e.g. "invoke the certificate expiry checker". */
  readonly target: string;
  /** How an operator makes up for the missed run, e.g. "invoke the function once". */
  readonly rerun: string;
}

/** A message in the schedule's dead-letter queue: a scheduled run did not happen. */
export function deadLetterAlarm(scope: Construct, id: string, props: DeadLetterAlarmProps): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription:
      `EventBridge Scheduler could not ${props.target} after its retries, so a scheduled run ` +
      `did not happen. Read the message in the dead-letter queue ${props.queue.queueName} (it holds the ` +
      `error code, e.g. throttling or missing permission), fix the cause, ${props.rerun}, then purge the queue.`,
    metric: props.queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: cloudwatch.Stats.MAXIMUM,
    }),
    ...ON_ANY_OCCURRENCE,
  });
}

export interface HeartbeatAlarmProps {
  readonly alarmName: string;
  /** The schedule expression; the window is derived from it (see `heartbeatPlan`). */
  readonly scheduleExpression: string;
  /** The completed-run metric (namespace METRICS.namespace) and its `service` dimension. */
  readonly metricName: string;
  readonly serviceName: string;
  /** Where to look and how to make up for the missed run. */
  readonly whatToDo: string;
}

/** No RunCompleted datapoint within the schedule's longest gap plus slack; missing data breaches. */
export function heartbeatAlarm(scope: Construct, id: string, props: HeartbeatAlarmProps): cloudwatch.Alarm {
  const plan = heartbeatPlan(props.scheduleExpression);
  const window = describeMinutes(plan.windowMinutes);
  return new cloudwatch.Alarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription:
      `The certificate expiry monitor did not complete a run in ${window}` +
      (plan.capped ? ' (the longest window CloudWatch allows; the schedule runs less often or irregularly)' : '') +
      `, so expiring certificates may go unreported. ${props.whatToDo}`,
    metric: monitorMetric(
      props.metricName,
      props.serviceName,
      cloudwatch.Stats.SUM,
      Duration.seconds(plan.periodSeconds),
    ),
    threshold: 1,
    evaluationPeriods: plan.evaluationPeriods,
    datapointsToAlarm: plan.evaluationPeriods,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
}
