import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type MonitorConfig, regionsEnvValue, subscribersOf } from './config';
import { subscribersEnvValue } from '../contract/subscribers';
import { RELEASE_VERSION } from './release';
import { AlertTopic } from './constructs/alert-topic';
import { createAlarmTopic } from './constructs/alarm-topic';
import { CheckerFunction } from './constructs/checker-function';
import { FirstRun } from './constructs/first-run';
import { retainProviderLogs } from './constructs/provider-logs';
import { alarmsUnder } from './constructs/dashboard-widgets';
import { MonitorDashboard } from './constructs/monitor-dashboard';
import { CheckerSchedule } from './constructs/schedule';
import { SelfAlarms } from './constructs/self-alarms';

export interface MonitorStackProps extends StackProps {
  /** Parsed and validated configuration (see `parseConfig`). */
  readonly config: MonitorConfig;
  /**
   * Handler module of the checker, relative to the repository root. Tests point it at a stub.
   * @default 'lambda/handler.ts'
   */
  readonly entry?: string;
}

/**
 * Composes the monitor: alert topic -> checker function -> schedule -> alarms on the monitor itself (on their own
 * topic, see createAlarmTopic) -> one run of the checker at deploy time.
 */
export class MonitorStack extends Stack {
  public readonly alerts: AlertTopic;
  public readonly alarmTopic: AlertTopic;
  public readonly checker: CheckerFunction;
  public readonly schedule: CheckerSchedule;
  public readonly alarms: SelfAlarms;
  public readonly firstRun: FirstRun;
  /** Absent when switched off (`dashboard=false`). */
  public readonly dashboard?: MonitorDashboard;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, {
      description:
        'IAM server certificate expiry monitor: daily check, alert by email/Slack with the load balancers affected',
      ...props,
    });
    const { config } = props;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    this.alerts = new AlertTopic(this, 'Alerts', {
      alertEmails: config.alertEmails,
      ...(config.slack ? { slack: config.slack } : {}),
    });
    this.alarmTopic = createAlarmTopic(this, {
      alertEmails: config.alertEmails,
      ...(this.alerts.slackChannel ? { slackChannel: this.alerts.slackChannel } : {}),
    });

    this.checker = new CheckerFunction(this, 'Checker', {
      topic: this.alerts.topic,
      topicKey: this.alerts.key,
      thresholdDays: config.thresholdDays,
      warningDays: config.warningDays,
      maxSnoozeDays: config.maxSnoozeDays,
      regions: regionsEnvValue(config.regions),
      subscribers: subscribersEnvValue(subscribersOf(config)),
      logRetention,
      ...(config.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: config.reservedConcurrency } : {}),
      ...(props.entry ? { entry: props.entry } : {}),
      ...(config.securityHub ? { securityHub: true } : {}),
      ...(config.eventBus ? { eventBus: config.eventBus } : {}),
    });

    this.schedule = new CheckerSchedule(this, 'Schedule', {
      function: this.checker.function,
      expression: config.schedule,
      timeZone: config.scheduleTimezone,
      deadLetterKey: this.alerts.key,
    });

    this.alarms = new SelfAlarms(this, 'SelfAlarms', {
      topic: this.alarmTopic.topic,
      function: this.checker.function,
      logGroup: this.checker.logGroup,
      deadLetterQueue: this.schedule.deadLetterQueue,
      failedRunsQueue: this.checker.failedRunsQueue,
      scheduleExpression: config.schedule,
    });

    if (config.dashboard !== false)
      this.dashboard = new MonitorDashboard(this, 'Dashboard', {
        function: this.checker.function,
        thresholdDays: config.thresholdDays,
        warningDays: config.warningDays,
        alarms: alarmsUnder(this.alarms),
      });

    this.firstRun = new FirstRun(this, 'FirstRun', {
      function: this.checker.function,
      executeAfter: [this.alerts, this.checker, this.schedule, this.alarms],
      revision: { release: RELEASE_VERSION, config },
      ...(this.checker.function.timeout ? { timeout: this.checker.function.timeout } : {}),
    });

    new CfnOutput(this, 'AlertTopicArn', {
      value: this.alerts.topic.topicArn,
      description: 'SNS topic that receives the alerts',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topic.topicArn,
      description: "SNS topic of the monitor's own alarms (no message attributes: subscribe without a filter policy)",
    });
    new CfnOutput(this, 'CheckerFunctionName', {
      value: this.checker.function.functionName,
      description: 'The deploy ran it once; to run it again: aws lambda invoke --function-name <name> /dev/stdout',
    });
    new CfnOutput(this, 'CheckerLogGroupName', {
      value: this.checker.logGroup.logGroupName,
      description: "The checker's logs",
    });

    if (this.dashboard)
      new CfnOutput(this, 'DashboardUrl', {
        value: this.dashboard.url,
        description:
          'The CloudWatch dashboard: days to expiry of flagged certificates, counts by severity, monitor health',
      });

    retainProviderLogs(this, logRetention);
  }
}
