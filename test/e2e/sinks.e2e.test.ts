/**
 * The account pipeline's sinks over HTTP: the real handler with a secondary sink in front of the enabled list.
 * A failing sink is a named delivery failure in the SNS alert (and the run's summary), not a failed run nor a gap
 * in the scan; a failed SNS digest still fails the run after the other sinks delivered.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients } from '../../lambda/aws/clients';
import { createHandler } from '../../lambda/create-handler';
import { parseSettings } from '../../lambda/settings';
import { enabledSinks } from '../../lambda/sinks/enabled-sinks';
import type { Delivery, Sink } from '../../lambda/sinks/sink';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { applyEnvironment, lambdaContext, loopbackEnvironment, TEST_TOPIC } from '../../local-aws/lambda-harness';

const scenario = scenarioBuilder({ now: new Date() })
  .regions('us-east-1')
  .certificate('shop', { expiresInDays: 3 })
  .alb('us-east-1', 'shop-alb', 'shop')
  .topic(TEST_TOPIC)
  .build();

let server: AwsServer;
let clients: AwsClients;
let restoreEnv: () => void = () => undefined;
afterEach(async () => {
  clients.destroy();
  restoreEnv();
  await server.close();
});

const received: Delivery[] = [];
const recorder: Sink = {
  name: 'recorder',
  region: 'us-east-1',
  scopes: ['account'],
  deliver: async (delivery) => {
    received.push(delivery);
    return { ids: ['r-1'] };
  },
};
const broken: Sink = {
  name: 'Security Hub',
  region: 'us-east-1',
  scopes: ['account'],
  deliver: async () => {
    throw Object.assign(new Error('Security Hub is not enabled'), { name: 'InvalidAccessException' });
  },
};

async function run(faults: FaultRule[] = []) {
  received.length = 0;
  server = await startAwsServer({ scenario, faults });
  const env = loopbackEnvironment(server.endpoint);
  restoreEnv = applyEnvironment(env);
  const settings = parseSettings(env);
  clients = new AwsClients({
    maxAttempts: 1,
    connectionTimeoutMs: 300,
    requestTimeoutMs: 1_000,
    homeRegion: 'us-east-1',
  });
  return createHandler({
    settings,
    clients,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Test', serviceName: 'test' }),
    sinks: [broken, recorder, ...enabledSinks(settings, clients)],
  })({}, lambdaContext());
}

const NOT_DELIVERED = 'Security Hub (us-east-1): not delivered: InvalidAccessException: Security Hub is not enabled';

describe('sinks in the account pipeline', () => {
  it('a failing secondary sink is named in the SNS alert and the summary; the others deliver', async () => {
    const summary = await run();

    expect(received).toHaveLength(1);
    expect(summary).toMatchObject({
      complete: true,
      regionsFailed: 0,
      notChecked: [],
      notDelivered: [NOT_DELIVERED],
      messagesPublished: 1,
    });
    expect(server.published).toHaveLength(1);
    const variants = JSON.parse(server.published[0]!.message);
    expect(JSON.parse(variants.sqs).coverage.gaps).toEqual([]);
    expect(JSON.parse(variants.sqs).deliveryFailures).toEqual([
      {
        sink: 'Security Hub',
        region: 'us-east-1',
        kind: 'failed',
        reason: 'InvalidAccessException: Security Hub is not enabled',
      },
    ]);
    expect(variants.email.replace(/\s+/g, ' ')).toContain(`- ${NOT_DELIVERED}`);
    // A sink that could not deliver is not a gap in the scan: no NOT CHECKED heading, and the report is complete.
    expect(variants.email).toContain('NOT DELIVERED - these destinations did not receive this alert');
    expect(variants.email).not.toContain('NOT CHECKED');
    expect(JSON.parse(variants.sqs).summary.complete).toBe(true);
  });

  it('a failed SNS digest fails the run after the other sinks delivered', async () => {
    await expect(run([{ kind: 'access-denied', service: 'sns' }])).rejects.toMatchObject({
      name: expect.stringMatching(/AuthorizationError|AccessDenied/),
    });
    expect(received).toHaveLength(1);
  });
});
