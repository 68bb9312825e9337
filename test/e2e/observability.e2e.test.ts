/**
 * What a run leaves behind for the operator: one structured summary log line and EMF metrics (Powertools),
 * the metrics the self-alarms watch among them, and nothing secret.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients } from '../../lambda/aws/clients';
import { createHandler } from '../../lambda/create-handler';
import { METRICS } from '../../contract/environment';
import { parseSettings } from '../../lambda/settings';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { applyEnvironment, lambdaContext, loopbackEnvironment, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
let server: AwsServer;
let clients: AwsClients;
let restoreEnv: () => void = () => undefined;
let spies: jest.SpyInstance[] = [];

afterEach(async () => {
  for (const spy of spies) spy.mockRestore();
  clients?.destroy();
  restoreEnv();
  await server?.close();
});

async function run(faults: FaultRule[] = [], expiresInDays = 3) {
  const scenario = scenarioBuilder({ now })
    .regions('us-east-1', 'eu-west-1')
    .certificate('shop', { expiresInDays })
    .certificate('fine', { expiresInDays: 300 })
    .alb('eu-west-1', 'shop-alb', 'shop')
    .topic(TEST_TOPIC)
    .build();
  server = await startAwsServer({ scenario, faults });
  const env = loopbackEnvironment(server.endpoint, {
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  restoreEnv = applyEnvironment(env);
  clients = new AwsClients({
    maxAttempts: 2,
    connectionTimeoutMs: 500,
    requestTimeoutMs: 500,
    homeRegion: 'us-east-1',
  });
  const lines: string[] = [];
  // Powertools writes INFO lines and metrics to stdout, WARN and ERROR lines to stderr.
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  const handler = createHandler({
    settings: parseSettings(env),
    clients,
    logger: new Logger({ serviceName: METRICS.serviceName }),
    metrics: new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.serviceName }),
  });
  let failure: unknown;
  await handler({}, lambdaContext()).catch((error: unknown) => (failure = error));
  for (const spy of spies) spy.mockRestore();
  const records = lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l));
  const emf = records.find((r) => r._aws?.CloudWatchMetrics);
  const logs = records.filter((r) => !r._aws);
  return { emf, logs, failure, raw: lines.join('') };
}

describe('observability', () => {
  it('emits the metrics the alarms watch, with the service dimension, and one summary line', async () => {
    const { emf, logs } = await run();
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'IamCertExpiryMonitor',
      Dimensions: [['service']],
    });
    expect(emf).toMatchObject({
      service: 'iam-cert-expiry-monitor',
      RunCompleted: 1,
      ScanIncomplete: 0,
      CertificatesScanned: 2,
      CriticalCertificates: 1,
      ExpiredCertificates: 0,
      MinDaysLeft: 2,
      RegionsScanned: 2,
      RegionsFailed: 0,
      ApiRetries: 0,
    });
    expect(emf.ApiCalls).toBe(server.requests.length);
    const summaries = logs.filter((l) => l.message === 'run complete');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ level: 'INFO', summary: { complete: true, messagesPublished: 1 } });
    expect(summaries[0].apiCallsByAction['IAM:ListServerCertificates']).toBe(1);
  });

  it('flags an incomplete scan for the alarm and logs it as a warning', async () => {
    const { emf, logs } = await run([{ kind: 'access-denied', service: 'elbv2', region: 'eu-west-1' }]);
    expect(emf).toMatchObject({ ScanIncomplete: 1, RunCompleted: 1, RegionsFailed: 1 });
    expect(logs.find((l) => l.message.startsWith('run incomplete'))).toMatchObject({ level: 'WARN' });
  });

  it('emits no RunCompleted when the run fails, and logs the error', async () => {
    const { emf, logs, failure } = await run([{ kind: 'access-denied', service: 'sns' }]);
    expect(failure).toBeDefined();
    expect(emf.RunCompleted).toBeUndefined();
    expect(emf.ApiCalls).toBeGreaterThan(0);
    expect(logs.find((l) => l.message === 'run failed')).toMatchObject({ level: 'ERROR' });
  });

  it('never logs certificate material or credentials', async () => {
    const { raw } = await run();
    expect(raw).not.toMatch(/BEGIN CERTIFICATE|PRIVATE KEY|loopback-secret|AKIDLOOPBACKTEST/);
  });
});
