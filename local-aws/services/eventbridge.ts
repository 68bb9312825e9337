/**
 * EventBridge (JSON 1.1, `X-Amz-Target: AWSEvents.<Op>`): PutEvents, recording each accepted event on its bus.
 * - 1 to 10 entries; one result entry per request entry, at its index, with an `EventId` or an
 *   `ErrorCode`/`ErrorMessage`; `FailedEntryCount`. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 * - `Source`, `DetailType` and `Detail` are required: an entry without one fails (InvalidArgument); a request in
 *   which no entry has all three fails whole (PutEventsRequestEntry). `Detail` must be a JSON object
 *   (MalformedDetail). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html
 * - Sources starting with `aws.` belong to AWS services: NotAuthorizedForSourceException for that entry.
 * - At most 256 KB of entries, sized as the guide counts them (14 bytes for a `Time`, then the UTF-8 bytes of
 *   Source, DetailType, Detail and each resource): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 * - An event bus that does not exist is no error: EventBridge accepts the event and nothing receives it
 *   (https://github.com/aws/aws-sdk/issues/186); it is recorded under the bus name given.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, validationError } from '../protocols/aws-error';
import type { JsonObject } from '../protocols/identify';
import { jsonArray } from '../protocols/json-input';
import { isoTimestamp } from '../protocols/xml';
import type { ActionContext, ReceivedEvent, ServiceDefinition } from './service';

export const EVENTBRIDGE_MAX_ENTRIES = 10;
export const EVENTBRIDGE_MAX_REQUEST_BYTES = 256 * 1024;
const REQUIRED = ['Source', 'DetailType', 'Detail'] as const;
const VALIDATION = 'ValidationException';

interface ResultEntry {
  readonly EventId?: string;
  readonly ErrorCode?: string;
  readonly ErrorMessage?: string;
}

const text = (entry: JsonObject, name: string): string | undefined =>
  typeof entry[name] === 'string' && entry[name] !== '' ? (entry[name] as string) : undefined;

const resourcesOf = (entry: JsonObject): string[] =>
  Array.isArray(entry.Resources) ? entry.Resources.filter((r): r is string => typeof r === 'string') : [];

function entrySize(entry: JsonObject): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const name of REQUIRED) size += Buffer.byteLength(text(entry, name) ?? '');
  for (const resource of resourcesOf(entry)) size += Buffer.byteLength(resource);
  return size;
}

function parseDetail(detail: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** `Time` arrives as epoch seconds; events carry ISO 8601 times to the second. */
function eventTime(time: unknown): string {
  const ms = typeof time === 'number' ? time * 1000 : Date.now();
  return isoTimestamp(new Date(Math.floor(ms / 1000) * 1000));
}

/** A bus named by name or ARN (`arn:aws:events:REGION:ACCOUNT:event-bus/NAME`). */
function busName(entry: JsonObject): string {
  const given = text(entry, 'EventBusName') ?? 'default';
  return given.startsWith('arn:') ? given.slice(given.indexOf(':event-bus/') + ':event-bus/'.length) : given;
}

function putEntry(entry: JsonObject, ctx: ActionContext): ResultEntry {
  const missing = REQUIRED.find((name) => text(entry, name) === undefined);
  if (missing) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: `Parameter ${missing} is not valid. Reason: ${missing} is a required argument.`,
    };
  }
  const detail = parseDetail(text(entry, 'Detail')!);
  if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const source = text(entry, 'Source')!;
  if (source.startsWith('aws.'))
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  const injected = ctx.entryFault();
  if (injected) return { ErrorCode: injected.code, ErrorMessage: injected.message };
  const id = randomUUID();
  const received: ReceivedEvent = {
    eventBusName: busName(entry),
    accountId: ctx.index.accountId,
    region: ctx.region,
    event: {
      version: '0',
      id,
      'detail-type': text(entry, 'DetailType')!,
      source,
      account: ctx.index.accountId,
      time: eventTime(entry.Time),
      region: ctx.region,
      resources: resourcesOf(entry),
      detail,
    },
  };
  ctx.putEvent(received);
  return { EventId: id };
}

export const eventBridgeService: ServiceDefinition = {
  name: 'eventbridge',
  protocol: 'json',
  namespace: 'AWSEvents',
  regional: true,
  actions: {
    PutEvents: (ctx) => {
      const entries = jsonArray(ctx.input, 'Entries') as readonly JsonObject[] | undefined;
      if (entries === undefined) throw validationError('entries', null, 'Member must not be null', VALIDATION);
      if (entries.length < 1 || entries.length > EVENTBRIDGE_MAX_ENTRIES) {
        const bound =
          entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${EVENTBRIDGE_MAX_ENTRIES}`;
        throw validationError('entries', `${entries.length} entries`, `Member must have length ${bound}`, VALIDATION);
      }
      if (entries.reduce((n, e) => n + entrySize(e), 0) > EVENTBRIDGE_MAX_REQUEST_BYTES)
        throw new AwsError(VALIDATION, 'Total size of the entries in the request is over the limit.');
      if (!entries.some((e) => REQUIRED.every((name) => text(e, name) !== undefined)))
        throw new AwsError(VALIDATION, 'No entry has all of the required Source, DetailType and Detail.');
      const results = entries.map((entry) => putEntry(entry, ctx));
      return JSON.stringify({
        FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length,
        Entries: results,
      });
    },
  },
};
