/**
 * The Security Hub and EventBridge sinks as enabledSinks builds them: switches, order, regions, batching, resends,
 * failed requests and the sink's abort signal.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { enabledSinks } from '../../../lambda/sinks/enabled-sinks';
import { eventsOf } from '../../../lambda/sinks/eventbridge-sink';
import { account, orgReportOf, reportFor } from '../org/support';
import { finding, report } from '../render/support';
import { sinkClients } from './support';

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const events = mockClient(EventBridgeClient);
beforeEach(() => events.reset());

describe('enabledSinks with the sink switches', () => {
  it('off by default; on: Security Hub, then EventBridge, then the SNS digest last', () => {
    expect(enabledSinks({ topicArn: TOPIC }, sinkClients()).map((s) => s.name)).toEqual(['SNS alert']);
    const sinks = enabledSinks(
      { topicArn: TOPIC, securityHub: true, eventBus: 'arn:aws:events:ap-south-1:222222222222:event-bus/certs' },
      sinkClients({ homeRegion: 'eu-central-1' }),
    );
    expect(sinks.map((s) => [s.name, s.region, s.scopes, s.everyRun ?? false])).toEqual([
      ['Security Hub', 'eu-central-1', ['account'], true],
      ['EventBridge', 'ap-south-1', ['account', 'organization'], false],
      ['SNS alert', 'eu-west-1', ['account', 'organization'], false],
    ]);
  });
});

describe('EventBridge sink', () => {
  const sink = () => enabledSinks({ topicArn: TOPIC, eventBus: 'certs' }, sinkClients())[0]!;
  const many = report(Array.from({ length: 23 }, (_, i) => finding(`c${i}`)));

  it('sends at most 10 entries a request', async () => {
    events
      .on(PutEventsCommand)
      .callsFake(({ Entries }) => ({ FailedEntryCount: 0, Entries: Entries.map(() => ({ EventId: 'e' })) }));
    const receipt = await sink().deliver({ scope: 'account', report: many });
    expect(receipt.ids).toHaveLength(23);
    expect(events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 3]);
  });

  it('resends only the entries that failed, then fails naming how many never got through', async () => {
    events.on(PutEventsCommand).callsFake(({ Entries }) => ({
      FailedEntryCount: 1,
      Entries: Entries.map((_: unknown, i: number) =>
        i === 0 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' } : { EventId: 'e' },
      ),
    }));
    await expect(
      sink().deliver({ scope: 'account', report: report([finding('a'), finding('b')]) }),
    ).rejects.toMatchObject({
      name: 'EventsNotAccepted',
      message:
        '1 of 2 events were not accepted after 3 attempts: 1 × ThrottlingException (first: ThrottlingException: slow down)',
    });
    expect(events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([2, 1, 1]);
  });

  it('a request that fails does not stop the batches after it; its entries are resent; each failure is named', async () => {
    const denied = Object.assign(new Error('not authorized to perform: events:PutEvents'), {
      name: 'AccessDeniedException',
    });
    let call = 0;
    // The first request fails as a whole, every time; in the second, one entry keeps failing.
    events.on(PutEventsCommand).callsFake(({ Entries }) => {
      call += 1;
      if (Entries.length === 10 || call === 1) throw denied;
      return {
        FailedEntryCount: 1,
        Entries: Entries.map((_: unknown, i: number) =>
          i === 0 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'oops' } : { EventId: 'e' },
        ),
      };
    });
    const fourteen = report(Array.from({ length: 14 }, (_, i) => finding(`c${i}`)));
    await expect(sink().deliver({ scope: 'account', report: fourteen })).rejects.toMatchObject({
      name: 'EventsNotAccepted',
      message:
        '11 of 14 events were not accepted after 3 attempts: 10 × AccessDeniedException, 1 × InternalFailure ' +
        '(first: AccessDeniedException: not authorized to perform: events:PutEvents)',
    });
    // Each attempt sends every pending batch: the 4 after the failed request too, then the 11 still pending.
    expect(events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([
      10, 4, 10, 1, 10, 1,
    ]);
  });

  it('the abort signal reaches every request and stops the resends at once', async () => {
    const controller = new AbortController();
    events.on(PutEventsCommand).callsFake(({ Entries }) => {
      // The share ends while the first answer is on its way: the 200 ms wait before the resend is not waited.
      controller.abort(new Error('share over'));
      return { FailedEntryCount: Entries.length, Entries: Entries.map(() => ({ ErrorCode: 'InternalFailure' })) };
    });
    await expect(
      sink().deliver({ scope: 'account', report: report([finding('a')]) }, { abortSignal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const calls = events.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    expect((calls[0]!.args as unknown[])[1]).toEqual({ abortSignal: controller.signal });
  });

  it('an organization run sends one event per account and certificate, each naming its account', () => {
    const checked = (id: string, keep: number[]) => ({
      status: 'checked' as const,
      account: account(id),
      certificatesScanned: 5,
      report: reportFor(id, keep),
    });
    const org = orgReportOf([checked('111111111111', [0]), checked('222222222222', [0, 1])]);
    const entries = eventsOf({ scope: 'organization', report: { ...org, runId: 'run-7' } });
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => JSON.parse(e.Detail).Account).sort()).toEqual([
      '111111111111',
      '222222222222',
      '222222222222',
    ]);
    expect(new Set(entries.map((e) => JSON.parse(e.Detail).RunId))).toEqual(new Set(['run-7']));
    for (const e of entries) expect(e.Resources[0]).toContain(`:${JSON.parse(e.Detail).Account}:server-certificate/`);
  });
});
