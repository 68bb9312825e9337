/** The Security Hub and EventBridge sinks as enabledSinks builds them: switches, order, regions, batching, resends. */
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
    expect(enabledSinks({ topicArn: TOPIC }, sinkClients()).map((s) => s.name)).toEqual(['sns-digest']);
    const sinks = enabledSinks(
      { topicArn: TOPIC, securityHub: true, eventBus: 'arn:aws:events:ap-south-1:222222222222:event-bus/certs' },
      sinkClients({ homeRegion: 'eu-central-1' }),
    );
    expect(sinks.map((s) => [s.name, s.region, s.scopes, s.everyRun ?? false])).toEqual([
      ['security-hub', 'eu-central-1', ['account'], true],
      ['eventbridge', 'ap-south-1', ['account', 'organization'], false],
      ['sns-digest', 'eu-west-1', ['account', 'organization'], false],
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
      message: '1 of 2 events were not accepted after 3 attempts (first: ThrottlingException: slow down)',
    });
    expect(events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([2, 1, 1]);
  });

  it('an organization run sends one event per account and certificate, each naming its account', () => {
    const checked = (id: string, keep: number[]) => ({
      status: 'checked' as const,
      account: account(id),
      certificatesScanned: 5,
      report: reportFor(id, keep),
    });
    const org = orgReportOf([checked('111111111111', [0]), checked('222222222222', [0, 1])]);
    const entries = eventsOf({ scope: 'organization', report: org, runId: 'run-7' });
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
