import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRICS } from '../../contract/environment';
import { describeMinutes, heartbeatPlan } from './heartbeat';

export interface AlarmFactoryProps {
  /** Every alarm is named `<namePrefix>-<name>`. */
  readonly namePrefix: string;
  /** Where every alarm publishes (the alarm topic). */
  readonly topic: sns.ITopic;
}

export interface OccurrenceAlarmProps {
  /** The alarm's name after the prefix, e.g. `checker-errors`. */
  readonly name: string;
  /** What happened and what to do, for the person the alarm reaches. */
  readonly description: string;
  readonly metric: cloudwatch.IMetric;
}

export interface DeadLetterAlarmProps {
  /** The schedule's dead-letter queue. */
  readonly queue: sqs.IQueue;
  /** What the schedule does, e.g. "invoke the certificate expiry checker". */
  readonly target: string;
  /** How an operator makes up for the missed run, e.g. "invoke the function once". */
  readonly rerun: string;
}

export interface NoCompletedRunAlarmProps {
  /** The schedule expression; the window is derived from it (see `heartbeatPlan`). */
  readonly scheduleExpression: string;
  /** The completed-run metric (namespace METRICS.namespace) and its `service` dimension. */
  readonly metricName: string;
  readonly serviceName: string;
  /** Where to look and how to make up for the missed run. */
  readonly whatToDo: string;
}

/** The period of the occurrence alarms' metrics. */
export const OCCURRENCE_PERIOD = Duration.minutes(5);

/**
 * The one place the monitor's alarms are made (account and organization): each is named `<namePrefix>-<name>`,
 * describes what happened and what to do, and publishes to the alarm topic. Three shapes: something happened at
 * least once (quiet without data: nothing happened), a scheduled run was dead-lettered, and no run completed when
 * one was due (missing data breaches).
 */
export class AlarmFactory {
  private readonly action: actions.SnsAction;

  constructor(
    private readonly scope: Construct,
    private readonly props: AlarmFactoryProps,
  ) {
    this.action = new actions.SnsAction(props.topic);
  }

  /** Fires on one occurrence: the metric at 1 or more in a period; missing data is not breaching. */
  public onAnyOccurrence(id: string, props: OccurrenceAlarmProps): cloudwatch.Alarm {
    return this.alarm(id, props.name, props.description, {
      metric: props.metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** A message in the schedule's dead-letter queue: a scheduled run did not happen. */
  public scheduleDeadLetters(id: string, props: DeadLetterAlarmProps): cloudwatch.Alarm {
    return this.onAnyOccurrence(id, {
      name: 'schedule-dead-letters',
      description:
        `EventBridge Scheduler could not ${props.target} after its retries, so a scheduled run ` +
        `did not happen. Read the message in the dead-letter queue ${props.queue.queueName} (it holds the ` +
        `error code, e.g. throttling or missing permission), fix the cause, ${props.rerun}, then purge the queue.`,
      metric: props.queue.metricApproximateNumberOfMessagesVisible({
        period: OCCURRENCE_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    });
  }

  /** No completed-run datapoint within the schedule's longest gap plus slack; missing data breaches. */
  public noCompletedRun(id: string, props: NoCompletedRunAlarmProps): cloudwatch.Alarm {
    const plan = heartbeatPlan(props.scheduleExpression);
    const window = describeMinutes(plan.windowMinutes);
    return this.alarm(
      id,
      'no-completed-run',
      `The certificate expiry monitor did not complete a run in ${window}` +
        (plan.capped ? ' (the longest window CloudWatch allows; the schedule runs less often or irregularly)' : '') +
        `, so expiring certificates may go unreported. ${props.whatToDo}`,
      {
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
      },
    );
  }

  private alarm(
    id: string,
    name: string,
    description: string,
    shape: Omit<cloudwatch.AlarmProps, 'alarmName' | 'alarmDescription'>,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.scope, id, {
      alarmName: `${this.props.namePrefix}-${name}`,
      alarmDescription: description,
      ...shape,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}

/** A metric the monitor emits itself (Powertools EMF): namespace METRICS.namespace, dimension `service`. */
export function monitorMetric(
  metricName: string,
  serviceName: string,
  statistic: string,
  period: Duration = OCCURRENCE_PERIOD,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS.namespace,
    metricName,
    dimensionsMap: { service: serviceName },
    statistic,
    period,
  });
}
