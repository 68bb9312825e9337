/**
 * EventBridge: one event per flagged certificate per run, to the configured bus (name or ARN; a name is a bus of
 * the home region). Account reports and the organization's (every account's findings, from the hub). Requests hold
 * at most 10 entries and 256 KB; entries that fail (FailedEntryCount) are sent again, twice, then the sink fails
 * with a named gap.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { eventBusRegion } from '../../contract/sink-permissions';
import { PUT_EVENTS_MAX_BYTES, PUT_EVENTS_MAX_ENTRIES, putEvents, type EntryFailure } from '../aws/eventbridge';
import { batches } from '../domain/batches';
import { certificateEvent, eventEntrySize, type CertificateEventEntry } from '../render/certificate-event';
import { isoUtc } from '../render/format';
import type { Delivery, SinkFactory } from './sink';

export const EVENTBRIDGE = 'eventbridge';

/** Sends of one entry, the first included. */
export const EVENT_ATTEMPTS = 3;
/** Wait before the n-th resend: n x this. */
const RESEND_DELAY_MS = 200;

export const eventBridgeSink: SinkFactory = (settings, clients) => {
  const bus = settings.eventBus;
  if (!bus) return undefined;
  const region = eventBusRegion(bus, clients.homeRegion);
  return {
    name: EVENTBRIDGE,
    region,
    scopes: ['account', 'organization'],
    async deliver(delivery) {
      return { ids: await sendEvents(clients.eventBridge(region), bus, eventsOf(delivery)) };
    },
  };
};

/** One entry per flagged certificate; in an organization, per account and certificate. */
export function eventsOf(delivery: Delivery): CertificateEventEntry[] {
  const runId = delivery.runId ?? isoUtc(delivery.report.generatedAt);
  if (delivery.scope === 'account')
    return delivery.report.findings.map((f) => certificateEvent(f, delivery.report, runId));
  return delivery.report.accounts.flatMap(({ report }) =>
    report.findings.map((f) => certificateEvent(f, report, runId)),
  );
}

/** Sends every entry; returns the certificate ARNs delivered, or throws naming what was not. */
async function sendEvents(client: EventBridgeClient, bus: string, entries: CertificateEventEntry[]): Promise<string[]> {
  let pending = entries;
  let failures: EntryFailure[] = [];
  for (let attempt = 1; attempt <= EVENT_ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, (attempt - 1) * RESEND_DELAY_MS));
    const failed: CertificateEventEntry[] = [];
    failures = [];
    for (const batch of batches(pending, {
      maxItems: PUT_EVENTS_MAX_ENTRIES,
      maxBytes: PUT_EVENTS_MAX_BYTES,
      sizeOf: eventEntrySize,
    })) {
      const batchFailures = await putEvents(client, bus, batch.map(toRequestEntry));
      failed.push(...batchFailures.map((f) => batch[f.index]!));
      failures.push(...batchFailures);
    }
    pending = failed;
  }
  if (pending.length > 0) {
    const first = failures[0]!;
    throw Object.assign(
      new Error(
        `${pending.length} of ${entries.length} events were not accepted after ${EVENT_ATTEMPTS} attempts (first: ${first.code}: ${first.message})`,
      ),
      { name: 'EventsNotAccepted' },
    );
  }
  return entries.map((e) => e.Resources[0] ?? '');
}

function toRequestEntry(entry: CertificateEventEntry) {
  return { ...entry, Resources: [...entry.Resources] };
}
