/**
 * `npm run bench -- --scenarios org-digest-<N> --publish`: the organization aggregate step's publishing, as it
 * runs: the SNS digest sink delivers the org report (the digest, then every account's messages) with the
 * aggregate function's SNS client configuration to the loopback server, which answers each Publish after
 * `latencyMs`. Reports the wall time against what the latency alone imposes. The server shares this process, so
 * only the wall time is reported, not a projection to the function's CPU share.
 */
import { performance } from 'node:perf_hooks';
import { SNSClient } from '@aws-sdk/client-sns';
import { clientConfig, scenarioBuilder, startAwsServer } from '../local-aws';
import type { OrgReport } from '../lambda/domain/org-report';
import { sdkConfig } from '../lambda/org/sdk-config';
import { SNS_DIGEST_PUBLISHES_IN_FLIGHT } from '../lambda/sinks/sns-digest-sink';
import { enabledSinks } from '../lambda/sinks/enabled-sinks';

const REGION = 'us-east-1';
const TOPIC_ARN = `arn:aws:sns:${REGION}:123456789012:iam-cert-expiry-org-alerts`;

export interface OrgPublishResult {
  readonly latencyMs: number;
  /** Publish requests the server accepted. */
  readonly calls: number;
  readonly wallS: number;
  /** Publishes in flight at once (the sink's own setting). */
  readonly inFlight: number;
  /** What the latency alone imposes: the digest parts one after another, the account messages `inFlight` at once. */
  readonly boundS: number;
}

export async function measureOrgPublish(org: OrgReport, latencyMs: number): Promise<OrgPublishResult> {
  const server = await startAwsServer({
    scenario: scenarioBuilder().account('123456789012', 'bench').topic(TOPIC_ARN).build(),
    latencyMs,
  });
  try {
    const { endpoint, credentials } = clientConfig(server, REGION);
    const sns = new SNSClient({ ...sdkConfig(REGION), endpoint, credentials });
    const sinks = enabledSinks(
      { topicArn: TOPIC_ARN },
      {
        homeRegion: REGION,
        sns: () => sns,
        securityHub: () => {
          throw new Error('not enabled');
        },
        eventBridge: () => {
          throw new Error('not enabled');
        },
      },
    );
    const started = performance.now();
    for (const sink of sinks) await sink.deliver({ scope: 'organization', report: org });
    const wallS = (performance.now() - started) / 1000;
    const digestParts = server.published.filter((m) => m.messageAttributes.scope?.stringValue === 'organization');
    const accountMessages = server.published.length - digestParts.length;
    const inFlight = SNS_DIGEST_PUBLISHES_IN_FLIGHT;
    const boundS = ((digestParts.length + Math.ceil(accountMessages / inFlight)) * latencyMs) / 1000;
    return { latencyMs, calls: server.count({ action: 'Publish' }), wallS, inFlight, boundS };
  } finally {
    await server.close();
  }
}
