/**
 * The scan step over a batch of accounts: each account ends as its own result (a throw or the batch's time running
 * out is that account's "not checked", the others stand), a quiet account's scan gaps travel to the aggregate (a
 * sink's failure does not), and results too large for the state go to S3.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients } from '../../../lambda/aws/clients';
import { createScanAccountHandler } from '../../../lambda/org/create-scan-account-handler';
import { scanAccount, type AccountScan } from '../../../lambda/org/scan-account';
import type { ScanAccountSettings } from '../../../lambda/org/org-settings';
import { lambdaContext } from '../../../local-aws/lambda-harness';
import { account, reportFor } from './support';

jest.mock('../../../lambda/org/scan-account', () => ({
  ...jest.requireActual('../../../lambda/org/scan-account'),
  scanAccount: jest.fn(),
}));
const scan = scanAccount as jest.MockedFunction<typeof scanAccount>;

const A = account('222222222222', 'web');
const denied = { region: 'global', service: 'iam' as const, reason: 'could not read the tags of shop: AccessDenied' };
const notDelivered = [
  { sink: 'Security Hub', region: 'eu-west-1', kind: 'failed' as const, reason: 'AccessDeniedException' },
];

const s3 = new S3Client({ region: 'us-east-1' });
const s3Mock = mockClient(s3);
afterEach(() => {
  s3Mock.reset();
  scan.mockReset();
});

function handler(
  options: { resultReserveMs?: number; batchInlineMaxBytes?: number; accountConcurrency?: number } = {},
) {
  return createScanAccountHandler({
    settings: { runDataBucket: 'run-data' } as ScanAccountSettings,
    sts: new STSClient({ region: 'us-east-1' }),
    s3,
    clientsFor: () => ({}) as AwsClients,
    logger: new Logger({ logLevel: 'SILENT' }),
    ...options,
  });
}

const batchOf = (...accounts: ReturnType<typeof account>[]) => ({
  Items: accounts.map((a) => ({ runId: 'r', account: a })),
});

const scanned = (outcome: AccountScan['outcome']): AccountScan => ({ outcome, apiCalls: 3 });

describe('scan-account handler', () => {
  it("carries a quiet account's scan gaps in its result, from the outcome or from a report a sink failed on", async () => {
    scan.mockResolvedValueOnce(scanned({ status: 'checked', account: A, certificatesScanned: 2, gaps: [denied] }));
    await expect(handler()({ Items: [{ runId: 'r', account: A }] }, lambdaContext())).resolves.toEqual({
      results: [{ status: 'checked', account: A, certificatesScanned: 2, flagged: 0, gaps: [denied] }],
    });
    const quiet = reportFor(A.accountId, []);
    scan.mockResolvedValueOnce(
      scanned({
        status: 'checked',
        account: A,
        certificatesScanned: 2,
        report: { ...quiet, coverage: { ...quiet.coverage, gaps: [denied] }, deliveryFailures: notDelivered },
      }),
    );
    await expect(handler()({ Items: [{ runId: 'r', account: A }] }, lambdaContext())).resolves.toMatchObject({
      results: [{ flagged: 0, gaps: [denied] }],
    });
  });

  it('a quiet account with no scan gap (or a sink failure only) carries none', async () => {
    const quiet = reportFor(A.accountId, []);
    scan.mockResolvedValueOnce(scanned({ status: 'checked', account: A, certificatesScanned: 2 }));
    scan.mockResolvedValueOnce(
      scanned({
        status: 'checked',
        account: A,
        certificatesScanned: 2,
        report: { ...quiet, coverage: { ...quiet.coverage, gaps: [] }, deliveryFailures: notDelivered },
      }),
    );
    for (let i = 0; i < 2; i++)
      expect(await handler()({ Items: [{ runId: 'r', account: A }] }, lambdaContext())).toEqual({
        results: [{ status: 'checked', account: A, certificatesScanned: 2, flagged: 0 }],
      });
  });

  it("one account's scan throwing is that account's not-checked reason; the others' results stand", async () => {
    const B = account('333333333333', 'shop');
    const C = account('444444444444', 'data');
    scan.mockImplementation(async (_deps, input) => {
      if (input.account.accountId === B.accountId) throw new TypeError('Cannot read properties of undefined');
      return scanned({ status: 'checked', account: input.account, certificatesScanned: 1 });
    });
    const { results } = (await handler()(batchOf(A, B, C), lambdaContext())) as { results: unknown[] };
    expect(results).toEqual([
      { status: 'checked', account: A, certificatesScanned: 1, flagged: 0 },
      { status: 'not-checked', account: B, reason: 'TypeError: Cannot read properties of undefined' },
      { status: 'checked', account: C, certificatesScanned: 1, flagged: 0 },
    ]);
  });

  it('accounts the batch never reached before its scan time ran out are not checked, saying so', async () => {
    // One account at a time; the first scan lasts until the scan's deadline fires (as a hung account's does).
    scan.mockImplementation(async (_deps, input) => {
      const deadline = input.budget!.scanDeadline;
      if (!deadline.aborted) await new Promise((resolve) => deadline.addEventListener('abort', resolve));
      return scanned({ status: 'not-checked', account: input.account, reason: 'timed out' });
    });
    const B = account('333333333333', 'shop');
    const run = handler({ resultReserveMs: 990, accountConcurrency: 1 });
    const { results } = (await run(batchOf(A, B), lambdaContext(undefined, 1_000))) as { results: unknown[] };
    expect(results).toEqual([
      { status: 'not-checked', account: A, reason: 'timed out' },
      { status: 'not-checked', account: B, reason: 'not scanned: its batch ran out of time before this account' },
    ]);
    expect(scan).toHaveBeenCalledTimes(1);
  });

  it("a batch's results too large for the state go to S3 under the run's prefix, named by its first account", async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    scan.mockImplementation(async (_deps, input) =>
      scanned({ status: 'checked', account: input.account, certificatesScanned: 1 }),
    );
    const B = account('333333333333', 'shop');
    const returned = await handler({ batchInlineMaxBytes: 100 })(batchOf(A, B), lambdaContext());
    expect(returned).toEqual({ resultsKey: 'runs/r/reports/batch-222222222222.json', accounts: 2 });
    const put = s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({ Bucket: 'run-data', Key: 'runs/r/reports/batch-222222222222.json' });
    expect(JSON.parse(put.Body as string)).toEqual([
      { status: 'checked', account: A, certificatesScanned: 1, flagged: 0 },
      { status: 'checked', account: B, certificatesScanned: 1, flagged: 0 },
    ]);
  });
});
