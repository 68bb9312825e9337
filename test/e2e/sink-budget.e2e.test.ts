/**
 * One time budget for an invocation, over HTTP: with 8 s left on the Lambda clock and an optional sink that never
 * answers (Security Hub, EventBridge, the chat digest, each in turn, as the loopback server's `hang` fault), the
 * real handlers still publish the SNS alert before the deadline, naming the sink that timed out, with the run id.
 * The budgets are scaled to the 8 s (the alert's reserve 5.5 s, the optional sinks' 1 s) so that each run takes
 * about 2 s; the assertions are about what was sent and in which order, and about the deadline the budget exists
 * to keep, never about how fast a call was.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { AwsClients, DEFAULT_CLIENT_OPTIONS } from '../../lambda/aws/clients';
import { createHandler, type RunSummary } from '../../lambda/create-handler';
import { createAggregateHandler } from '../../lambda/org/create-aggregate-handler';
import { createScanAccountHandler } from '../../lambda/org/create-scan-account-handler';
import { parseAggregateSettings, parseScanAccountSettings } from '../../lambda/org/org-settings';
import { accountClientsFor, sdkConfig } from '../../lambda/org/sdk-config';
import { parseSettings } from '../../lambda/settings';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule, type RequestRecord } from '../../local-aws';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import {
  applyEnvironment,
  lambdaContext,
  loopbackEnvironment,
  TEST_ACCOUNT,
  TEST_TOPIC,
} from '../../local-aws/lambda-harness';
import { loadOrgHandlers, loopbackOrgEnvironment } from '../../local-aws/org-harness';
import { orgRunDefinition } from '../../local-aws/org-definition';
import { runStateMachine, type OrgHandlers } from '../../local-aws/state-machine-run';
import { accountEstate, MANAGEMENT } from './org-run';

/** What the Lambda clock says is left when each invocation starts. */
const REMAINING_MS = 8_000;
/** Kept for the SNS alert (or a member's result), and kept back from the scan for the optional sinks. */
const BUDGET = { reserveMs: 5_500, optionalSinksMs: 1_000 } as const;
const RUN_ID = '2026-03-14T06:00:00Z';
/** An execution name (no `:`), the organization run's id. */
const ORG_RUN_ID = 'daily-2026-03-14T06-00-00Z';
const TIMED_OUT = (sink: string) => new RegExp(`^${sink} \\(us-east-1\\): not delivered, timed out after [\\d.]+ s$`);

let server: AwsServer | undefined;
let restoreEnv: () => void = () => undefined;
const toDestroy: { destroy(): void }[] = [];
afterEach(async () => {
  for (const client of toDestroy.splice(0)) client.destroy();
  restoreEnv();
  await server?.close();
  server = undefined;
});

/** When an invocation had to be done by, and when it was. */
interface Timing {
  readonly deadline: number;
  readonly returnedAt: number;
}

/** The handler invoked with a context whose clock counts down from REMAINING_MS. */
async function timed<E, R>(handler: (event: E, context: Context) => Promise<R>, event: E, accountId: string) {
  const context = lambdaContext(accountId, REMAINING_MS);
  const deadline = Date.now() + context.getRemainingTimeInMillis();
  const result = await handler(event, context);
  return { result, timing: { deadline, returnedAt: Date.now() } };
}

const publishes = (topicArn = TEST_TOPIC) =>
  server!.requests.filter((r) => r.service === 'sns' && r.action === 'Publish' && r.params.TopicArn === topicArn);
const finishedAt = (r: RequestRecord) => r.at + r.durationMs;

/** The alert went out before the deadline, after every sink had its turn, and each hung call was made. */
function expectAlertInTime(timing: Timing, { from = 0, hangs = 1 } = {}) {
  const alerts = publishes().filter((r) => r.at >= from);
  expect(alerts.length).toBeGreaterThan(0);
  for (const alert of alerts) expect(finishedAt(alert)).toBeLessThanOrEqual(timing.deadline);
  expect(timing.returnedAt).toBeLessThanOrEqual(timing.deadline);
  const firstAlert = Math.min(...alerts.map((a) => a.at));
  const sinkCalls = server!.requests.filter(
    (r) => r.at >= from && (['securityhub', 'eventbridge'].includes(r.service) || publishes(CHAT).includes(r)),
  );
  for (const call of sinkCalls) expect(call.at).toBeLessThanOrEqual(firstAlert);
  expect(server!.requests.filter((r) => r.fault === 'hang')).toHaveLength(hangs);
}

interface Variants {
  readonly email: string;
  readonly sqs: string;
  readonly https: string;
}
const variantsOf = (message: string) => JSON.parse(message) as Variants;

