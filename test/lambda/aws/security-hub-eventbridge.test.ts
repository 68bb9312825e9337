/** The Security Hub and EventBridge adapters over aws-sdk-client-mock: paging, filters, per-entry failures. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BatchImportFindingsCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { putEvents } from '../../../lambda/aws/eventbridge';
import { importFindings, listActiveFindings } from '../../../lambda/aws/security-hub';

const hub = mockClient(SecurityHubClient);
const events = mockClient(EventBridgeClient);
beforeEach(() => {
  hub.reset();
  events.reset();
});

describe('Security Hub adapter', () => {
  it('reads every page of the monitor’s own active findings, filtered by product, generator, account and state', async () => {
    hub
      .on(GetFindingsCommand)
      .resolvesOnce({ Findings: [{ Id: 'a' } as never], NextToken: 't1' })
      .resolvesOnce({ Findings: [{ Id: 'b' } as never] });
    const found = await listActiveFindings(new SecurityHubClient({ region: 'eu-west-1' }), {
      productArn: 'arn:aws:securityhub:eu-west-1:111111111111:product/111111111111/default',
      generatorId: 'gen',
      accountId: '111111111111',
    });
    expect(found.map((f) => f.Id)).toEqual(['a', 'b']);
    const calls = hub.commandCalls(GetFindingsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toMatchObject({
      Filters: {
        ProductArn: [
          { Value: 'arn:aws:securityhub:eu-west-1:111111111111:product/111111111111/default', Comparison: 'EQUALS' },
        ],
        GeneratorId: [{ Value: 'gen', Comparison: 'EQUALS' }],
        AwsAccountId: [{ Value: '111111111111', Comparison: 'EQUALS' }],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      },
      MaxResults: 100,
    });
    expect(calls[1]!.args[0].input.NextToken).toBe('t1');
  });

  it('returns the findings Security Hub did not import, with its reason', async () => {
    hub.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 1,
      FailedFindings: [{ Id: 'b', ErrorCode: 'InvalidInput', ErrorMessage: 'too big' }],
    });
    const failures = await importFindings(new SecurityHubClient({ region: 'eu-west-1' }), [
      { Id: 'a' } as never,
      { Id: 'b' } as never,
    ]);
    expect(failures).toEqual([{ id: 'b', code: 'InvalidInput', message: 'too big' }]);
  });

  it('hands the sink’s abort signal to every call, each page included', async () => {
    hub.on(GetFindingsCommand).resolvesOnce({ Findings: [], NextToken: 't1' }).resolvesOnce({ Findings: [] });
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, SuccessCount: 1 });
    const client = new SecurityHubClient({ region: 'eu-west-1' });
    const { signal } = new AbortController();
    await listActiveFindings(client, { productArn: 'p', generatorId: 'g', accountId: '111111111111' }, signal);
    await importFindings(client, [{ Id: 'a' } as never], signal);
    const calls = [...hub.commandCalls(GetFindingsCommand), ...hub.commandCalls(BatchImportFindingsCommand)];
    expect(calls.map((c) => (c.args as unknown[])[1])).toEqual([
      { abortSignal: signal },
      { abortSignal: signal },
      { abortSignal: signal },
    ]);
  });

  it('stops paging once the signal fires: no page is asked for after it', async () => {
    const controller = new AbortController();
    hub.on(GetFindingsCommand).callsFake(() => {
      controller.abort(new Error('share over'));
      return { Findings: [], NextToken: 'more' };
    });
    await expect(
      listActiveFindings(
        new SecurityHubClient({ region: 'eu-west-1' }),
        { productArn: 'p', generatorId: 'g', accountId: '111111111111' },
        controller.signal,
      ),
    ).rejects.toThrow('share over');
    expect(hub.commandCalls(GetFindingsCommand)).toHaveLength(1);
  });
});

describe('EventBridge adapter', () => {
  const entry = { Source: 's', DetailType: 'd', Detail: '{}' };

  it('puts the entries on the bus and returns the failed ones by index', async () => {
    events.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: '1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'oops' }],
    });
    const failures = await putEvents(new EventBridgeClient({ region: 'eu-west-1' }), 'certs', [entry, entry]);
    expect(failures).toEqual([{ index: 1, code: 'InternalFailure', message: 'oops' }]);
    expect(events.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries!.map((e) => e.EventBusName)).toEqual([
      'certs',
      'certs',
    ]);
  });

  it('hands the sink’s abort signal to the call', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    const { signal } = new AbortController();
    await putEvents(new EventBridgeClient({ region: 'eu-west-1' }), 'certs', [entry], signal);
    expect((events.commandCalls(PutEventsCommand)[0]!.args as unknown[])[1]).toEqual({ abortSignal: signal });
  });

  it('no failure: nothing returned', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    expect(await putEvents(new EventBridgeClient({ region: 'eu-west-1' }), 'certs', [entry])).toEqual([]);
  });
});
