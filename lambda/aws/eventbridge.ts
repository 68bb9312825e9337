/**
 * EventBridge adapter (thin): one PutEvents call. At most 10 entries a call; an entry that fails comes back at
 * its index with an `ErrorCode`, counted in `FailedEntryCount`
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { sendOptions } from './send-options';

export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

export interface EntryFailure {
  /** Index of the entry in the call. */
  readonly index: number;
  readonly code: string;
  readonly message: string;
}

/** Sends the entries to `eventBusName` (a name or ARN); returns the ones that failed. */
export async function putEvents(
  client: EventBridgeClient,
  eventBusName: string,
  entries: readonly Omit<PutEventsRequestEntry, 'EventBusName'>[],
  abortSignal?: AbortSignal,
): Promise<EntryFailure[]> {
  const output = await client.send(
    new PutEventsCommand({ Entries: entries.map((e) => ({ ...e, EventBusName: eventBusName })) }),
    sendOptions(abortSignal),
  );
  if (!output.FailedEntryCount) return [];
  return (output.Entries ?? []).flatMap((result, index) =>
    result.ErrorCode ? [{ index, code: result.ErrorCode, message: result.ErrorMessage ?? '' }] : [],
  );
}
