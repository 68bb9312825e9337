import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV, METRICS } from '../contract/environment';
import { ORG_ENV, ORG_HANDLERS, ORG_METRICS } from '../contract/organization';
import { type MonitorConfig, regionsEnvValue } from './config';
import { AlertTopic } from './constructs/alert-topic';
import { createAlarmTopic } from './constructs/alarm-topic';
import { DEFAULT_MEMORY_SIZE_MB } from './constructs/checker-function';
import { AccountSubscriptions, digestFilterPolicy } from './constructs/org/account-subscriptions';
import { grantHubPermissions } from './constructs/org/hub-permissions';
import { type DeployedAs, MemberRoleStackSet } from './constructs/org/member-role-stack-set';
import { OrgAlarms } from './constructs/org/org-alarms';
import { OrgFirstRun } from './constructs/org/org-first-run';
import { OrgFunction } from './constructs/org/org-function';
import { OrgDashboard } from './constructs/org/org-dashboard';
import { alarmsUnder } from './constructs/dashboard-widgets';
import { OrgStateMachine } from './constructs/org/org-state-machine';
import { OrganizationId } from './constructs/org/organization-id';
import { RunDataBucket } from './constructs/org/run-data-bucket';
import { retainProviderLogs } from './constructs/provider-logs';
import { CheckerSchedule } from './constructs/schedule';
import { grantSinkPermissions } from './constructs/sink-permissions';
import { type CommonMonitorProps, commonPropsOf, configOfProps } from './monitor-props';
import { physicalNamePrefix } from './physical-names';
import { RELEASE_VERSION } from './release';
import { testAlertCommand } from '../contract/test-alert';

export interface IamCertExpiryOrganizationMonitorProps extends CommonMonitorProps {
  /**
   * OU ids (`ou-…`) and/or the root id (`r-…`) whose ACTIVE accounts are scanned, child OUs included.
   */
  readonly organizationalUnits: readonly string[];
  /**
   * Name of the read-only role the StackSet puts into every member account.
   * @default 'IamCertExpiryMonitorReader'
   */
  readonly memberRoleName?: string;
  /**
   * 12-digit account ids never scanned (and given no member role).
   * @default - none
   */
  readonly excludeAccounts?: readonly string[];
  /**
   * Batches of accounts scanned at once (the Distributed Map's MaxConcurrency), each one invocation of the scan
   * function: 1 to 10000, and at most half of `lambdaConcurrencyQuota`.
   * @default 40
   */
  readonly accountConcurrency?: number;
  /**
   * Accounts in one batch (the Distributed Map's ItemBatcher MaxItemsPerBatch), 1 to 200.
   * @default 50
   */
  readonly accountsPerBatch?: number;
  /**
   * The region's Lambda concurrent executions quota, which `accountConcurrency` is held to (a stack cannot read it).
   * @default 1000
   */
  readonly lambdaConcurrencyQuota?: number;
  /**
   * Account id -> email addresses that receive that account's own messages (the digest goes to `alertEmails`). An
   * address is one subscription: not also in `alertEmails`, at most 150 accounts.
   * @default - none
   */
  readonly accountAlertEmails?: Readonly<Record<string, readonly string[]>>;
  /**
   * Where this stack is deployed: the organization's `management` account or a `delegatedAdmin` (the StackSet's
   * CallAs).
   * @default 'management'
   */
  readonly deployedAs?: DeployedAs;
  /**
   * Days after which run data (account lists, results, large reports) expires from the bucket, 1 to 3650.
   * @default 30
   */
  readonly runDataRetentionDays?: number;
}

/** How the app's own tests build the hub: the run's handler modules (stubs). */
export interface OrgHandlerEntries {
  /**
   * Handler modules of the run's functions, relative to the repository root.
   * @default ORG_HANDLERS
   */
  readonly entries?: { readonly [K in keyof typeof ORG_HANDLERS]?: string };
}

/**
 * The organization hub, deployed once into the management account or a delegated administrator: the member read
 * role in every account of the chosen OUs (StackSet), a scheduled Step Functions run that lists the accounts,
 * scans each one with the single-account pipeline (Distributed Map) and publishes one digest plus one message per
 * account with findings, and alarms on the run itself. Put it into any stack:
 *
 *   new IamCertExpiryOrganizationMonitor(this, 'CertExpiry', { organizationalUnits: ['r-ab12'], alertEmails: [...] });
 *
 * Two topics: `alerts` gets the run's messages (alertEmails filtered to the digest, accountAlertEmails to their
 * accounts), `alarmTopic` the monitor's own alarms. Alarm notifications carry no message attributes and so could
 * never pass a filter policy; on their own topic they reach alertEmails unfiltered.
 */
