import { CfnOutput, Stack } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { regionsEnvValue, subscribersOf } from './config';
import { createAlarmTopic } from './constructs/alarm-topic';
import { AlertTopic } from './constructs/alert-topic';
import { CheckerFunction } from './constructs/checker-function';
import { FirstRun } from './constructs/first-run';
import { retainProviderLogs } from './constructs/provider-logs';
import { CheckerSchedule } from './constructs/schedule';
import { SelfAlarms } from './constructs/self-alarms';
import { alarmsUnder } from './constructs/dashboard-widgets';
import { MonitorDashboard } from './constructs/monitor-dashboard';
import { subscribersEnvValue } from '../contract/subscribers';
import { testAlertCommand } from '../contract/test-alert';
import { type CommonMonitorProps, commonPropsOf, configOfProps } from './monitor-props';
import type { MonitorConfig } from './config';
import { physicalNamePrefix } from './physical-names';
import { RELEASE_VERSION } from './release';

export interface IamCertExpiryMonitorProps extends CommonMonitorProps {
  /**
   * Reserved concurrency of the checker (1 to 1000). Off by default: a reservation fails the deployment in accounts
   * whose concurrency quota is still the new-account default.
   * @default - no reservation
   */
  readonly reservedConcurrency?: number;
}

/** How the app's own tests build the monitor: the checker's handler module (a stub). */
export interface MonitorHandlerEntry {
  /**
   * Handler module of the checker, relative to the repository root.
   * @default 'lambda/handler.ts'
   */
  readonly entry?: string;
}

/**
 * The monitor of one account: alert topic -> checker function -> schedule -> alarms on the monitor itself (on their
 * own topic, see createAlarmTopic) -> one run of the checker at deploy time. Put it into any stack:
 *
 *   new IamCertExpiryMonitor(this, 'CertExpiry', { alertEmails: ['ops@example.com'] });
 *
 * Props are checked as the context keys of the same names are (a bad one throws a PropsError naming it).
 */
export class IamCertExpiryMonitor extends Construct {
  public readonly alerts: AlertTopic;
  public readonly alarmTopic: AlertTopic;
  public readonly checker: CheckerFunction;
  public readonly schedule: CheckerSchedule;
  public readonly alarms: SelfAlarms;
  public readonly firstRun: FirstRun;
  /** Absent when switched off (`dashboard: false`). */
  public readonly dashboard?: MonitorDashboard;

  constructor(scope: Construct, id: string, props: IamCertExpiryMonitorProps = {}, build: MonitorHandlerEntry = {}) {
    super(scope, id);
    const config = configOfProps(this, props, 'account');
    const stack = Stack.of(this);
    const providersBefore = new Set(stack.node.children);
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const names = physicalNamePrefix(this);

    this.alerts = new AlertTopic(this, 'Alerts', {
      topicName: `${names}-alerts`,
      alertEmails: config.alertEmails,
      ...(config.slack ? { slack: config.slack } : {}),
    });
    this.alarmTopic = createAlarmTopic(this, {
      namePrefix: names,
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
      ...(build.entry ? { entry: build.entry } : {}),
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
      alarmNamePrefix: names,
    });

    if (config.dashboard !== false)
      this.dashboard = new MonitorDashboard(this, 'Dashboard', {
        function: this.checker.function,
        thresholdDays: config.thresholdDays,
        warningDays: config.warningDays,
        alarms: alarmsUnder(this.alarms),
        dashboardName: names,
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
    new CfnOutput(this, 'TestAlertCommand', {
      value: testAlertCommand(this.checker.function.functionName, stack.region),
      description:
        'Once the subscriptions are confirmed: sends a sample alert, marked as a test, through every sink (email, Slack, Security Hub, EventBridge); nothing is scanned',
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

    retainProviderLogs(stack, logRetention, providersBefore);
  }
}

/** The props that build what `config` (from CDK context) describes. */
export function monitorPropsOf(config: MonitorConfig): IamCertExpiryMonitorProps {
  return {
    ...commonPropsOf(config),
    ...(config.reservedConcurrency !== undefined ? { reservedConcurrency: config.reservedConcurrency } : {}),
  };
}
