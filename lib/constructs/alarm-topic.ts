import { Stack } from 'aws-cdk-lib';
import type * as chatbot from 'aws-cdk-lib/aws-chatbot';
import type { Construct } from 'constructs';
import { AlertTopic } from './alert-topic';

export interface AlarmTopicProps {
  /**
   * Email addresses subscribed to the alarm topic, without a filter policy.
   * @default - no email subscriptions
   */
  readonly alertEmails?: readonly string[];
  /**
   * The alert topic's Slack channel, which then relays the alarms too.
   * @default - no Slack delivery
   */
  readonly slackChannel?: chatbot.SlackChannelConfiguration;
  /**
   * Description of the topic's customer-managed key.
   * @default `Encrypts the ${stackName}-alarms SNS topic (the monitor's own alarms) (IAM certificate expiry monitor)`
   */
  readonly keyDescription?: string;
  /**
   * The topic is named `<namePrefix>-alarms`.
   * @default the stack name
   */
  readonly namePrefix?: string;
}

/**
 * The topic of the monitor's own alarms, beside the alert topic (construct id `Alarms`, name `${stackName}-alarms`):
 * encrypted and TLS-only like it (it is an AlertTopic), subscribed by the same people, never filtered, and the only
 * topic of the stack that CloudWatch alarms may publish to. Alarm notifications carry no message attributes, so a
 * subscription filter policy (e.g. on `severity`) would drop every one of them
 * (https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html).
 */
export function createAlarmTopic(scope: Construct, props: AlarmTopicProps = {}): AlertTopic {
  const topicName = `${props.namePrefix ?? Stack.of(scope).stackName}-alarms`;
  const alarms = new AlertTopic(scope, 'Alarms', {
    ...(props.alertEmails ? { alertEmails: props.alertEmails } : {}),
    topicName,
    cloudWatchAlarmsMayPublish: true,
    keyDescription:
      props.keyDescription ??
      `Encrypts the ${topicName} SNS topic (the monitor's own alarms) (IAM certificate expiry monitor)`,
  });
  props.slackChannel?.addNotificationTopic(alarms.topic);
  return alarms;
}
