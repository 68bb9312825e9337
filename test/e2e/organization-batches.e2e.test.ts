/**
 * The organization run in batches, over HTTP: the state machine definition as synthesized (its ItemBatcher,
 * MaxConcurrency and the scan task's Retry list) run by the local runner, the real handlers and SDK clients, the
 * loopback server as the organization. Inside one batch, one account whose reads fail, one whose listing never
 * answers and one whose AssumeRole stays throttled each end as that account's own status in the digest, and the
 * others' results stand; a batch that fails as a whole is retried once, then each of its accounts is not checked.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { createScanAccountHandler } from '../../lambda/org/create-scan-account-handler';
import { parseScanAccountSettings } from '../../lambda/org/org-settings';
import { accountClientsFor, sdkConfig } from '../../lambda/org/sdk-config';
import type { AwsServer, FaultRule, Scenario } from '../../local-aws';
import { TEST_TOPIC } from '../../local-aws/lambda-harness';
import { LOCAL_RUN_DATA_BUCKET } from '../../local-aws/org-harness';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import type { OrgHandlers, StateMachineRun } from '../../local-aws/state-machine-run';
import { accountEstate, MANAGEMENT, runOrganization, type OrgRunProps } from './org-run';

const now = new Date();
const ids = ['200000000001', '200000000002', '200000000003', '200000000004', '200000000005', '200000000006'];
const [FLAGGED, QUIET, FAILING, HUNG, THROTTLED_ONCE, THROTTLED] = ids as [string, ...string[]];
const roleArn = (id: string) => `arn:aws:iam::${id}:role/IamCertExpiryMonitorReader`;

let server: AwsServer | undefined;
let restoreEnv: () => void = () => undefined;
const toDestroy: { destroy(): void }[] = [];
afterEach(async () => {
  for (const client of toDestroy.splice(0)) client.destroy();
  restoreEnv();
  await server?.close();
  server = undefined;
});

function organization(): OrganizationScenario {
  const quiet = (id: string): Scenario => accountEstate(now, id, (b) => b.certificate('www', { expiresInDays: 200 }));
  return {
    managementAccountId: MANAGEMENT,
    organizationalUnits: [{ id: 'ou-loop-prod0001', name: 'Production' }],
    accounts: [
      { id: MANAGEMENT, name: 'management', memberRole: 'missing' },
      ...ids.map((id, i) => ({
        id,
        name: `member-${i + 1}`,
        parentId: 'ou-loop-prod0001',
        estate: id === FLAGGED ? accountEstate(now, id, (b) => b.certificate('shop', { expiresInDays: 3 })) : quiet(id),
      })),
    ],
  };
}

async function run(props: Partial<OrgRunProps> = {}): Promise<StateMachineRun> {
  const started = await runOrganization({
    organization: organization(),
    management: accountEstate(now, MANAGEMENT, (b) => b.certificate('ok', { expiresInDays: 300 }).topic(TEST_TOPIC)),
    overrides: { REGIONS: 'us-east-1' },
    ...props,
  });
  ({ server, restoreEnv } = started);
  return started.run;
}

/** Each account's status in the digest's JSON, with the reason of one not checked. */
function digestStatuses(): Record<string, string> {
  const digest = server!.published.find((m) => m.messageAttributes.scope?.stringValue === 'organization')!;
  const json = JSON.parse((JSON.parse(digest.message) as Record<string, string>).sqs!) as {
    accountStatuses: { id: string; status: string; reason?: string }[];
  };
  return Object.fromEntries(json.accountStatuses.map((s) => [s.id, s.reason ? `${s.status}: ${s.reason}` : s.status]));
}

/**
 * The scan function as deployed, but with an STS client whose retries wait milliseconds instead of the SDK's
 * throttling backoff (up to 31 s over 6 attempts): the same number of attempts, through the SDK's own retry
 * strategy, so that a test of a role that stays throttled ends in seconds.
 */
function scanWithQuickStsRetries(options: { batchInlineMaxBytes?: number } = {}): OrgHandlers['scanAccount'] {
  const sts = new STSClient({
    ...sdkConfig('us-east-1'),
    retryStrategy: new ConfiguredRetryStrategy(sdkConfig('us-east-1').maxAttempts, (attempt) => 10 * attempt),
  });
  const s3 = new S3Client(sdkConfig('us-east-1'));
  toDestroy.push(sts, s3);
  return createScanAccountHandler({
    settings: parseScanAccountSettings(process.env),
    sts,
    s3,
    clientsFor: accountClientsFor('us-east-1'),
    logger: new Logger({ logLevel: 'SILENT' }),
    ...options,
  });
}

