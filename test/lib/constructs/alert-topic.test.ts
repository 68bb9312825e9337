import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertTopic, type AlertTopicProps } from '../../../lib/constructs/alert-topic';
import { arnOf, bareStack, type Json, ref } from './support';

function build(props?: AlertTopicProps) {
  const stack = bareStack();
  const alerts = new AlertTopic(stack, 'Alerts', props);
  return { stack, alerts, template: Template.fromStack(stack) };
}

/** Conditions that limit a service principal to this account's CloudWatch alarms. */
const THIS_ACCOUNTS_ALARMS = {
  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
  ArnLike: {
    'aws:SourceArn': {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudwatch:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':alarm:*',
        ],
      ],
    },
  },
};

describe('AlertTopic defaults', () => {
  test('one topic named after the stack, encrypted with its own rotating key; no subscriber, no Slack', () => {
    const { template, alerts } = build();
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'Stack-alerts',
      DisplayName: 'IAM certificate expiry',
      KmsMasterKeyId: arnOf(alerts.key),
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: {
        EnableKeyRotation: true,
        PendingWindowInDays: 30,
        Description:
          "Encrypts the Stack-alerts SNS topic and the monitor's dead-letter queues (IAM certificate expiry monitor)",
      },
      DeletionPolicy: 'Delete',
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
    expect(alerts.slackChannel).toBeUndefined();
  });

  test('topic policy: TLS only; no service may publish (only IAM principals granted sns:Publish)', () => {
    const { template, alerts } = build();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(alerts.topic)],
      PolicyDocument: {
        Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      },
    });
  });

  test('key policy: the account root only (CDK default); CloudWatch may not use the key', () => {
    const { template } = build();
    const [key] = Object.values(template.findResources('AWS::KMS::Key')) as { Properties: Json }[];
    const statements = (key!.Properties.KeyPolicy as { Statement: Json[] }).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Action: 'kms:*' });
  });
});

describe('cloudWatchAlarmsMayPublish', () => {
  const built = () => build({ cloudWatchAlarmsMayPublish: true });

  test("topic policy: TLS only, and this account's alarms may publish", () => {
    const { template, alerts } = built();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(alerts.topic)],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Sid: 'AllowCloudWatchAlarmsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: ref(alerts.topic),
            Condition: THIS_ACCOUNTS_ALARMS,
          },
        ],
      },
    });
  });

  test("key policy: CloudWatch may use the key for this account's alarms only", () => {
    built().template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedAlertTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: THIS_ACCOUNTS_ALARMS,
          },
        ]),
      },
    });
  });
});

describe('AlertTopic options', () => {
  test('alertEmails: one email subscription each, unfiltered', () => {
    const { template, alerts } = build({ alertEmails: ['a@example.com', 'b@example.com'] });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const endpoint of ['a@example.com', 'b@example.com']) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: endpoint,
        TopicArn: ref(alerts.topic),
        FilterPolicy: Match.absent(),
      });
    }
  });

  test('alertEmailFilterPolicy: applied to every alertEmails subscription', () => {
    const { template } = build({
      alertEmails: ['a@example.com', 'b@example.com'],
      alertEmailFilterPolicy: { scope: sns.SubscriptionFilter.stringFilter({ allowlist: ['organization'] }) },
    });
    const filters = Object.values(template.findResources('AWS::SNS::Subscription')).map(
      (s) => (s as { Properties: Json }).Properties.FilterPolicy,
    );
    expect(filters).toEqual([{ scope: ['organization'] }, { scope: ['organization'] }]);
  });

  test('slackReadsThisTopic false: the channel reads only the topics added to it', () => {
    const { template } = build({
      slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' },
      slackReadsThisTopic: false,
    });
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', { SnsTopicArns: Match.absent() });
  });

  test('slack: one Chatbot channel on the topic, a role with no permissions, read-only guardrail, errors logged', () => {
    const { template, alerts } = build({ slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } });
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 1);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'Stack-alerts',
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      SnsTopicArns: [ref(alerts.topic)],
      IamRoleArn: arnOf(alerts.node.findChild('SlackChannelRole')),
      GuardrailPolicies: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/CloudWatchReadOnlyAccess']] },
      ],
      LoggingLevel: 'ERROR',
    });
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(alerts.slackChannel).toBeDefined();
  });

  test('topicName, keyDescription and keyRemovalPolicy', () => {
    const { template } = build({
      topicName: 'custom-topic',
      keyDescription: 'A key of its own',
      keyRemovalPolicy: RemovalPolicy.RETAIN,
    });
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'custom-topic' });
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ Description: 'A key of its own' }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the default key description follows topicName', () => {
    build({ topicName: 'custom-topic' }).template.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('^Encrypts the custom-topic SNS topic'),
    });
  });
});
