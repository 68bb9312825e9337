import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SCHEDULE_RULE } from '../../contract/validation';
import { checkProps } from './prop-checks';
import { METRICS } from '../../contract/environment';
import { AlarmFactory, monitorMetric, OCCURRENCE_PERIOD } from './alarm-factory';

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

/**
 * Alarms on the monitor itself, all publishing to `topic` (the alarm topic): the function failed, an invocation was
 * dead-lettered, a run failed after all retries, a region or service could not be checked, or no run completed when one was due.
 */
export class SelfAlarms extends Construct {
  public readonly errors: cloudwatch.Alarm;
  public readonly deadLetters: cloudwatch.Alarm;
  public readonly failedRuns: cloudwatch.Alarm;
  public readonly scanIncomplete: cloudwatch.Alarm;
  public readonly heartbeat: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SelfAlarmsProps) {
    super(scope, id);
    checkProps(this, { scheduleExpression: [props.scheduleExpression, SCHEDULE_RULE] });
    const alarms = new AlarmFactory(this, {
      namePrefix: props.alarmNamePrefix ?? Stack.of(this).stackName,
      topic: props.topic,
    });
    const logs = `Check the function's logs in ${props.logGroup.logGroupName}`;

    this.errors = alarms.onAnyOccurrence('Errors', {
      name: 'checker-errors',
      description:
        `The certificate expiry checker failed (Lambda Errors >= 1): this run's alert may be missing. ${logs} ` +
        '(filter level = "ERROR"), fix the cause, then invoke the function again to get the report.',
      metric: props.function.metricErrors({ period: OCCURRENCE_PERIOD, statistic: cloudwatch.Stats.SUM }),
    });

    this.deadLetters = alarms.scheduleDeadLetters('DeadLetters', {
      queue: props.deadLetterQueue,
      target: 'invoke the certificate expiry checker',
      rerun: 'invoke the function once',
    });

    this.failedRuns = alarms.onAnyOccurrence('FailedRuns', {
      name: 'failed-runs',
      description:
        "A run of the certificate expiry checker failed after all of Lambda's retries (or waited too long to start), so " +
        `no alert went out for it. The message in ${props.failedRunsQueue.queueName} holds the error and the request id; ${logs} ` +
        'for that request id, fix the cause, invoke the function once, then purge the queue.',
      metric: props.failedRunsQueue.metricApproximateNumberOfMessagesVisible({
        period: OCCURRENCE_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    });

    this.scanIncomplete = alarms.onAnyOccurrence('ScanIncomplete', {
      name: 'scan-incomplete',
      description:
        'The last run could not check every region or service (access denied, throttling or a disabled region), so ' +
        `a certificate in use there may be missing from the alert. The alert's coverage section lists what was skipped. ${logs} for the errors.`,
      metric: monitorMetric(METRICS.scanIncomplete, METRICS.serviceName, cloudwatch.Stats.MAXIMUM),
    });

    this.heartbeat = alarms.noCompletedRun('Heartbeat', {
      scheduleExpression: props.scheduleExpression,
      metricName: METRICS.runCompleted,
      serviceName: METRICS.serviceName,
      whatToDo: `${logs}; check that the schedule is enabled and that the dead-letter queue is empty, then invoke the function once.`,
    });
  }
}
