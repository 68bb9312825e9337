/** The Slack channel's own topic gets the organization digest only, never the per-account messages. */
import { orgRequests } from '../render/support';
import { sinkClients } from './support';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { enabledSinks } from '../../../lambda/sinks/enabled-sinks';
import { account, orgReportOf, reportFor } from '../org/support';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const CHAT = 'arn:aws:sns:eu-west-1:111111111111:chat-digest';
const clients = sinkClients();

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
});

describe('the chat digest sink', () => {
  it('is enabled only with a chat digest topic, before the SNS digest (a secondary sink, not required)', () => {
    expect(enabledSinks({ topicArn: TOPIC }, clients).map((s) => s.name)).toEqual(['SNS alert']);
    const sinks = enabledSinks({ topicArn: TOPIC, chatDigestTopicArn: CHAT }, clients);
    expect(sinks.map((s) => s.name)).toEqual(['Chat digest', 'SNS alert']);
    expect(sinks[0]).toMatchObject({ region: 'eu-west-1', scopes: ['organization'] });
    expect(sinks[0]!.required).toBeUndefined();
  });

  it('publishes the digest and nothing per account to its topic', async () => {
    const org = orgReportOf([
      {
        status: 'checked',
        account: account('222222222222', 'web'),
        certificatesScanned: 5,
        report: reportFor('222222222222', [0, 1]),
      },
      {
        status: 'checked',
        account: account('333333333333', 'api'),
        certificatesScanned: 5,
        report: reportFor('333333333333', [2]),
      },
    ]);
    const [chat] = enabledSinks({ topicArn: TOPIC, chatDigestTopicArn: CHAT }, clients);
    const { signal } = new AbortController();
    const receipt = await chat!.deliver({ scope: 'organization', report: org }, { abortSignal: signal });
    const calls = sns.commandCalls(PublishCommand).map(({ args: [{ input }] }) => input);
    // Each publish runs under the sink's share of the run's time.
    for (const call of sns.commandCalls(PublishCommand))
      expect((call.args as unknown[])[1]).toEqual({ abortSignal: signal });
    const { digest, accounts } = orgRequests(org);
    expect(accounts.length).toBeGreaterThan(0);
    expect(calls.map((c) => [c.TopicArn, c.Subject, c.MessageAttributes?.scope?.StringValue])).toEqual(
      digest.map((d) => [CHAT, d.subject, 'organization']),
    );
    expect(receipt.ids).toHaveLength(digest.length);
  });
});
