/**
 * EventBridge: one event per flagged certificate per run, to the configured bus (name or ARN; a name is a bus of
 * the home region). Account reports and the organization's (every account's findings, from the hub). Requests hold
 * at most 10 entries and 256 KB; entries that fail (FailedEntryCount), and those of a request that failed as a
 * whole, are sent again, twice; the batches after a failed request are still sent. What still fails is named in
 * one delivery failure.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { eventBusRegion } from '../../contract/sink-permissions';
import { PUT_EVENTS_MAX_BYTES, PUT_EVENTS_MAX_ENTRIES, putEvents } from '../aws/eventbridge';
import { batches } from '../domain/batches';
import { certificateEvent, eventEntrySize, type CertificateEventEntry } from '../render/certificate-event';
import { isoUtc } from '../render/format';
import type { Delivery, SinkFactory } from './sink';

export const EVENTBRIDGE = 'EventBridge';

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
    async deliver(delivery, { abortSignal } = {}) {
      return { ids: await sendEvents(clients.eventBridge(region), bus, eventsOf(delivery), abortSignal) };
    },
  };
};

/** One entry per flagged certificate; in an organization, per account and certificate. */
export function eventsOf(delivery: Delivery): CertificateEventEntry[] {
  const runId = delivery.report.runId ?? isoUtc(delivery.report.generatedAt);
  if (delivery.scope === 'account')
    return delivery.report.findings.map((f) => certificateEvent(f, delivery.report, runId));
  return delivery.report.accounts.flatMap(({ report }) =>
    report.findings.map((f) => certificateEvent(f, report, runId)),
  );
}

/** Why one entry was not accepted: EventBridge's code for it, or the error of its whole request. */
interface NotAccepted {
  readonly code: string;
  /** The code and what it said. */
  readonly text: string;
}

/**
 * Sends every entry; returns the certificate ARNs delivered, or throws naming what was not. Only the signal stops
 * it early (its abort is thrown): a request that fails leaves its entries to be sent again with the others.
 */
async function sendEvents(
  client: EventBridgeClient,
  bus: string,
  entries: CertificateEventEntry[],
  abortSignal: AbortSignal | undefined,
): Promise<string[]> {
  let pending = entries;
  let notAccepted: NotAccepted[] = [];
  for (let attempt = 1; attempt <= EVENT_ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep((attempt - 1) * RESEND_DELAY_MS, undefined, { signal: abortSignal });
    const failed: CertificateEventEntry[] = [];
    notAccepted = [];
    for (const batch of batches(pending, {
      maxItems: PUT_EVENTS_MAX_ENTRIES,
      maxBytes: PUT_EVENTS_MAX_BYTES,
      sizeOf: eventEntrySize,
    })) {
      try {
        for (const f of await putEvents(client, bus, batch.map(toRequestEntry), abortSignal)) {
          failed.push(batch[f.index]!);
          notAccepted.push({ code: f.code, text: `${f.code}: ${f.message}` });
        }
      } catch (error) {
        if (abortSignal?.aborted) throw error;
        const code = error instanceof Error ? error.name : 'Error';
        const refused = { code, text: `${code}: ${error instanceof Error ? error.message : String(error)}` };
        failed.push(...batch);
        notAccepted.push(...batch.map(() => refused));
      }
    }
    pending = failed;
  }
  if (pending.length > 0) {
    throw Object.assign(
      new Error(
        `${pending.length} of ${entries.length} events were not accepted after ${EVENT_ATTEMPTS} attempts: ${countByCode(notAccepted)}`,
      ),
      { name: 'EventsNotAccepted' },
    );
  }
  return entries.map((e) => e.Resources[0] ?? '');
}

/** `10 × AccessDeniedException, 2 × InternalFailure (first: AccessDeniedException: …)`: every kind, counted. */
function countByCode(notAccepted: readonly NotAccepted[]): string {
  const counts = new Map<string, number>();
  for (const { code } of notAccepted) counts.set(code, (counts.get(code) ?? 0) + 1);
  return `${[...counts].map(([code, n]) => `${n} × ${code}`).join(', ')} (first: ${notAccepted[0]!.text})`;
}

function toRequestEntry(entry: CertificateEventEntry) {
  return { ...entry, Resources: [...entry.Resources] };
}
