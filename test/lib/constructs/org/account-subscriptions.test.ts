import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ORG_MESSAGE_ATTRIBUTES } from '../../../../contract/organization';
import {
  AccountSubscriptions,
  accountFilterPolicy,
  digestFilterPolicy,
} from '../../../../lib/constructs/org/account-subscriptions';
import { bareStack, type Json, ref } from '../support';

function build(accountAlertEmails: Record<string, string[]>) {
  const stack = bareStack();
  const topic = new sns.Topic(stack, 'Topic');
  new AccountSubscriptions(stack, 'AccountSubscriptions', { topic, accountAlertEmails });
  const template = Template.fromStack(stack);
  const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map(
    (s) => (s as { Properties: Json }).Properties,
  );
  return { topic, template, subscriptions };
}

/** The conditions of each attribute of a filter policy, as SNS receives them. */
const conditionsOf = (policy: Record<string, sns.SubscriptionFilter>) =>
  Object.fromEntries(Object.entries(policy).map(([attribute, filter]) => [attribute, filter.conditions]));

describe('filter policies', () => {
  test('the digest: scope=organization', () => {
    expect(conditionsOf(digestFilterPolicy())).toEqual({ [ORG_MESSAGE_ATTRIBUTES.scope]: ['organization'] });
  });

  test("an account's own messages: scope=account and its account ids", () => {
    expect(conditionsOf(accountFilterPolicy(['111111111111', '222222222222']))).toEqual({
      scope: ['account'],
      account: ['111111111111', '222222222222'],
    });
  });
});

describe('AccountSubscriptions', () => {
  test('one email subscription per address, filtered to the accounts given for it (sorted)', () => {
    const { topic, subscriptions } = build({
      '222222222222': ['shared@example.com'],
      '111111111111': ['team-a@example.com', 'shared@example.com'],
    });
    expect(subscriptions.sort((a, b) => String(a.Endpoint).localeCompare(String(b.Endpoint)))).toEqual([
      {
        Protocol: 'email',
        Endpoint: 'shared@example.com',
        TopicArn: ref(topic),
        FilterPolicy: { scope: ['account'], account: ['111111111111', '222222222222'] },
      },
      {
        Protocol: 'email',
        Endpoint: 'team-a@example.com',
        TopicArn: ref(topic),
        FilterPolicy: { scope: ['account'], account: ['111111111111'] },
      },
    ]);
  });

  test('no addresses, no subscription', () => {
    build({}).template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
