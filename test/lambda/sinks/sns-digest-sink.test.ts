/** The SNS digest sink, as enabledSinks builds it: the alert's Publish requests, in the topic's region. */
import { orgRequests } from '../render/support';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { renderPublishRequests } from '../../../lambda/render/publish-requests';
import { enabledSinks } from '../../../lambda/sinks/enabled-sinks';
import { SNS_DIGEST_PUBLISHES_IN_FLIGHT } from '../../../lambda/sinks/sns-digest-sink';
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
    expect(enabledSinks({ topicArn: TOPIC }, sinkClients()).map((s) => s.name)).toEqual(['SNS alert']);
    expect(digest).toMatchObject({ name: 'SNS alert', region: 'eu-west-1', required: true });
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

  describe('an organization with many accounts', () => {
    const accounts = Array.from({ length: 30 }, (_, i) => account(String(300_000_000_000 + i), `team-${i}`));
    const org = orgReportOf(
      accounts.map((a) => ({
        status: 'checked' as const,
        account: a,
        certificatesScanned: 1,
        report: reportFor(a.accountId),
      })),
    );
    const scopeOf = (i: number) => published()[i]!.attributes.scope![1];
    /** Publish answers after a tick; counts how many were in flight at once. */
    function slowPublish(fail?: (n: number) => boolean) {
      let inFlight = 0;
      let most = 0;
      let n = 0;
      sns.on(PublishCommand).callsFake(async () => {
        const mine = ++n;
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        if (fail?.(mine)) throw new Error(`publish ${mine} refused`);
        return { MessageId: `m-${mine}` };
      });
      return { most: () => most, inFlight: () => inFlight };
    }

    it('publishes the digest parts first, in order, then the account messages several at once, each once', async () => {
      const { most } = slowPublish();
      const { digest: digestRequests, accounts: accountRequests } = orgRequests(org);

      const receipt = await digest!.deliver({ scope: 'organization', report: org });

      expect(receipt.ids).toHaveLength(digestRequests.length + accountRequests.length);
      digestRequests.forEach((_, i) => expect(scopeOf(i)).toBe('organization'));
      expect(published().slice(0, digestRequests.length)).toEqual(expected(digestRequests));
      const sent = published().slice(digestRequests.length);
      expect(sent.map((m) => m.message).sort()).toEqual(accountRequests.map((r) => r.message).sort());
      expect(most()).toBe(SNS_DIGEST_PUBLISHES_IN_FLIGHT);
    });

    it('stops starting publishes at the first failure, lets those in flight finish, and fails the delivery', async () => {
      const { digest: digestRequests } = orgRequests(org);
      const failAt = digestRequests.length + 3;
      const { inFlight } = slowPublish((n) => n === failAt);

      await expect(digest!.deliver({ scope: 'organization', report: org })).rejects.toThrow(
        `publish ${failAt} refused`,
      );
      expect(inFlight()).toBe(0);
      // Only the publishes already started when it failed: nowhere near all 30 accounts.
      expect(published().length).toBeLessThanOrEqual(failAt + SNS_DIGEST_PUBLISHES_IN_FLIGHT);
      expect(published().length).toBeLessThan(digestRequests.length + accounts.length);
    });
  });
});
