import { chatDigestSink } from './chat-digest-sink';
import { snsDigestSink } from './sns-digest-sink';
import type { Sink, SinkClients, SinkFactory, SinkSettings } from './sink';

/**
 * Every sink, in delivery order: the secondary sinks first, so that their failures are named in the SNS digest,
 * which goes last.
 */
const SINKS: readonly SinkFactory[] = [chatDigestSink, snsDigestSink];

/** The sinks the settings switch on, in delivery order. */
export function enabledSinks(settings: SinkSettings, clients: SinkClients): Sink[] {
  return SINKS.flatMap((create) => create(settings, clients) ?? []);
}
