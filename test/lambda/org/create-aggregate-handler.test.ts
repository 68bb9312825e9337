/**
 * The aggregate step over mocked S3 and SNS: it reads the account list, the ResultWriter manifest, its result
 * files and the reports written to S3; publishes the digest then the account messages; emits the org metrics.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { METRICS } from '../../../contract/environment';
import { ORG_METRICS, type AggregateEvent, type ScanAccountResult } from '../../../contract/organization';
import { createAggregateHandler } from '../../../lambda/org/create-aggregate-handler';
import { encodeReport } from '../../../lambda/org/report-codec';
import { lambdaContext } from '../../../local-aws/lambda-harness';
import { REALISTIC_NOW } from '../../fixtures/reports/realistic';
import { account, reportFor } from './support';

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const A = account('222222222222', 'web');
const B = account('333333333333', 'api');
const C = account('444444444444', 'sandbox');

const event: AggregateEvent = {
  runId: 'run-1',
  accounts: { bucket: 'run-data', key: 'runs/run-1/accounts.json', accountCount: 3 },
  results: { ResultWriterDetails: { Bucket: 'run-data', Key: 'runs/run-1/results/m/manifest.json' } },
};

function objects(entries: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(entries)) {
    const body = { transformToString: async () => JSON.stringify(value) } as unknown as NonNullable<
      GetObjectCommandOutput['Body']
    >;
    s3.on(GetObjectCommand, { Bucket: 'run-data', Key: key }).resolves({ Body: body });
  }
}

/** A batch of one account whose scan returned `output`. */
const succeeded = (output: ScanAccountResult) => ({
  ExecutionArn: 'arn:x',
  Input: JSON.stringify({ Items: [{ runId: 'run-1', account: output.account }] }),
  Output: JSON.stringify({ results: [output] }),
  Status: 'SUCCEEDED',
});

/** A run whose children all succeeded, in one result file: these results, their accounts listed. */
function succeededRun(results: readonly ScanAccountResult[]): void {
  objects({
    'runs/run-1/accounts.json': results.map((r) => r.account),
    'runs/run-1/results/m/manifest.json': {
      ResultFiles: { SUCCEEDED: [{ Key: 's0', Size: 1 }], FAILED: [], PENDING: [] },
    },
    s0: results.map(succeeded),
  });
}

let output: string[] = [];
let spy: jest.SpyInstance;
beforeEach(() => {
  s3.reset();
  sns.reset();
  output = [];
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  spy.mockRestore();
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

function handler() {
  const logger = new Logger({ serviceName: ORG_METRICS.serviceName, logLevel: 'SILENT' });
  return createAggregateHandler({
    settings: { runDataBucket: 'run-data', topicArn: TOPIC, thresholds: { thresholdDays: 7, warningDays: 30 } },
    s3: new S3Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'eu-west-1' }),
    logger,
    // Its own notices (e.g. no metrics after a failed run) go to the silent logger, not to the test log:
    // https://docs.aws.amazon.com/powertools/typescript/2.14.0/api/types/_aws-lambda-powertools_metrics.types.MetricsOptions.html
    metrics: new Metrics({ namespace: METRICS.namespace, serviceName: ORG_METRICS.serviceName, logger }),
    now: () => REALISTIC_NOW,
  });
}

