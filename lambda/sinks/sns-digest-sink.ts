/**
 * The SNS digest: the alert as email text, Chatbot JSON and the JSON report in one message (numbered parts when
 * it would pass the SNS limit); for an organization, the digest then one message per account with findings.
 */
import { publishAlert, topicRegion, type PublishRequest } from '../aws/sns';
import { renderOrgPublishRequests } from '../render/org-publish-requests';
import { renderPublishRequests } from '../render/publish-requests';
import type { Delivery, SinkFactory, SinkSettings } from './sink';

export const SNS_DIGEST = 'SNS alert';

/**
 * An organization run's account messages in flight at once: thousands of accounts' messages one after another
 * would spend most of the aggregate step's 15 minutes waiting on SNS (npm run bench -- --scenarios
 * org-digest-2000 --publish). SNS throttles Publish per account and Region; the SDK's adaptive retries pace it.
 */
export const SNS_DIGEST_PUBLISHES_IN_FLIGHT = 8;

export const snsDigestSink: SinkFactory = (settings, clients) => {
  const region = topicRegion(settings.topicArn);
  return {
    name: SNS_DIGEST,
    region,
    scopes: ['account', 'organization'],
    required: true,
    async deliver(delivery) {
      const sns = clients.sns(region);
      const publish = async (request: PublishRequest) => (await publishAlert(sns, settings.topicArn, request)) ?? '';
      if (delivery.scope === 'account')
        return { ids: await publishInOrder(accountRequests(delivery, settings), publish) };
      // The digest's parts in order, then the account messages, several at once as they render.
      const { digest, accounts } = renderOrgPublishRequests(delivery.report);
      const ids = await publishInOrder(digest, publish);
      return { ids: [...ids, ...(await publishConcurrently(accounts, publish, SNS_DIGEST_PUBLISHES_IN_FLIGHT))] };
    },
  };
};

function accountRequests(delivery: Extract<Delivery, { scope: 'account' }>, settings: SinkSettings) {
  return renderPublishRequests(delivery.report, settings.subscribers ? { subscribers: settings.subscribers } : {});
}

type Publish = (request: PublishRequest) => Promise<string>;

/** One after another, so that part 1 arrives first. */
async function publishInOrder(requests: Iterable<PublishRequest>, publish: Publish): Promise<string[]> {
  const ids: string[] = [];
  for (const request of requests) ids.push(await publish(request));
  return ids;
}

/**
 * At most `inFlight` at once, each request rendered only when a slot is free (never all in memory). The first
 * failure stops new publishes; the ones in flight finish, then it is thrown (the run fails and is retried).
 */
async function publishConcurrently(
  requests: Iterable<PublishRequest>,
  publish: Publish,
  inFlight: number,
): Promise<string[]> {
  const ids: string[] = [];
  const pending = requests[Symbol.iterator]();
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (!failure) {
      try {
        const next = pending.next();
        if (next.done) return;
        ids.push(await publish(next.value));
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  if (failure) throw failure.error;
  return ids;
}
