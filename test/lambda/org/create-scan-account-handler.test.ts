/** The scan step's result for a quiet account: its scan gaps travel to the aggregate, a sink's failure does not. */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
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

function handler() {
  return createScanAccountHandler({
    settings: { runDataBucket: 'run-data' } as ScanAccountSettings,
    sts: new STSClient({ region: 'us-east-1' }),
    s3: new S3Client({ region: 'us-east-1' }),
    clientsFor: () => ({}) as AwsClients,
    logger: new Logger({ logLevel: 'SILENT' }),
  });
}

const scanned = (outcome: AccountScan['outcome']): AccountScan => ({ outcome, apiCalls: 3 });

describe('scan-account handler', () => {
  it("carries a quiet account's scan gaps in its result, from the outcome or from a report a sink failed on", async () => {
    scan.mockResolvedValueOnce(scanned({ status: 'checked', account: A, certificatesScanned: 2, gaps: [denied] }));
    await expect(handler()({ runId: 'r', account: A }, lambdaContext())).resolves.toEqual({
      status: 'checked',
      account: A,
      certificatesScanned: 2,
      flagged: 0,
      gaps: [denied],
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
    await expect(handler()({ runId: 'r', account: A }, lambdaContext())).resolves.toMatchObject({
      flagged: 0,
      gaps: [denied],
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
      expect(await handler()({ runId: 'r', account: A }, lambdaContext())).toEqual({
        status: 'checked',
        account: A,
        certificatesScanned: 2,
        flagged: 0,
      });
  });
});
