/**
 * Over HTTP, a service that pages forever (a new marker every time) or in a loop (the same marker
 * again) ends its listing after a bounded number of calls, and the alert names what stopped; the rest is checked.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients } from '../../lambda/aws/clients';
import { LISTING_PAGE_CAPS } from '../../lambda/aws/listing-caps';
import { createHandler } from '../../lambda/create-handler';
import { parseSettings } from '../../lambda/settings';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { applyEnvironment, lambdaContext, loopbackEnvironment, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
const scenario = scenarioBuilder({ now })
  .regions('us-east-1', 'eu-west-1')
  .certificate('shop', { expiresInDays: 3 })
  .certificate('legacy-api', { expiresInDays: 5 })
  .certificate('fine', { expiresInDays: 300 })
  .classicLoadBalancer('us-east-1', 'legacy', [{ protocol: 'HTTPS', port: 443, certificate: 'legacy-api' }])
  .alb('us-east-1', 'shop-alb', 'shop')
  .nlb('eu-west-1', 'shop-nlb', 'shop')
  .topic(TEST_TOPIC)
  .build();

let server: AwsServer;
let clients: AwsClients | undefined;
let restoreEnv: () => void = () => undefined;

afterEach(async () => {
  clients?.destroy();
  restoreEnv();
  await server?.close();
});

async function run(faults: FaultRule[]) {
  server = await startAwsServer({ scenario, faults, seed: 5 });
  const env = loopbackEnvironment(server.endpoint);
  restoreEnv = applyEnvironment(env);
  clients = new AwsClients({
    maxAttempts: 2,
    connectionTimeoutMs: 500,
    requestTimeoutMs: 500,
    homeRegion: 'us-east-1',
  });
  const handler = createHandler({
    settings: parseSettings(env),
    clients,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Test', serviceName: 'test' }),
  });
  const started = Date.now();
  const summary = await handler({}, lambdaContext(undefined, 60_000));
  const elapsedMs = Date.now() - started;
  const variants = JSON.parse(server.published[0]!.message);
  // The email wraps at 78 columns: compare its words.
  return { summary, elapsedMs, email: (variants.email as string).replace(/\s+/g, ' ') };
}

describe('listings end', () => {
  it('a new marker forever from ELBv2 in one region: capped calls, the gap is named, the rest is checked', async () => {
    const { summary, elapsedMs, email } = await run([
      { kind: 'endless-marker', service: 'elbv2', action: 'DescribeLoadBalancers', region: 'eu-west-1' },
    ]);
    const cap = LISTING_PAGE_CAPS.elbv2LoadBalancers;
    expect(server.count({ service: 'elbv2', action: 'DescribeLoadBalancers', region: 'eu-west-1' })).toBe(cap);
    expect(summary.notChecked).toContainEqual(
      `eu-west-1/elbv2: DescribeLoadBalancers listing stopped: the service returned more than ${cap} pages`,
    );
    expect(email).toContain(`DescribeLoadBalancers listing stopped: the service returned more than ${cap} pages`);
    expect(email).toContain('shop-alb');
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('the same marker again from Classic ELB: two calls, the gap is named', async () => {
    const { summary, email } = await run([
      { kind: 'repeated-marker', service: 'elb', action: 'DescribeLoadBalancers', region: 'us-east-1' },
    ]);
    expect(server.count({ service: 'elb', action: 'DescribeLoadBalancers', region: 'us-east-1' })).toBe(2);
    expect(summary.notChecked).toContainEqual(
      'us-east-1/elb: DescribeLoadBalancers listing stopped: the service repeated a marker',
    );
    expect(email).toContain('DescribeLoadBalancers listing stopped: the service repeated a marker');
  });

  it('IAM certificates listed forever: capped, each certificate once, the alert says the listing stopped', async () => {
    const { summary, email } = await run([
      { kind: 'endless-marker', service: 'iam', action: 'ListServerCertificates' },
    ]);
    expect(server.count({ service: 'iam', action: 'ListServerCertificates' })).toBe(
      LISTING_PAGE_CAPS.iamServerCertificates,
    );
    expect(summary.certificatesScanned).toBe(3);
    expect(email).toContain('ListServerCertificates listing stopped: the service returned more than 10 pages');
  });
});