describe('organization run in batches over HTTP', () => {
  it('one batch: a failing, a timed-out and a throttled account are each their own status; the others stand', async () => {
    const faults: FaultRule[] = [
      { kind: 'internal-error', service: 'iam', accountId: FAILING },
      { kind: 'hang', service: 'iam', accountId: HUNG },
      {
        kind: 'throttle',
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: roleArn(THROTTLED_ONCE) },
        count: 2,
      },
      { kind: 'throttle', service: 'sts', action: 'AssumeRole', params: { RoleArn: roleArn(THROTTLED) } },
    ];
    const result = await run({
      faults,
      // 12 s for the scan before the result's 15 s reserve: the hung listing runs into that deadline.
      remainingMs: 27_000,
      wrapScan: () => scanWithQuickStsRetries(),
    });

    // All 7 accounts (the hub too) in one child execution of the default batch size, which succeeded.
    expect(result.batches).toEqual([expect.objectContaining({ accounts: 7, attempts: 1, succeeded: true })]);
    expect(result.stateTransitions).toBe(3 + 1 + 1);
    expect(digestStatuses()).toEqual({
      [MANAGEMENT]: 'clean',
      [FLAGGED]: 'findings',
      [QUIET]: 'clean',
      [FAILING]: expect.stringMatching(/^not-checked: .*Internal/),
      [HUNG]: 'not-checked: timed out',
      [THROTTLED_ONCE]: 'clean',
      [THROTTLED]: 'not-checked: AssumeRole throttled (Throttling), still after 6 attempts with backoff',
    });
    // Retried with backoff first: every attempt the client makes, then the named gap.
    const assumed = (id: string) =>
      server!.requests.filter((r) => r.action === 'AssumeRole' && r.params.RoleArn === roleArn(id)).length;
    expect([assumed(THROTTLED_ONCE), assumed(THROTTLED)]).toEqual([3, 6]);
  });

  it('a batch that fails as a whole is retried once, then each of its accounts is not checked, never "the batch"', async () => {
    const failing = new Set([QUIET, FAILING]);
    const result = await run({
      // Batches of 2: [hub, FLAGGED], [QUIET, FAILING], [HUNG, THROTTLED_ONCE], [THROTTLED].
      batches: { accountsPerBatch: 2 },
      wrapScan: (scan) => async (event, context) => {
        if (event.Items.some((item) => failing.has(item.account.accountId)))
          throw new Error('Runtime exited with error: signal: killed');
        return scan(event, context);
      },
    });

    expect(result.batches.map((b) => [b.accounts, b.attempts, b.succeeded])).toEqual(
      expect.arrayContaining([
        [2, 1, true],
        [2, 2, false],
      ]),
    );
    expect(result.batches).toHaveLength(4);
    // 3 parent states; per child its start and each task attempt: 4 children, 5 attempts.
    expect(result.stateTransitions).toBe(3 + 4 + 5);
    const failed =
      "not-checked: its batch's scan failed (retried once): Error: Runtime exited with error: signal: killed";
    expect(digestStatuses()).toEqual({
      [MANAGEMENT]: 'clean',
      [FLAGGED]: 'findings',
      [QUIET]: failed,
      [FAILING]: failed,
      [HUNG]: 'clean',
      [THROTTLED_ONCE]: 'clean',
      [THROTTLED]: 'clean',
    });
  });

  it('a batch that fails once and then succeeds reports its accounts as its retry found them', async () => {
    let failures = 0;
    const result = await run({
      batches: { accountsPerBatch: 4 },
      wrapScan: (scan) => async (event, context) => {
        if (event.Items.some((item) => item.account.accountId === QUIET) && failures++ === 0)
          throw new Error('Runtime exited with error: signal: killed');
        return scan(event, context);
      },
    });
    expect(result.batches.map((b) => [b.accounts, b.attempts, b.succeeded]).sort()).toEqual([
      [3, 1, true],
      [4, 2, true],
    ]);
    expect(Object.values(digestStatuses()).filter((s) => s.startsWith('not-checked'))).toEqual([]);
  });

  it('Organizations throttling the account listing is retried: every account is still listed and scanned', async () => {
    const result = await run({
      faults: [
        { kind: 'throttle', service: 'organizations', action: 'ListAccountsForParent', count: 1 },
        { kind: 'throttle', service: 'organizations', action: 'ListChildren', count: 1 },
      ],
    });
    expect(server!.count({ service: 'organizations', fault: 'throttle' })).toBe(2);
    expect(result.summary).toMatchObject({ accountsListed: 7, accountsChecked: 7, accountsNotChecked: 0 });
  });

  it('batches whose results are too large for the state hand them over through S3, and the digest is the same', async () => {
    const result = await run({
      batches: { accountsPerBatch: 4 },
      wrapScan: () => scanWithQuickStsRetries({ batchInlineMaxBytes: 1 }),
    });
    // 7 accounts in batches of 4: two batches, each result file named by its first account.
    const written = server!.objects.keys(LOCAL_RUN_DATA_BUCKET, `runs/${result.runId}/reports/batch-`);
    expect(written).toHaveLength(2);
    expect(result.results).toHaveLength(7);
    expect(digestStatuses()).toEqual({
      [MANAGEMENT]: 'clean',
      ...Object.fromEntries(ids.map((id) => [id, id === FLAGGED ? 'findings' : 'clean'])),
    });
  });
});
