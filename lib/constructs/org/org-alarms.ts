import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ORG_METRICS } from '../../../contract/organization';
import { deadLetterAlarm, heartbeatAlarm, monitorMetric, ON_ANY_OCCURRENCE } from '../self-alarms';

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
  public readonly heartbeat: cloudwatch.Alarm;
  public readonly deadLetters: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OrgAlarmsProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    const period = Duration.minutes(5);
    const executions = `Open the state machine's failed execution in the Step Functions console (its events name the step and the error) and the logs in ${props.logGroup.logGroupName}`;
    const rerun =
      'then start an execution once (aws stepfunctions start-execution --state-machine-arn <arn>) to get the report.';

    const onExecutions = (alarmId: string, name: string, metric: cloudwatch.Metric, what: string) =>
      new cloudwatch.Alarm(this, alarmId, {
        alarmName: `${prefix}-run-${name}`,
        alarmDescription: `An organization run ${what}, so this run's alerts may be missing. ${executions}; fix the cause, ${rerun}`,
        metric,
        ...ON_ANY_OCCURRENCE,
      });
    const sum = { period, statistic: cloudwatch.Stats.SUM };
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

    this.accountsNotChecked = new cloudwatch.Alarm(this, 'AccountsNotChecked', {
      alarmName: `${prefix}-accounts-not-checked`,
      alarmDescription:
        'The last organization run could not check one or more accounts (member role missing or not assumable, access denied, ' +
        'or the scan timed out), so certificates there may be missing from the alert. The digest\'s "accounts not checked" section ' +
        'names each account and the reason; check the member role StackSet instance of that account.',
      metric: monitorMetric(ORG_METRICS.accountsNotChecked, ORG_METRICS.serviceName, cloudwatch.Stats.MAXIMUM, period),
      ...ON_ANY_OCCURRENCE,
    });

    this.accountsPartlyChecked = new cloudwatch.Alarm(this, 'AccountsPartlyChecked', {
      alarmName: `${prefix}-accounts-partly-checked`,
      alarmDescription:
        'The last organization run checked one or more accounts only in part, with or without findings (a region or service ' +
        'could not be read: access denied, a service control policy, throttling, a region that failed), so a certificate in ' +
        "use there may be missing from the alert. The aggregate function's log names each such account on every run; a " +
        "digest (sent when something is flagged or an account was not checked) names each flagged one's gaps in its section.",
      metric: monitorMetric(
        ORG_METRICS.accountsPartlyChecked,
        ORG_METRICS.serviceName,
        cloudwatch.Stats.MAXIMUM,
        period,
      ),
      ...ON_ANY_OCCURRENCE,
    });

    this.heartbeat = heartbeatAlarm(this, 'Heartbeat', {
      alarmName: `${prefix}-no-completed-run`,
      scheduleExpression: props.scheduleExpression,
      metricName: ORG_METRICS.runCompleted,
      serviceName: ORG_METRICS.serviceName,
      whatToDo: `${executions}; check that the schedule is enabled and that the dead-letter queue is empty, ${rerun}`,
    });

    this.deadLetters = deadLetterAlarm(this, 'DeadLetters', {
      alarmName: `${prefix}-schedule-dead-letters`,
      queue: props.deadLetterQueue,
      target: 'start the organization run (the state machine)',
      rerun: 'start an execution once',
    });

    const action = new actions.SnsAction(props.topic);
    for (const alarm of [
      this.executionsFailed,
      this.executionsTimedOut,
      this.executionsAborted,
      this.accountsNotChecked,
      this.accountsPartlyChecked,
      this.heartbeat,
      this.deadLetters,
    ]) {
      alarm.addAlarmAction(action);
    }
  }
}
