/**
 * The organization digest alone, to the topic the Slack channel (AWS Chatbot) reads: a Chatbot channel subscribes
 * to whole topics (AWS::Chatbot::SlackChannelConfiguration takes `SnsTopicArns` and no filter policy,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-chatbot-slackchannelconfiguration.html),
 * so on the alert topic it would post every per-account message too. Switched on by `chatDigestTopicArn`.
 */
import { publishAlert, topicRegion } from '../aws/sns';
import { renderOrgPublishRequests } from '../render/org-publish-requests';
import type { SinkFactory } from './sink';

export const CHAT_DIGEST = 'Chat digest';

export const chatDigestSink: SinkFactory = (settings, clients) => {
  const topicArn = settings.chatDigestTopicArn;
  if (!topicArn) return undefined;
  const region = topicRegion(topicArn);
  return {
    name: CHAT_DIGEST,
    region,
    scopes: ['organization'],
    async deliver(delivery, { abortSignal } = {}) {
      if (delivery.scope !== 'organization') return { ids: [] };
      const sns = clients.sns(region);
      const ids: string[] = [];
      for (const request of renderOrgPublishRequests(delivery.report).digest)
        ids.push((await publishAlert(sns, topicArn, request, abortSignal)) ?? '');
      return { ids };
    },
  };
};
