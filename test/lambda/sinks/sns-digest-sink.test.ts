/** The SNS digest sink, as enabledSinks builds it: the alert's Publish requests, in the topic's region. */
import { orgRequests } from '../render/support';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { renderPublishRequests } from '../../../lambda/render/publish-requests';
import { enabledSinks } from '../../../lambda/sinks/enabled-sinks';
import { account, orgReportOf, reportFor } from '../org/support';
import { largeReport } from '../render/support';
import { sinkClients } from './support';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const regions: string[] = [];
const [digest] = enabledSinks(
  { topicArn: TOPIC },
  sinkClients({
    sns: (region) => {
      regions.push(region);
      return new SNSClient({ region });
    },
  }),
);

let ids = 0;
beforeEach(() => {
  sns.reset();
  regions.length = 0;
  ids = 0;
  sns.on(PublishCommand).callsFake(async () => ({ MessageId: `m-${++ids}` }));
});

const published = () =>
  sns.commandCalls(PublishCommand).map(({ args: [{ input }] }) => ({
    topic: input.TopicArn,
    structure: input.MessageStructure,
    subject: input.Subject,
    message: input.Message,
    attributes: Object.fromEntries(
      Object.entries(input.MessageAttributes ?? {}).map(([k, v]) => [k, [v.DataType, v.StringValue]]),
    ),
  }));
const expected = (requests: Iterable<{ subject: string; message: string; messageAttributes: object }>) =>
  [...requests].map((r) => ({
    topic: TOPIC,
    structure: 'json',
    subject: r.subject,
    message: r.message,
    attributes: Object.fromEntries(Object.entries(r.messageAttributes).map(([k, v]) => [k, ['String', v]])),
  }));

describe('the SNS digest sink', () => {
  it('is the one enabled sink: required (its failure fails the run), for both scopes, in the topic’s region', () => {
    expect(enabledSinks({ topicArn: TOPIC }, sinkClients()).map((s) => s.name)).toEqual(['sns-digest']);
    expect(digest).toMatchObject({ name: 'sns-digest', region: 'eu-west-1', required: true });
    expect(digest!.scopes).toEqual(['account', 'organization']);
  });

  it('publishes an account report’s requests, parts in order, to the topic, and returns their message ids', async () => {
    const report = largeReport(400, 2);
    const requests = [...renderPublishRequests(report)];
    expect(requests.length).toBeGreaterThan(1);

    const receipt = await digest!.deliver({ scope: 'account', report });

    expect(published()).toEqual(expected(requests));
    expect(receipt.ids).toEqual(requests.map((_, i) => `m-${i + 1}`));
    expect(new Set(regions)).toEqual(new Set(['eu-west-1']));
  });

  it('publishes the organization digest, then one message per account with findings; nothing for a quiet one', async () => {
    const A = account('222222222222', 'web');
    const B = account('333333333333', 'api');
    const org = orgReportOf([
      { status: 'checked', account: A, certificatesScanned: 4, report: reportFor(A.accountId, [0, 1]) },
      { status: 'checked', account: B, certificatesScanned: 2, report: reportFor(B.accountId, [2]) },
    ]);
    const { digest: digestRequests, accounts } = orgRequests(org);

    expect((await digest!.deliver({ scope: 'organization', report: org })).ids).toHaveLength(3);
    expect(published()).toEqual(expected([...digestRequests, ...accounts]));

    sns.resetHistory();
    const quiet = orgReportOf([{ status: 'checked', account: A, certificatesScanned: 4 }]);
    expect(await digest!.deliver({ scope: 'organization', report: quiet })).toEqual({ ids: [] });
    expect(published()).toEqual([]);
  });
});