describe('account mode: 8 s left, one optional sink hanging', () => {
  const scenario = scenarioBuilder({ now: new Date() })
    .regions('us-east-1')
    .certificate('shop', { expiresInDays: 3 })
    .alb('us-east-1', 'shop-alb', 'shop')
    .securityHub(true)
    .topic(TEST_TOPIC)
    .build();

  async function invoke(faults: readonly FaultRule[]): Promise<RunSummary> {
    server = await startAwsServer({ scenario });
    const env = loopbackEnvironment(server.endpoint, { SECURITY_HUB: 'true', EVENT_BUS: 'certs' });
    restoreEnv = applyEnvironment(env);
    // The deployed client options: 6 attempts of up to 20 s each, which a hung call would otherwise use up.
    const clients = new AwsClients({ ...DEFAULT_CLIENT_OPTIONS, homeRegion: 'us-east-1' });
    toDestroy.push(clients);
    const handler = createHandler({
      settings: parseSettings(env),
      clients,
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'test' }),
      publishReserveMs: BUDGET.reserveMs,
      optionalSinksMs: BUDGET.optionalSinksMs,
    });
    // A first run with the whole day ahead loads the SDK's code, as a warm Lambda has; the measured run follows.
    await handler({ id: 'warm-up' }, lambdaContext());
    const from = Date.now();
    server.reset();
    server.setFaults(faults);
    const { result: summary, timing } = await timed(handler, { id: RUN_ID }, TEST_ACCOUNT);
    expectAlertInTime(timing, { from, hangs: faults.length });
    return summary;
  }

  /** The one alert: names `sink` as timed out in every variant, with the run id. */
  function expectNamed(sink: string) {
    expect(server!.published).toHaveLength(1);
    const { email, sqs, https } = variantsOf(server!.published[0]!.message);
    const line = email.split('\n').find((l) => l.startsWith(`  - ${sink} (us-east-1): not delivered`));
    expect(line?.slice(4)).toMatch(TIMED_OUT(sink));
    expect(email).toContain('NOT DELIVERED - these destinations did not receive this alert');
    expect(email).toContain(`\nRun id: ${RUN_ID}\n`);
    const json = JSON.parse(sqs);
    expect(json.runId).toBe(RUN_ID);
    expect(json.deliveryFailures).toContainEqual({
      sink,
      region: 'us-east-1',
      kind: 'timed-out',
      reason: expect.stringMatching(/^timed out after [\d.]+ s$/),
    });
    const chat = JSON.parse(https);
    expect(chat.content.description).toMatch(
      new RegExp(`Not delivered to:\\* [^\\n]*${sink} \\(us-east-1\\): timed out`),
    );
    expect(chat.metadata.additionalContext.runId).toBe(RUN_ID);
  }

  it('Security Hub hanging: the alert goes out in time, naming it', async () => {
    const summary = await invoke([{ kind: 'hang', service: 'securityhub' }]);
    expect(summary.messagesPublished).toBe(1);
    expect(summary.notDelivered).toContainEqual(expect.stringMatching(TIMED_OUT('Security Hub')));
    expectNamed('Security Hub');
  });

  it('EventBridge hanging: the alert goes out in time, naming it', async () => {
    const summary = await invoke([{ kind: 'hang', service: 'eventbridge' }]);
    expect(summary.notDelivered).toContainEqual(expect.stringMatching(TIMED_OUT('EventBridge')));
    expectNamed('EventBridge');
  });

  it('ELBv2 and Security Hub hanging: the scan stops at its deadline, and the alert still goes out in time', async () => {
    const summary = await invoke([
      { kind: 'hang', service: 'elbv2', action: 'DescribeListeners' },
      { kind: 'hang', service: 'securityhub' },
    ]);
    expect(summary.notChecked).toContainEqual(expect.stringMatching(/^us-east-1\/elbv2: timed out/));
    expect(summary.notDelivered).toContainEqual(expect.stringMatching(TIMED_OUT('Security Hub')));
    expectNamed('Security Hub');
  });
});

const CHAT = `arn:aws:sns:us-east-1:${MANAGEMENT}:iam-cert-expiry-chat`;

