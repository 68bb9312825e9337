/** EventBridge PutEvents on the loopback server (JSON 1.1), through the unmodified SDK v3 client. */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  clientConfig,
  EVENTBRIDGE_MAX_REQUEST_BYTES,
  scenarioBuilder,
  startAwsServer,
  type AwsServer,
} from '../../local-aws';

const ACCOUNT = '123456789012';
const entry = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: 'iam-cert-expiry-monitor',
  DetailType: 'IAM Server Certificate Approaching Expiration',
  Detail: JSON.stringify({ name: 'web', daysToExpiry: 5 }),
  ...overrides,
});

describe('EventBridge on the loopback server', () => {
  let server: AwsServer;
  let events: EventBridgeClient;

  beforeAll(async () => {
    server = await startAwsServer({ scenario: scenarioBuilder().build() });
    events = new EventBridgeClient(clientConfig(server, 'eu-west-1'));
  });
  afterAll(async () => {
    events.destroy();
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    server.setFaults([]);
  });

  const put = (...entries: PutEventsRequestEntry[]) => events.send(new PutEventsCommand({ Entries: entries }));

  test('accepted events are recorded on their bus as EventBridge delivers them', async () => {
    const out = await put(
      entry({
        Time: new Date('2026-11-30T06:00:00.750Z'),
        Resources: ['arn:aws:iam::123456789012:server-certificate/web'],
      }),
      entry({ EventBusName: 'arn:aws:events:eu-west-1:123456789012:event-bus/alerts' }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toEqual([{ EventId: expect.any(String) }, { EventId: expect.any(String) }]);
    expect(server.events({ eventBusName: 'default' })).toEqual([
      {
        eventBusName: 'default',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        event: {
          version: '0',
          id: out.Entries![0]!.EventId,
          'detail-type': 'IAM Server Certificate Approaching Expiration',
          source: 'iam-cert-expiry-monitor',
          account: ACCOUNT,
          time: '2026-11-30T06:00:00Z',
          region: 'eu-west-1',
          resources: ['arn:aws:iam::123456789012:server-certificate/web'],
          detail: { name: 'web', daysToExpiry: 5 },
        },
      },
    ]);
    expect(server.events({ eventBusName: 'alerts' }).map((e) => e.event.id)).toEqual([out.Entries![1]!.EventId]);
    expect(server.events({ source: 'nobody' })).toEqual([]);
  });

  test('a bus that does not exist is no error: the event is accepted (and only recorded here)', async () => {
    const out = await put(entry({ EventBusName: 'no-such-bus' }));
    expect(out.FailedEntryCount).toBe(0);
    expect(server.events({ eventBusName: 'no-such-bus' })).toHaveLength(1);
  });

  test('each entry is validated alone: results keep the request order, FailedEntryCount counts the failures', async () => {
    const out = await put(
      entry(),
      entry({ Source: 'aws.acm' }),
      entry({ Detail: undefined }),
      entry({ Detail: '[1, 2]' }),
      entry({ DetailType: undefined }),
      entry({ Detail: '{not json' }),
    );
    expect(out.FailedEntryCount).toBe(5);
    expect(out.Entries).toEqual([
      { EventId: expect.any(String) },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
    expect(server.events()).toHaveLength(1);
  });

  test('a request in which no entry has Source, DetailType and Detail fails whole', async () => {
    await expect(put(entry({ Source: undefined }), entry({ Detail: undefined }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    expect(server.events()).toEqual([]);
  });

  test('1 to 10 entries a request', async () => {
    const eleven = Array.from({ length: 11 }, () => entry());
    await expect(put(...eleven)).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 10'),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(put()).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(put(...eleven.slice(0, 10))).resolves.toMatchObject({ FailedEntryCount: 0 });
    expect(server.events()).toHaveLength(10);
  });

  test('at most 256 KB of entries, counted as the EventBridge guide counts them', async () => {
    const detailFor = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });
    const base = entry();
    const fixed = Buffer.byteLength(base.Source!) + Buffer.byteLength(base.DetailType!) + 14;
    const exactly = entry({ Time: new Date(), Detail: detailFor(EVENTBRIDGE_MAX_REQUEST_BYTES - fixed) });
    await expect(put(exactly)).resolves.toMatchObject({ FailedEntryCount: 0 });
    const over = entry({ Time: new Date(), Detail: detailFor(EVENTBRIDGE_MAX_REQUEST_BYTES - fixed + 1) });
    await expect(put(over)).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });

  test('entry-failure faults fail chosen entries with the code given; the request still succeeds', async () => {
    server.setFaults([{ kind: 'entry-failure', service: 'eventbridge', count: 2 }]);
    const out = await put(entry(), entry(), entry());
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries!.map((e) => e.ErrorCode)).toEqual(['InternalFailure', 'InternalFailure', undefined]);
    expect(server.events()).toHaveLength(1);
    server.setFaults([{ kind: 'entry-failure', service: 'eventbridge', code: 'ThrottlingException', message: 'slow' }]);
    const throttled = await put(entry());
    expect(throttled.Entries).toEqual([{ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow' }]);
  });

  test('entry-failure faults for other services leave EventBridge alone', async () => {
    server.setFaults([{ kind: 'entry-failure', service: 'securityhub' }]);
    await expect(put(entry())).resolves.toMatchObject({ FailedEntryCount: 0 });
    expect(server.faultsFired()).toEqual([0]);
  });

  test('reset clears the received events', async () => {
    await put(entry());
    server.reset();
    expect(server.events()).toEqual([]);
  });
});
