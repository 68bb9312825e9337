import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { EMAILS_RULE, SLACK_CHANNEL_ID_RULE, SLACK_WORKSPACE_ID_RULE } from '../../contract/validation';
import { checkProps } from './prop-checks';

/** A Slack channel that receives the alerts through AWS Chatbot (context `slackWorkspaceId`, `slackChannelId`). */
export interface SlackConfig {
  /** AWS Chatbot Slack workspace (team) id, e.g. T0123ABCD. */
  readonly workspaceId: string;
  /** Slack channel id, e.g. C0123ABCD. */
  readonly channelId: string;
}

export interface AlertTopicProps {
  /**
   * Email addresses subscribed to the topic. Each receives a confirmation email and gets alerts only once confirmed.
   * @default - no email subscriptions
   */
  readonly alertEmails?: readonly string[];
  /**
   * Filter policy of the `alertEmails` subscriptions (on message attributes), e.g. only the organization digest.
   * A message without attributes (such as a CloudWatch alarm notification) never matches a filter policy.
   * @default - no filter: every message
   */
  readonly alertEmailFilterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
  /**
   * Slack channel (through AWS Chatbot) subscribed to the topic. The workspace must already be authorised in the
   * AWS Chatbot console.
   * @default - no Slack delivery
   */
  readonly slack?: SlackConfig;
  /**
   * Whether the Slack channel reads this topic. False when other topics feed it (`slackChannel.addNotificationTopic`):
   * the organization's digest-only topic, because a Chatbot channel takes whole topics, with no filter policy.
   * @default true
   */
  readonly slackReadsThisTopic?: boolean;
  /**
   * Physical name of the topic. Changing the name of a deployed topic replaces it (and drops its subscriptions),
   * so the default never changes between releases.
   * @default `${stackName}-alerts`
   */
  readonly topicName?: string;
  /**
   * What happens to the customer-managed key when the stack is deleted.
   * @default RemovalPolicy.DESTROY (scheduled for deletion after a 30-day waiting period, cancellable)
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
  /**
   * Whether CloudWatch alarms of this account may publish to the topic (a topic-policy statement and a key-policy
   * statement for `cloudwatch.amazonaws.com`). Only the alarm topic (createAlarmTopic) sets it: no alarm needs to
   * reach the alert topic, so none may.
   * @default false
   */
  readonly cloudWatchAlarmsMayPublish?: boolean;
  /**
   * Description of the customer-managed key.
   * @default `Encrypts the ${topicName} SNS topic and the schedule's dead-letter queue (IAM certificate expiry monitor)`
   */
  readonly keyDescription?: string;
}

/**
 * The alert topic: SNS encrypted with a customer-managed KMS key (rotation on), TLS-only, with optional email and
 * Slack (AWS Chatbot) subscribers. Only IAM principals granted `sns:Publish` (the checker, the aggregate step) may
 * publish, unless `cloudWatchAlarmsMayPublish` admits this account's alarms too.
 *
 * Key policy: the CDK default (the account root may administer and use the key, which delegates to IAM policies:
 * the checker's role and the scheduler's role get `kms:GenerateDataKey` + `kms:Decrypt` on this key in their own
 * policies, only through SNS and SQS: `kms:ViaService`, see via-service.ts). With `cloudWatchAlarmsMayPublish`, also
 * `cloudwatch.amazonaws.com` for alarm actions, limited to this account's alarms with the `aws:SourceAccount` /
 * `aws:SourceArn` conditions the SNS guide documents for AWS event sources
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html). No `kms:EncryptionContext:aws:sns:topicArn`
 * condition: AWS does not document that context for a service principal's publish, and a condition the request
 * does not meet drops every alarm notification without an error anywhere but the alarm's history.
 */
export class AlertTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  public readonly slackChannel?: chatbot.SlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    checkProps(this, {
      alertEmails: [props.alertEmails, EMAILS_RULE],
      'slack.workspaceId': [props.slack?.workspaceId, SLACK_WORKSPACE_ID_RULE],
      'slack.channelId': [props.slack?.channelId, SLACK_CHANNEL_ID_RULE],
    });
    const stack = Stack.of(this);
    const topicName = props.topicName ?? `${stack.stackName}-alerts`;
    this.key = new kms.Key(this, 'Key', {
      description:
        props.keyDescription ??
        `Encrypts the ${topicName} SNS topic and the monitor's dead-letter queues (IAM certificate expiry monitor)`,
      enableKeyRotation: true,
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    });
    this.topic = new sns.Topic(this, 'Topic', {
      topicName,
      displayName: 'IAM certificate expiry',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.cloudWatchAlarmsMayPublish) this.admitCloudWatchAlarms();

    for (const email of props.alertEmails ?? []) {
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(
          email,
          props.alertEmailFilterPolicy ? { filterPolicy: props.alertEmailFilterPolicy } : {},
        ),
      );
    }

    if (props.slack) {
      // The channel role has no permissions at all: Chatbot only relays the topic's messages. The guardrail caps
      // what anyone could ever do from the channel at read-only CloudWatch access, even if the role is widened.
      const role = new iam.Role(this, 'SlackChannelRole', {
        assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
        description: 'AWS Chatbot channel role for the IAM certificate expiry alerts (deliberately no permissions)',
      });
      this.slackChannel = new chatbot.SlackChannelConfiguration(this, 'SlackChannel', {
        slackChannelConfigurationName: topicName.slice(0, 128),
        slackWorkspaceId: props.slack.workspaceId,
        slackChannelId: props.slack.channelId,
        notificationTopics: props.slackReadsThisTopic === false ? [] : [this.topic],
        role,
        guardrailPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess')],
        loggingLevel: chatbot.LoggingLevel.ERROR,
      });
    }
  }

  /** This account's CloudWatch alarms may publish: the topic policy admits them, the key policy lets them encrypt. */
  private admitCloudWatchAlarms(): void {
    const stack = Stack.of(this);
    const thisAccountsAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedAlertTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: thisAccountsAlarms,
      }),
    );
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: thisAccountsAlarms,
      }),
    );
  }
}
