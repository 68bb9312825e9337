import { chatDigestSink } from './chat-digest-sink';
import { eventBridgeSink } from './eventbridge-sink';
import { securityHubSink } from './security-hub-sink';
import { snsDigestSink } from './sns-digest-sink';
import type { Sink, SinkClients, SinkFactory, SinkSettings } from './sink';

/**
 * Every sink, in delivery order: the secondary sinks first, so that their failures are named in the SNS digest,
 * which goes last.
 */
const SINKS: readonly SinkFactory[] = [securityHubSink, eventBridgeSink, chatDigestSink, snsDigestSink];

/** The sinks the settings switch on, in delivery order. */
export function enabledSinks(settings: SinkSettings, clients: SinkClients): Sink[] {
  return SINKS.flatMap((create) => create(settings, clients) ?? []);
}