describe('organization mode: 8 s left for each step, one optional sink hanging', () => {
  const WEB = '222222222222';
  const now = new Date();
  const organization: OrganizationScenario = {
    managementAccountId: MANAGEMENT,
    accounts: [
      { id: MANAGEMENT, name: 'management' },
      {
        id: WEB,
        name: 'prod-web',
        estate: accountEstate(now, WEB, (b) =>
          b.certificate('shop', { expiresInDays: 3 }).alb('us-east-1', 'web-alb', 'shop').securityHub(true),
        ),
      },
    ],
  };

  /** The state machine over the real handlers, the scan and aggregate steps built with the scaled budgets. */
  async function run(faults: readonly FaultRule[]) {
    server = await startAwsServer({
      scenario: accountEstate(now, MANAGEMENT, (b) => b.topic(TEST_TOPIC, CHAT).securityHub(true)),
      organization,
      faults,
    });
    restoreEnv = applyEnvironment(
      loopbackOrgEnvironment(
        server.endpoint,
        { topicArn: TEST_TOPIC },
        { SECURITY_HUB: 'true', EVENT_BUS: 'certs', CHAT_DIGEST_TOPIC_ARN: CHAT },
      ),
    );
    let loaded: OrgHandlers | undefined;
    jest.isolateModules(() => {
      loaded = loadOrgHandlers(require);
    });
    const s3 = new S3Client(sdkConfig('us-east-1'));
    const sns = new SNSClient(sdkConfig('us-east-1'));
    const sts = new STSClient(sdkConfig('us-east-1'));
    toDestroy.push(s3, sns, sts);
    const logger = new Logger({ logLevel: 'SILENT' });
    const scanAccount = createScanAccountHandler({
      settings: parseScanAccountSettings(process.env),
      sts,
      s3,
      clientsFor: accountClientsFor('us-east-1'),
      logger,
      resultReserveMs: BUDGET.reserveMs,
      optionalSinksMs: BUDGET.optionalSinksMs,
    });
    const aggregate = createAggregateHandler({
      settings: parseAggregateSettings(process.env),
      s3,
      sns,
      logger,
      metrics: new Metrics({ namespace: 'Test', serviceName: 'test' }),
      publishReserveMs: BUDGET.reserveMs,
    });
    const timings: { scan: Timing[]; aggregate?: Timing } = { scan: [] };
    await runStateMachine({
      definition: orgRunDefinition(),
      handlers: {
        listAccounts: loaded!.listAccounts,
        scanAccount: async (event) => {
          const { result, timing } = await timed(scanAccount, event, MANAGEMENT);
          timings.scan.push(timing);
          return result;
        },
        aggregate: async (event) => {
          const { result, timing } = await timed(aggregate, event, MANAGEMENT);
          timings.aggregate = timing;
          return result;
        },
      },
      objects: server.objects,
      context: () => lambdaContext(MANAGEMENT, REMAINING_MS),
      runId: ORG_RUN_ID,
    });
    return { ...timings, aggregate: timings.aggregate! };
  }

  /** The SNS digest (scope=organization) and the account's own message, each parsed. */
  function alerts() {
    const own = server!.published.filter((m) => m.topicArn === TEST_TOPIC);
    const digest = own.find((m) => m.messageAttributes.scope?.stringValue === 'organization')!;
    const account = own.find((m) => m.messageAttributes.account?.stringValue === WEB)!;
    return { digest: variantsOf(digest.message), account: variantsOf(account.message) };
  }

  it('EventBridge hanging in the aggregate step: the digest and the account message go out in time, naming it', async () => {
    const { aggregate } = await run([{ kind: 'hang', service: 'eventbridge' }]);
    expectAlertInTime(aggregate);
    const { digest, account } = alerts();
    const digestJson = JSON.parse(digest.sqs);
    expect(digestJson.runId).toBe(ORG_RUN_ID);
    expect(digest.email).toContain(`\nRun id: ${ORG_RUN_ID}\n`);
    expect(JSON.parse(account.sqs).runId).toBe(ORG_RUN_ID);
    expect(digestJson.deliveryFailures).toEqual([expect.objectContaining({ sink: 'EventBridge', kind: 'timed-out' })]);
    expect(digest.email).toMatch(/- EventBridge \(us-east-1\): not delivered, timed out after [\d.]+ s\n/);
    expect(JSON.parse(account.sqs).deliveryFailures).toEqual([
      expect.objectContaining({ sink: 'EventBridge', kind: 'timed-out' }),
    ]);
    // The chat digest, after it, still delivered the same digest to its topic.
    expect(server!.published.filter((m) => m.topicArn === CHAT)).toHaveLength(1);
  });

  it('the chat digest hanging: the SNS digest goes out in time, naming it', async () => {
    const { aggregate } = await run([{ kind: 'hang', service: 'sns', params: { TopicArn: CHAT } }]);
    expectAlertInTime(aggregate);
    const { digest } = alerts();
    expect(JSON.parse(digest.sqs)).toMatchObject({
      runId: ORG_RUN_ID,
      deliveryFailures: [expect.objectContaining({ sink: 'Chat digest', kind: 'timed-out' })],
    });
    expect(JSON.parse(digest.https).content.description).toMatch(/Not delivered to:\* Chat digest \(us-east-1\)/);
  });

  it('Security Hub hanging in a member’s scan: its result is in before the step’s deadline, and the alerts name it', async () => {
    const { scan, aggregate } = await run([{ kind: 'hang', service: 'securityhub', accountId: WEB }]);
    for (const timing of scan) expect(timing.returnedAt).toBeLessThanOrEqual(timing.deadline);
    expect(server!.requests.filter((r) => r.fault === 'hang').map((r) => r.accountId)).toEqual([WEB]);
    expect(finishedAt(publishes().at(-1)!)).toBeLessThanOrEqual(aggregate.deadline);
    const { digest, account } = alerts();
    const failure = expect.objectContaining({ sink: 'Security Hub', kind: 'timed-out' });
    expect(JSON.parse(digest.sqs).reports[0].deliveryFailures).toEqual([failure]);
    expect(JSON.parse(account.sqs).deliveryFailures).toEqual([failure]);
    expect(account.email).toMatch(/- Security Hub \(us-east-1\): not delivered, timed out after [\d.]+ s\n/);
  });
});