export class IamCertExpiryOrganizationMonitor extends Construct {
  public readonly alerts: AlertTopic;
  public readonly alarmTopic: AlertTopic;
  /** With Slack: the topic the channel reads, which gets the organization digest only. */
  public readonly chatDigest?: AlertTopic;
  public readonly runData: RunDataBucket;
  public readonly listAccounts: OrgFunction;
  public readonly scanAccount: OrgFunction;
  public readonly aggregate: OrgFunction;
  public readonly memberRole: MemberRoleStackSet;
  public readonly run: OrgStateMachine;
  public readonly schedule: CheckerSchedule;
  public readonly alarms: OrgAlarms;
  public readonly firstRun: OrgFirstRun;
  /** Absent when switched off (`dashboard: false`). */
  public readonly dashboard?: OrgDashboard;

  constructor(
    scope: Construct,
    id: string,
    props: IamCertExpiryOrganizationMonitorProps,
    build: OrgHandlerEntries = {},
  ) {
    super(scope, id);
    const config = configOfProps(this, props, 'organization');
    const org = config.organization!;
    const entries = { ...ORG_HANDLERS, ...build.entries };
    const stack = Stack.of(this);
    const providersBefore = new Set(stack.node.children);
    const names = physicalNamePrefix(this);
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    // The Slack channel (AWS Chatbot) takes whole topics and no filter policy: it reads the digest-only topic (and the
    // alarms), not the alert topic with every per-account message. The channel stays in `Alerts`, so an upgrade
    // updates its topics in place.
    this.alerts = new AlertTopic(this, 'Alerts', {
      topicName: `${names}-alerts`,
      alertEmails: config.alertEmails,
      alertEmailFilterPolicy: digestFilterPolicy(),
      ...(config.slack ? { slack: config.slack, slackReadsThisTopic: false } : {}),
      keyDescription: `Encrypts the ${names}-alerts SNS topic: the organization digest and per-account messages (IAM certificate expiry monitor)`,
    });
    this.alarmTopic = createAlarmTopic(this, {
      namePrefix: names,
      alertEmails: config.alertEmails,
      ...(this.alerts.slackChannel ? { slackChannel: this.alerts.slackChannel } : {}),
      keyDescription: `Encrypts the ${names}-alarms SNS topic (the monitor's own alarms) and the schedule's dead-letter queue`,
    });
    if (this.alerts.slackChannel) {
      this.chatDigest = new AlertTopic(this, 'ChatDigest', {
        topicName: `${names}-chat-digest`,
        keyDescription: `Encrypts the ${names}-chat-digest SNS topic: the organization digest for Slack (IAM certificate expiry monitor)`,
      });
      this.alerts.slackChannel.addNotificationTopic(this.chatDigest.topic);
    }
    new AccountSubscriptions(this, 'AccountSubscriptions', {
      topic: this.alerts.topic,
      accountAlertEmails: org.accountAlertEmails,
    });

    this.runData = new RunDataBucket(this, 'RunData', { retentionDays: org.runDataRetentionDays });

    const environment = {
      [ENV.topicArn]: this.alerts.topic.topicArn,
      [ENV.thresholdDays]: String(config.thresholdDays),
      [ENV.warningDays]: String(config.warningDays),
      [ENV.maxSnoozeDays]: String(config.maxSnoozeDays),
      [ENV.regions]: regionsEnvValue(config.regions),
      [ORG_ENV.runDataBucket]: this.runData.bucket.bucketName,
      [ORG_ENV.organizationalUnits]: org.organizationalUnits.join(','),
      [ORG_ENV.excludeAccounts]: org.excludeAccounts.join(','),
      [ORG_ENV.memberRoleName]: org.memberRoleName,
      ...(this.chatDigest ? { [ORG_ENV.chatDigestTopicArn]: this.chatDigest.topic.topicArn } : {}),
      POWERTOOLS_SERVICE_NAME: ORG_METRICS.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
    };
    this.listAccounts = new OrgFunction(this, 'ListAccounts', {
      entry: entries.listAccounts,
      description:
        'IAM certificate expiry monitor (organization): list the ACTIVE accounts of the chosen OUs into run data',
      environment,
      logRetention,
      memorySize: 256,
      timeout: Duration.minutes(5),
    });
    this.scanAccount = new OrgFunction(this, 'ScanAccount', {
      entry: entries.scanAccount,
      description: 'IAM certificate expiry monitor (organization): assume the member read role and check one account',
      // Each member's findings are imported inside its own scan (the default product imports only the caller's).
      environment: { ...environment, ...(config.securityHub ? { [ENV.securityHub]: 'true' } : {}) },
      logRetention,
      // The same pipeline as the single-account checker, sized the same way (see DEFAULT_MEMORY_SIZE_MB).
      memorySize: DEFAULT_MEMORY_SIZE_MB,
      timeout: Duration.minutes(15),
    });
    this.aggregate = new OrgFunction(this, 'Aggregate', {
      entry: entries.aggregate,
      description:
        'IAM certificate expiry monitor (organization): build the organization report and publish the alerts',
      environment: { ...environment, ...(config.eventBus ? { [ENV.eventBus]: config.eventBus } : {}) },
      logRetention,
      memorySize: DEFAULT_MEMORY_SIZE_MB,
      timeout: Duration.minutes(15),
    });

    grantHubPermissions(
      { listAccounts: this.listAccounts.role, scanAccount: this.scanAccount.role, aggregate: this.aggregate.role },
      {
        runData: this.runData.bucket,
        runDataKey: this.runData.key,
        topic: this.alerts.topic,
        topicKey: this.alerts.key,
        ...(this.chatDigest ? { chatDigest: { topic: this.chatDigest.topic, key: this.chatDigest.key } } : {}),
        memberRoleName: org.memberRoleName,
        organizationId: new OrganizationId(this, 'OrganizationId', { logRetention }).organizationId,
      },
    );

    // The hub scans its own account with the scan function's role; members with the member role (below).
    grantSinkPermissions(this.scanAccount.role, config.securityHub ? { securityHub: true } : {});
    grantSinkPermissions(this.aggregate.role, config.eventBus ? { eventBus: config.eventBus } : {});

    this.memberRole = new MemberRoleStackSet(this, 'MemberRole', {
      hubRole: this.scanAccount.role,
      roleName: org.memberRoleName,
      organizationalUnits: org.organizationalUnits,
      excludeAccounts: org.excludeAccounts,
      deployedAs: org.deployedAs,
      stackSetName: `${names}-member-role`,
      ...(config.securityHub ? { securityHub: true } : {}),
    });

    this.run = new OrgStateMachine(this, 'Run', {
      listAccounts: this.listAccounts.function,
      scanAccount: this.scanAccount.function,
      aggregate: this.aggregate.function,
      runData: this.runData.bucket,
      runDataKey: this.runData.key,
      accountConcurrency: org.accountConcurrency,
      accountsPerBatch: org.accountsPerBatch,
      logRetention,
    });

    this.schedule = new CheckerSchedule(this, 'Schedule', {
      stateMachine: this.run.stateMachine,
      expression: config.schedule,
      timeZone: config.scheduleTimezone,
      deadLetterKey: this.alarmTopic.key,
    });

    this.alarms = new OrgAlarms(this, 'RunAlarms', {
      topic: this.alarmTopic.topic,
      stateMachine: this.run.stateMachine,
      logGroup: this.run.logGroup,
      deadLetterQueue: this.schedule.deadLetterQueue,
      scheduleExpression: config.schedule,
      alarmNamePrefix: names,
    });

    if (config.dashboard !== false)
      this.dashboard = new OrgDashboard(this, 'Dashboard', {
        stateMachine: this.run.stateMachine,
        functions: {
          'list accounts': this.listAccounts.function,
          'scan account': this.scanAccount.function,
          aggregate: this.aggregate.function,
        },
        thresholdDays: config.thresholdDays,
        warningDays: config.warningDays,
        alarms: alarmsUnder(this.alarms),
        dashboardName: names,
      });

    this.firstRun = new OrgFirstRun(this, 'FirstRun', {
      stateMachine: this.run.stateMachine,
      executeAfter: [
        this.alerts,
        this.alarmTopic,
        ...(this.chatDigest ? [this.chatDigest] : []),
        this.memberRole,
        this.schedule,
        this.alarms,
      ],
      revision: { release: RELEASE_VERSION, config },
      logRetention,
    });

    new CfnOutput(this, 'AlertTopicArn', {
      value: this.alerts.topic.topicArn,
      description:
        'SNS topic of the digest (scope=organization) and per-account messages (scope=account, account=<id>)',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topic.topicArn,
      description: "SNS topic of the monitor's own alarms",
    });
    new CfnOutput(this, 'StateMachineArn', {
      value: this.run.stateMachine.stateMachineArn,
      description:
        'The organization run (a deploy starts it once; start another: aws stepfunctions start-execution --state-machine-arn <arn>)',
    });
    new CfnOutput(this, 'TestAlertCommand', {
      value: testAlertCommand(this.aggregate.function.functionName, stack.region),
      description:
        "Once the subscriptions are confirmed: sends a sample organization digest, marked as a test, through the digest's sinks (email, Slack, EventBridge) and the hub account's own message; nothing is scanned",
    });
    new CfnOutput(this, 'RunDataBucketName', {
      value: this.runData.bucket.bucketName,
      description: 'Run data (account lists, results), expiring after runDataRetentionDays',
    });
    new CfnOutput(this, 'MemberRoleStackSetName', {
      value: `${names}-member-role`,
      description: 'The StackSet that puts the member read role into the member accounts',
    });

    if (this.dashboard)
      new CfnOutput(this, 'DashboardUrl', {
        value: this.dashboard.url,
        description:
          'The CloudWatch dashboard: accounts checked per run, findings per account, days to expiry, run health',
      });

    retainProviderLogs(stack, logRetention, providersBefore);
  }
}

/** The props that build what `config` (from CDK context, `deployment=organization`) describes. */
export function organizationMonitorPropsOf(
  config: MonitorConfig & { readonly organization: NonNullable<MonitorConfig['organization']> },
): IamCertExpiryOrganizationMonitorProps {
  return { ...commonPropsOf(config), ...config.organization };
}
