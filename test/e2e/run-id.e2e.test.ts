/**
 * A retried run is recognisable: the same event, invoked twice (later, under another request id), sends the same
 * run id in the JSON report, the email, the Chatbot notification's id, the Security Hub finding and the
 * EventBridge event, and logs it on every line.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients } from '../../lambda/aws/clients';
import { createHandler } from '../../lambda/create-handler';
import { RUN_ID_FIELD } from '../../lambda/render/asff-finding';
import { parseSettings } from '../../lambda/settings';
import { scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import {
  applyEnvironment,
  lambdaContext,
  loopbackEnvironment,
  TEST_ACCOUNT,
  TEST_TOPIC,
} from '../../local-aws/lambda-harness';

const NOW = new Date('2026-03-14T06:00:00.000Z');
const scenario = scenarioBuilder({ now: NOW })
  .regions('us-east-1')
  .certificate('shop', { expiresInDays: 3 })
  .alb('us-east-1', 'shop-alb', 'shop')
  .securityHub(true)
  .topic(TEST_TOPIC)
  .build();

/** An EventBridge scheduled event (rule target): its `id` names the run. */
const EVENT = { id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa', 'detail-type': 'Scheduled Event', source: 'aws.events' };

let server: AwsServer;
let clients: AwsClients;
let restoreEnv: () => void = () => undefined;
beforeEach(async () => {
  server = await startAwsServer({ scenario });
  const env = loopbackEnvironment(server.endpoint, { SECURITY_HUB: 'true', EVENT_BUS: 'certs' });
  restoreEnv = applyEnvironment(env);
  clients = new AwsClients({
    maxAttempts: 1,
    connectionTimeoutMs: 300,
    requestTimeoutMs: 1_000,
    homeRegion: 'us-east-1',
  });
});
afterEach(async () => {
  clients.destroy();
  restoreEnv();
  await server.close();
});

/** Invokes the handler with `event` as of `now`; what it published and the run id of each log line. */
async function invoke(event: unknown, requestId: string, now: Date) {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const from = server.published.length;
  try {
    await createHandler({
      settings: parseSettings(process.env),
      clients,
      logger: new Logger({ serviceName: 'test', logLevel: 'INFO' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'test' }),
      now: () => now,
    })(event, { ...lambdaContext(), awsRequestId: requestId });
  } finally {
    spy.mockRestore();
  }
  const logs = lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((r) => !r._aws);
  const variants = server.published.slice(from).map((p) => JSON.parse(p.message));
  const events = server.events({ eventBusName: 'certs', source: 'iam-cert-expiry-monitor' });
  const [finding] = server.securityHubFindings(TEST_ACCOUNT, 'us-east-1') as unknown as AwsSecurityFinding[];
  return {
    reports: variants.map((v) => JSON.parse(v.sqs)),
    notifications: variants.map((v) => JSON.parse(v.https)),
    emails: variants.map((v) => v.email as string),
    logRunIds: logs.map((r) => r.runId),
    lastEventRunId: (events.at(-1)?.event.detail as Record<string, unknown> | undefined)?.RunId,
    findingRunId: finding?.ProductFields?.[RUN_ID_FIELD],
  };
}

describe('run id', () => {
  it('the same event twice: the same run id in the JSON, the email, the notification id and the logs', async () => {
    const first = await invoke(EVENT, 'request-1', NOW);
    const retry = await invoke(EVENT, 'request-2', new Date('2026-03-14T06:03:17.000Z'));

    expect(first.reports).toHaveLength(1);
    expect(first.reports[0].runId).toBe(EVENT.id);
    expect(retry.reports[0].runId).toBe(EVENT.id);
    expect(first.emails[0]).toContain(`\nRun id: ${EVENT.id}\n`);
    expect(retry.emails[0]).toContain(`\nRun id: ${EVENT.id}\n`);
    expect(first.notifications[0].id).toBe(`iam-cert-expiry-123456789012-${EVENT.id}`);
    expect(retry.notifications[0].id).toBe(first.notifications[0].id);
    expect(retry.notifications[0].metadata.additionalContext.runId).toBe(EVENT.id);
    // The thread stays the day's.
    expect(retry.notifications[0].metadata.threadId).toBe('iam-cert-expiry-123456789012-2026-03-14');
    expect(first.lastEventRunId).toBe(EVENT.id);
    expect(retry.lastEventRunId).toBe(EVENT.id);
    expect(retry.findingRunId).toBe(EVENT.id);
    expect(first.logRunIds.length).toBeGreaterThan(0);
    expect(new Set([...first.logRunIds, ...retry.logRunIds])).toEqual(new Set([EVENT.id]));
  });

  it('Security Hub and EventBridge failing: the SNS alert still names the run', async () => {
    server.setFaults([
      { kind: 'access-denied', service: 'securityhub' },
      { kind: 'access-denied', service: 'eventbridge' },
    ]);
    const run = await invoke(EVENT, 'request-4', NOW);
    expect(run.reports).toHaveLength(1);
    expect(run.reports[0].runId).toBe(EVENT.id);
    expect(run.emails[0]).toContain(`\nRun id: ${EVENT.id}\n`);
    expect(run.notifications[0].id).toBe(`iam-cert-expiry-123456789012-${EVENT.id}`);
    expect(run.notifications[0].metadata.additionalContext.runId).toBe(EVENT.id);
  });

  it('an event without an id (a manual invoke): the Lambda request id', async () => {
    const run = await invoke({}, 'request-3', NOW);
    expect(run.reports[0].runId).toBe('request-3');
    expect(run.notifications[0].id).toBe('iam-cert-expiry-123456789012-request-3');
    expect(new Set(run.logRunIds)).toEqual(new Set(['request-3']));
  });
});
