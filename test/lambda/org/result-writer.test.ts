import type { ScanAccountResult } from '../../../contract/organization';
import { gapsOfResult } from '../../../lambda/org/result-gaps';
import { batchResults, resultFilesOf, resultsOf, type ChildExecutionRecord } from '../../../lambda/org/result-writer';
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
  Input: JSON.stringify({ Items: [{ runId: 'r', account: account('222222222222', 'web') }] }),
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

  it("reads a batch's results from the Output JSON string (transformation NONE) or object", () => {
    const output: ScanAccountResult = {
      status: 'checked',
      account: account('222222222222', 'web'),
      certificatesScanned: 4,
      flagged: 0,
    };
    const file = { status: 'SUCCEEDED' as const, key: 'k' };
    const batch = { results: [output] };
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: JSON.stringify(batch) })]).results).toEqual([output]);
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: batch as unknown as string })]).results).toEqual([
      output,
    ]);
    // A result of the release before batches (one account per child) still reads.
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: JSON.stringify(output) })]).results).toEqual([
      output,
    ]);
    expect(resultsOf(file, [record({ Status: 'SUCCEEDED', Output: '"nonsense"' })]).results).toEqual([
      {
        status: 'not-checked',
        account: account('222222222222', 'web'),
        reason: 'the scan returned no readable result',
      },
    ]);
  });

  it("a batch's results in S3 are named with the batch's accounts, to be read by the aggregate step", () => {
    const accounts = [account('222222222222', 'web'), account('333333333333', 'shop')];
    const Input = JSON.stringify({ Items: accounts.map((a) => ({ runId: 'r', account: a })) });
    const Output = JSON.stringify({ resultsKey: 'runs/r/reports/batch-222222222222.json', accounts: 2 });
    expect(resultsOf({ status: 'SUCCEEDED', key: 'k' }, [record({ Status: 'SUCCEEDED', Input, Output })])).toEqual({
      results: [],
      written: [{ key: 'runs/r/reports/batch-222222222222.json', accounts }],
    });
  });

  it("batchResults keeps each readable result of the batch's accounts and names every other account not checked", () => {
    const [web, shop, data] = [
      account('222222222222', 'web'),
      account('333333333333', 'shop'),
      account('444444444444'),
    ];
    const checked: ScanAccountResult = { status: 'checked', account: web, certificatesScanned: 1, flagged: 0 };
    const stranger: ScanAccountResult = { ...checked, account: account('999999999999') };
    expect(batchResults([web!, shop!, data!], [checked, checked, stranger, { status: 'checked' }, 'x'])).toEqual([
      checked,
      { status: 'not-checked', account: shop, reason: 'the scan returned no readable result' },
      { status: 'not-checked', account: data, reason: 'the scan returned no readable result' },
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
      record({ Status: 'SUCCEEDED', Output: JSON.stringify({ results: [output] }) }),
    ]).results;
    expect(read).toEqual(output);
    expect(gapsOfResult(read as Extract<ScanAccountResult, { status: 'checked' }>)).toEqual({
      gaps: output.gaps,
      omitted: 4,
    });
  });

  it('names each account of a failed batch (its Input) not checked: timed out, or the Lambda error from the Cause', () => {
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
      record({
        Status: 'FAILED',
        Error: 'Error',
        Input: JSON.stringify({
          Items: [
            { runId: 'r', account: account('333333333333') },
            { runId: 'r', account: account('444444444444') },
          ],
        }),
      }),
    ]).results.map((r) => [r.account.accountId, r.status === 'not-checked' ? r.reason : '']);
    const failed = (why: string) => `its batch's scan failed (retried once): ${why}`;
    expect(reasons).toEqual([
      ['222222222222', failed('timed out')],
      ['222222222222', failed('timed out')],
      ['222222222222', failed('timed out')],
      ['222222222222', failed('TypeError: boom')],
      ['222222222222', failed('aborted: the run was stopped')],
      ['unknown', failed('Lambda.Unknown: The cause could not be determined')],
      ['333333333333', failed('Error')],
      ['444444444444', failed('Error')],
    ]);
  });

  it('a PENDING file lists accounts the run never reached', () => {
    expect(resultsOf({ status: 'PENDING', key: 'k' }, [record({ Status: 'PENDING_REDRIVE' })]).results).toEqual([
      {
        status: 'not-checked',
        account: account('222222222222', 'web'),
        reason: 'not scanned: the run ended before this account',
      },
    ]);
    expect(() => resultsOf({ status: 'PENDING', key: 'k' }, {})).toThrow('not a JSON array');
  });
});
