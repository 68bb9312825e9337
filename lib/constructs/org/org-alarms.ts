import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { SCHEDULE_RULE } from '../../../contract/validation';
import { checkProps } from '../prop-checks';
import { ORG_METRICS } from '../../../contract/organization';
import { AlarmFactory, monitorMetric, OCCURRENCE_PERIOD } from '../alarm-factory';

export interface OrgAlarmsProps {
  /** Where every alarm publishes. */
  readonly topic: sns.ITopic;
  readonly stateMachine: sfn.IStateMachine;
  /** The state machine's log group (named in the descriptions). */
  readonly logGroup: logs.ILogGroup;
  /** The schedule's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The schedule expression (the heartbeat window). */
  readonly scheduleExpression: string;
  /**
   * Prefix of the alarm names.
   * @default the stack name
   */
  readonly alarmNamePrefix?: string;
}

/**
 * Alarms on the organization run: an execution failed, timed out or was aborted; accounts could not be checked, or
 * were checked with gaps; no run completed when one was due; a scheduled start was dead-lettered. No per-function error alarms: a failed
 * list or aggregate step fails the execution, and a failed account scan is an account not checked.
 */
export class OrgAlarms extends Construct {
  public readonly executionsFailed: cloudwatch.Alarm;
  public readonly executionsTimedOut: cloudwatch.Alarm;
  public readonly executionsAborted: cloudwatch.Alarm;
  public readonly accountsNotChecked: cloudwatch.Alarm;
  public readonly accountsPartlyChecked: cloudwatch.Alarm;
  public readonly deliveryFailed: cloudwatch.Alarm;
  public readonly heartbeat: cloudwatch.Alarm;
  public readonly deadLetters: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OrgAlarmsProps) {
    super(scope, id);
    checkProps(this, { scheduleExpression: [props.scheduleExpression, SCHEDULE_RULE] });
    const alarms = new AlarmFactory(this, {
      namePrefix: props.alarmNamePrefix ?? Stack.of(this).stackName,
      topic: props.topic,
    });
    const executions = `Open the state machine's failed execution in the Step Functions console (its events name the step and the error) and the logs in ${props.logGroup.logGroupName}`;
    const rerun =
      'then start an execution once (aws stepfunctions start-execution --state-machine-arn <arn>) to get the report.';

    const onExecutions = (alarmId: string, name: string, metric: cloudwatch.IMetric, what: string) =>
      alarms.onAnyOccurrence(alarmId, {
        name: `run-${name}`,
        description: `An organization run ${what}, so this run's alerts may be missing. ${executions}; fix the cause, ${rerun}`,
        metric,
      });
    const sum = { period: OCCURRENCE_PERIOD, statistic: cloudwatch.Stats.SUM };
    this.executionsFailed = onExecutions(
      'ExecutionsFailed',
      'failed',
      props.stateMachine.metricFailed(sum),
      'failed (listing the accounts or aggregating the results)',
    );
    this.executionsTimedOut = onExecutions(
      'ExecutionsTimedOut',
      'timed-out',
      props.stateMachine.metricTimedOut(sum),
      'timed out',
    );
    this.executionsAborted = onExecutions(
      'ExecutionsAborted',
      'aborted',
      props.stateMachine.metricAborted(sum),
      'was stopped (aborted)',
    );

    this.accountsNotChecked = alarms.onAnyOccurrence('AccountsNotChecked', {
      name: 'accounts-not-checked',
      description:
        'The last organization run could not check one or more accounts (member role missing or not assumable, access denied, ' +
        'or the scan timed out), so certificates there may be missing from the alert. The digest\'s "accounts not checked" section ' +
        'names each account and the reason; check the member role StackSet instance of that account.',
      metric: monitorMetric(ORG_METRICS.accountsNotChecked, ORG_METRICS.serviceName, cloudwatch.Stats.MAXIMUM),
    });

    this.accountsPartlyChecked = alarms.onAnyOccurrence('AccountsPartlyChecked', {
      name: 'accounts-partly-checked',
      description:
        'The last organization run checked one or more accounts only in part, with or without findings (a region or service ' +
        'could not be read: access denied, a service control policy, throttling, a region that failed), so a certificate in ' +
        "use there may be missing from the alert. The aggregate function's log names each such account on every run; a " +
        "digest (sent when something is flagged or an account was not checked) names each flagged one's gaps in its section.",
      metric: monitorMetric(ORG_METRICS.accountsPartlyChecked, ORG_METRICS.serviceName, cloudwatch.Stats.MAXIMUM),
    });

    this.deliveryFailed = alarms.onAnyOccurrence('DeliveryFailed', {
      name: 'delivery-failed',
      description:
        'The last organization run could not deliver its digest to an optional destination (EventBridge, the Slack ' +
        "channel's digest topic): it failed or ran out of its share of the aggregate step's time. The SNS digest went " +
        'out and names it under NOT DELIVERED; the aggregate function\'s log ("some sinks could not deliver") has the error.',
      metric: monitorMetric(ORG_METRICS.deliveryFailures, ORG_METRICS.serviceName, cloudwatch.Stats.MAXIMUM),
    });

    this.heartbeat = alarms.noCompletedRun('Heartbeat', {
      scheduleExpression: props.scheduleExpression,
      metricName: ORG_METRICS.runCompleted,
      serviceName: ORG_METRICS.serviceName,
      whatToDo: `${executions}; check that the schedule is enabled and that the dead-letter queue is empty, ${rerun}`,
    });

    this.deadLetters = alarms.scheduleDeadLetters('DeadLetters', {
      queue: props.deadLetterQueue,
      target: 'start the organization run (the state machine)',
      rerun: 'start an execution once',
    });
  }
}
