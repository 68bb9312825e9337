import type { ScanAccountResult } from '../../../contract/organization';
import { gapsOfResult } from '../../../lambda/org/result-gaps';
import { resultFilesOf, resultsOf, type ChildExecutionRecord } from '../../../lambda/org/result-writer';
import { account } from './support';

const manifest = {
  DestinationBucket: 'run-data',
  MapRunArn: 'arn:aws:states:us-east-1:111111111111:mapRun:org/ScanAccounts:abc',
  ResultFiles: {
    FAILED: [{ Key: 'runs/r/results/abc/FAILED_0.json', Size: 10 }],
    PENDING: [],
    SUCCEEDED: [
      { Key: 'runs/r/results/abc/SUCCEEDED_0.json', Size: 10 },
      { Key: 'runs/r/results/abc/SUCCEEDED_1.json', Size: 10 },
    ],
  },
};

const record = (over: Partial<ChildExecutionRecord> & Pick<ChildExecutionRecord, 'Status'>): ChildExecutionRecord => ({
  ExecutionArn: 'arn:aws:states:us-east-1:111111111111:execution:org/ScanAccounts:abc:1',
  Name: 'abc-1',
  Input: JSON.stringify({ runId: 'r', account: account('222222222222', 'web') }),
  InputDetails: { Included: true },
  ...over,
});

describe('ResultWriter output', () => {
  it('lists every result file of the manifest with its status', () => {
    expect(resultFilesOf(manifest)).toEqual([
      { status: 'SUCCEEDED', key: 'runs/r/results/abc/SUCCEEDED_0.json' },
      { status: 'SUCCEEDED', key: 'runs/r/results/abc/SUCCEEDED_1.json' },
      { status: 'FAILED', key: 'runs/r/results/abc/FAILED_0.json' },
    ]);
    expect(() => resultFilesOf({ nothing: true })).toThrow('no ResultFiles');
  });

  it('reads the scan result from the Output JSON string (transformation NONE) or object', () => {
    const output: ScanAccountResult = {
      status: 'checked',
      account: account('222222222222', 'web'),
      certificatesScanned: 4,
      flagged: 0,
    };
    const file = { status: 'SUCCEEDED' as const, key: 'k' };
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: JSON.stringify(output) })])).toEqual([output]);
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: output as unknown as string })])).toEqual([output]);
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: '"nonsense"' })])).toEqual([
      {
        status: 'not-checked',
        account: account('222222222222', 'web'),
        reason: 'the scan returned no readable result',
      },
    ]);
  });

  it("reads a quiet account's gaps back with its result (scan-account-handler sets them)", () => {
    const output: ScanAccountResult = {
      status: 'checked',
      account: account('222222222222', 'web'),
      certificatesScanned: 2,
      flagged: 0,
      gaps: [{ region: 'eu-west-1', service: 'elb', reason: 'AccessDenied: not authorized' }],
      gapsOmitted: 4,
    };
    const [read] = resultsOf({ status: 'SUCCEEDED', key: 'k' }, [
      record({ Status: 'SUCCEEDED', Output: JSON.stringify(output) }),
    ]);
    expect(read).toEqual(output);
    expect(gapsOfResult(read as Extract<ScanAccountResult, { status: 'checked' }>)).toEqual({
      gaps: output.gaps,
      omitted: 4,
    });
  });

  it('names a failed child by the account in its Input: timed out, or the Lambda error from the Cause', () => {
    const file = { status: 'FAILED' as const, key: 'k' };
    const reasons = resultsOf(file, [
      record({ Status: 'TIMED_OUT', Error: 'States.Timeout' }),
      record({ Status: 'FAILED', Error: 'States.Timeout' }),
      record({
        Status: 'FAILED',
        Error: 'Sandbox.Timedout',
        Cause: '{"errorMessage":"Task timed out after 900.00 seconds"}',
      }),
      record({
        Status: 'FAILED',
        Error: 'TypeError',
        Cause: JSON.stringify({ errorType: 'TypeError', errorMessage: 'boom' }),
      }),
      record({ Status: 'ABORTED' }),
      record({
        Status: 'FAILED',
        Error: 'Lambda.Unknown',
        Input: 'not json',
        Cause: 'The cause could not be determined',
      }),
    ]).map((r) => [r.account.accountId, r.status === 'not-checked' ? r.reason : '']);
    expect(reasons).toEqual([
      ['222222222222', 'timed out'],
      ['222222222222', 'timed out'],
      ['222222222222', 'timed out'],
      ['222222222222', 'TypeError: boom'],
      ['222222222222', 'aborted: the run was stopped'],
      ['unknown', 'Lambda.Unknown: The cause could not be determined'],
    ]);
  });

  it('a PENDING file lists accounts the run never reached', () => {
    expect(resultsOf({ status: 'PENDING', key: 'k' }, [record({ Status: 'PENDING_REDRIVE' })])).toEqual([
      {
        status: 'not-checked',
        account: account('222222222222', 'web'),
        reason: 'not scanned: the run ended before this account',
      },
    ]);
    expect(() => resultsOf({ status: 'PENDING', key: 'k' }, {})).toThrow('not a JSON array');
  });
});
