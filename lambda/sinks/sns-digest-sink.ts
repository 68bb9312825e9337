/**
 * The SNS digest: the alert as email text, Chatbot JSON and the JSON report in one message (numbered parts when
 * it would pass the SNS limit); for an organization, the digest then one message per account with findings.
 */
import { publishAlert, topicRegion } from '../aws/sns';
import { orgRenderOptions, renderOrgPublishRequests } from '../render/org-publish-requests';
import { renderPublishRequests } from '../render/publish-requests';
import type { Delivery, SinkFactory, SinkSettings } from './sink';

export const SNS_DIGEST = 'sns-digest';

export const snsDigestSink: SinkFactory = (settings, clients) => {
  const region = topicRegion(settings.topicArn);
  return {
    name: SNS_DIGEST,
    region,
    scopes: ['account', 'organization'],
    required: true,
    async deliver(delivery) {
      const sns = clients.sns(region);
      const ids: string[] = [];
      for (const request of publishRequests(delivery, settings)) {
        ids.push((await publishAlert(sns, settings.topicArn, request)) ?? '');
      }
      return { ids };
    },
  };
};

function publishRequests(delivery: Delivery, settings: SinkSettings) {
  if (delivery.scope === 'account')
    return renderPublishRequests(delivery.report, {
      ...(settings.subscribers ? { subscribers: settings.subscribers } : {}),
      ...(delivery.runId ? { runId: delivery.runId } : {}),
    });
  const { digest, accounts } = renderOrgPublishRequests(delivery.report, orgRenderOptions(delivery));
  return concat(digest, accounts);
}

/** The digest parts, then the account messages as they render (never all of them in memory at once). */
function* concat<T>(...lists: readonly Iterable<T>[]): Generator<T> {
  for (const list of lists) yield* list;
}
