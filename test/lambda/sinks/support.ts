import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import type { SinkClients } from '../../../lambda/sinks/sink';

/** Sink clients for unit tests (each a real client, for aws-sdk-client-mock), home region us-east-1 by default. */
export function sinkClients(overrides: Partial<SinkClients> = {}): SinkClients {
  return {
    homeRegion: 'us-east-1',
    sns: (region) => new SNSClient({ region }),
    securityHub: (region) => new SecurityHubClient({ region }),
    eventBridge: (region) => new EventBridgeClient({ region }),
    ...overrides,
  };
}