/** The EMF documents written to stdout. */
function emf(): Record<string, unknown>[] {
  return output
    .flatMap((line) => line.split('\n'))
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('aggregate handler', () => {
  it('reads inline and S3 reports and failed children; publishes digest then account messages; emits AccountsNotChecked and RunCompleted', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    objects({
      'runs/run-1/accounts.json': [A, B, C],
      'runs/run-1/results/m/manifest.json': {
        DestinationBucket: 'run-data',
        MapRunArn: 'arn:m',
        ResultFiles: { SUCCEEDED: [{ Key: 's0', Size: 1 }], FAILED: [{ Key: 'f0', Size: 1 }], PENDING: [] },
      },
      s0: [
        succeeded({
          status: 'checked',
          account: A,
          certificatesScanned: 4,
          flagged: 1,
          report: encodeReport(reportFor(A.accountId, [0])),
        }),
        succeeded({
          status: 'checked',
          account: B,
          certificatesScanned: 9,
          flagged: 1,
          reportKey: 'runs/run-1/reports/333333333333.json',
        }),
      ],
      f0: [
        {
          ExecutionArn: 'arn:y',
          Input: JSON.stringify({ Items: [{ runId: 'run-1', account: C }] }),
          Status: 'TIMED_OUT',
          Error: 'States.Timeout',
        },
      ],
      'runs/run-1/reports/333333333333.json': encodeReport(reportFor(B.accountId, [2])),
    });

    const summary = await handler()(event, lambdaContext('111111111111'));

    expect(summary).toEqual({
      accountsListed: 3,
      accountsChecked: 2,
      accountsNotChecked: 1,
      accountsWithFindings: 2,
      messagesPublished: 3,
      notDelivered: [],
    });
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(
      published.map((p) => [
        p.TopicArn,
        p.MessageAttributes?.scope?.StringValue,
        p.MessageAttributes?.account?.StringValue,
      ]),
    ).toEqual([
      [TOPIC, 'organization', undefined],
      [TOPIC, 'account', A.accountId],
      [TOPIC, 'account', B.accountId],
    ]);
    const digest = JSON.parse(JSON.parse(published[0]!.Message!).sqs);
    expect(digest.notChecked).toEqual([
      { id: C.accountId, name: 'sandbox', reason: "its batch's scan failed (retried once): timed out" },
    ]);
    // Every message names the run (the execution name) and the digest where its full reports are.
    expect([digest.runId, digest.reportLocation]).toEqual(['run-1', 's3://run-data/runs/run-1/']);
    for (const p of published.slice(1)) expect(JSON.parse(JSON.parse(p.Message!).sqs).runId).toBe('run-1');
    const [metrics] = emf();
    expect(metrics).toMatchObject({
      [ORG_METRICS.accountsNotChecked]: 1,
      // A and B: flagged, and their reports (the realistic one) name regions not read.
      [ORG_METRICS.accountsPartlyChecked]: 2,
      [ORG_METRICS.runCompleted]: 1,
      service: ORG_METRICS.serviceName,
    });
    expect(JSON.stringify(metrics)).toContain(`"Namespace":"${METRICS.namespace}"`);
  });

  it("counts a quiet member's carried gaps in AccountsPartlyChecked and names it partly checked in the digest", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const complete = reportFor(A.accountId, [0]);
    succeededRun([
      {
        status: 'checked',
        account: A,
        certificatesScanned: 4,
        flagged: 1,
        report: encodeReport({
          ...complete,
          coverage: { ...complete.coverage, complete: true, gaps: [], regionsNotChecked: [] },
        }),
      },
      {
        status: 'checked',
        account: B,
        certificatesScanned: 3,
        flagged: 0,
        gaps: [{ region: 'eu-west-1', service: 'elb', reason: 'AccessDenied: not authorized' }],
      },
      { status: 'checked', account: C, certificatesScanned: 1, flagged: 0 },
    ]);

    const summary = await handler()(event, lambdaContext('111111111111'));

    expect(summary).toMatchObject({ accountsChecked: 3, accountsNotChecked: 0, accountsWithFindings: 1 });
    const [digest] = sns.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message!));
    const statuses = JSON.parse(digest.sqs).accountStatuses as { id: string; status: string; reason: string | null }[];
    expect(statuses.map((s) => [s.id, s.status, s.reason])).toEqual([
      [A.accountId, 'findings', null],
      [B.accountId, 'partly-checked', 'not read: elb in eu-west-1'],
      [C.accountId, 'clean', null],
    ]);
    expect(digest.email).toContain(`${B.accountId} (api): partly checked; not read: elb in eu-west-1`);
    expect(emf()[0]).toMatchObject({ [ORG_METRICS.accountsPartlyChecked]: 1, [ORG_METRICS.accountsNotChecked]: 0 });
  });

  it("reads a batch's results from S3; a batch whose results cannot be read names each of its accounts", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const batch = (accounts: (typeof A)[], resultsKey: string) => ({
      ExecutionArn: 'arn:x',
      Input: JSON.stringify({ Items: accounts.map((a) => ({ runId: 'run-1', account: a })) }),
      Output: JSON.stringify({ resultsKey, accounts: accounts.length }),
      Status: 'SUCCEEDED',
    });
    objects({
      'runs/run-1/accounts.json': [A, B, C],
      'runs/run-1/results/m/manifest.json': {
        ResultFiles: { SUCCEEDED: [{ Key: 's0', Size: 1 }], FAILED: [], PENDING: [] },
      },
      s0: [
        batch([A], 'runs/run-1/reports/batch-222222222222.json'),
        batch([B, C], 'runs/run-1/reports/batch-333.json'),
      ],
      'runs/run-1/reports/batch-222222222222.json': [
        {
          status: 'checked',
          account: A,
          certificatesScanned: 4,
          flagged: 1,
          report: encodeReport(reportFor(A.accountId, [0])),
        },
      ],
      // The second batch's object is missing: S3 answers NoSuchKey.
    });
    s3.on(GetObjectCommand, { Bucket: 'run-data', Key: 'runs/run-1/reports/batch-333.json' }).rejects(
      Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }),
    );

    const summary = await handler()(event, lambdaContext('111111111111'));

    expect(summary).toMatchObject({ accountsChecked: 1, accountsNotChecked: 2, accountsWithFindings: 1 });
    const [digest] = sns.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message!));
    const reason = "its batch's results could not be read: NoSuchKey: The specified key does not exist.";
    expect(JSON.parse(digest.sqs).notChecked).toEqual([
      { id: B.accountId, name: 'api', reason },
      { id: C.accountId, name: 'sandbox', reason },
    ]);
  });

  it('a failed publish fails the run without RunCompleted (the alarm on failed executions fires)', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('denied'), { name: 'AuthorizationError' }));
    succeededRun([
      {
        status: 'checked',
        account: A,
        certificatesScanned: 4,
        flagged: 1,
        report: encodeReport(reportFor(A.accountId, [0])),
      },
    ]);
    await expect(
      handler()({ ...event, accounts: { ...event.accounts, accountCount: 1 } }, lambdaContext('111111111111')),
    ).rejects.toMatchObject({ name: 'AuthorizationError' });
    expect(emf().some((m) => ORG_METRICS.runCompleted in m)).toBe(false);
  });
});
