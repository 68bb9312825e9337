/**
 * Security Hub and EventBridge over HTTP: the real handler with both sinks switched on, against the loopback AWS.
 * Findings are imported, re-imported (no duplicate) and archived when their certificate is renewed away or snoozed;
 * one event per flagged certificate; a region where Security Hub is off and a bus that refuses entries are named
 * gaps in the SNS alert, which still goes out.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients } from '../../lambda/aws/clients';
import { createHandler } from '../../lambda/create-handler';
import { parseSettings } from '../../lambda/settings';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import type { Scenario } from '../../local-aws/estate/scenario';
import {
  applyEnvironment,
  lambdaContext,
  loopbackEnvironment,
  TEST_ACCOUNT,
  TEST_TOPIC,
} from '../../local-aws/lambda-harness';

const NOW = new Date();
const estate = (options: { renewed?: boolean; snoozed?: boolean; securityHub?: boolean } = {}) => {
  const builder = scenarioBuilder({ now: NOW })
    .regions('us-east-1')
    .certificate('shop', { expiresInDays: 3, hostnames: ['shop.example.com'] })
    .alb('us-east-1', 'shop-alb', 'shop')
    .certificate('legacy', {
      expiresInDays: -2,
      ...(options.snoozed ? { tags: { 'cert-expiry-monitor:ignore': 'true' } } : {}),
    })
    .securityHub(options.securityHub ?? true)
    .topic(TEST_TOPIC);
  if (!options.renewed) builder.certificate('api', { expiresInDays: 20 });
  return builder.build();
};

let server: AwsServer | undefined;
let clients: AwsClients | undefined;
let restoreEnv: () => void = () => undefined;
afterEach(async () => {
  clients?.destroy();
  restoreEnv();
  await server?.close();
  server = undefined;
});

async function start(scenario: Scenario, faults: FaultRule[] = []) {
  server = await startAwsServer({ scenario, faults });
}

async function run(overrides: Record<string, string> = { SECURITY_HUB: 'true', EVENT_BUS: 'certs' }) {
  const env = loopbackEnvironment(server!.endpoint, overrides);
  restoreEnv();
  restoreEnv = applyEnvironment(env);
  clients?.destroy();
  clients = new AwsClients({
    maxAttempts: 1,
    connectionTimeoutMs: 300,
    requestTimeoutMs: 2_000,
    homeRegion: 'us-east-1',
  });
  return createHandler({
    settings: parseSettings(env),
    clients,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Test', serviceName: 'test' }),
  })({}, lambdaContext());
}

const findings = () => server!.securityHubFindings(TEST_ACCOUNT, 'us-east-1');
const byName = (name: string) =>
  findings().find((f) =>
    JSON.stringify(f.Resources).includes(`server-certificate/${name}`),
  ) as unknown as AwsSecurityFinding;

describe('Security Hub sink', () => {
  it('imports one ASFF finding per flagged certificate, with severity through FindingProviderFields', async () => {
    await start(estate());
    const summary = await run();

    expect(summary.complete).toBe(true);
    expect(findings()).toHaveLength(3);
    const shop = byName('shop');
    expect(shop).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductArn: `arn:aws:securityhub:us-east-1:${TEST_ACCOUNT}:product/${TEST_ACCOUNT}/default`,
      GeneratorId: 'iam-cert-expiry-monitor/iam-server-certificate-expiry',
      AwsAccountId: TEST_ACCOUNT,
      RecordState: 'ACTIVE',
      Compliance: { Status: 'FAILED' },
      FindingProviderFields: {
        Severity: { Label: 'HIGH', Original: 'critical' },
        Types: ['Software and Configuration Checks/AWS Security Best Practices'],
      },
      Workflow: { Status: 'NEW' },
    });
    expect(shop.Resources![0]).toMatchObject({ Type: 'Other' });
    expect(shop.Resources![0]!.Details!.Other).toMatchObject({
      certificateName: 'shop',
      daysLeft: '2', // 3 days less the milliseconds since the scenario was built
      hostnames: 'shop.example.com',
      usageCount: '1',
      usage01: expect.stringContaining('shop-alb'),
      renewalState: 'none',
    });
    expect(byName('legacy').FindingProviderFields!.Severity!.Label).toBe('CRITICAL');
    expect(byName('api').FindingProviderFields!.Severity!.Label).toBe('MEDIUM');
  });

  it('a second run updates the same findings (no duplicate) and keeps a person’s workflow', async () => {
    await start(estate());
    await run();
    const first = byName('shop');
    // A person triages the finding (BatchUpdateFindings' field, kept by the store across imports).
    Object.assign(first, { Workflow: { Status: 'NOTIFIED' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await run();

    expect(findings()).toHaveLength(3);
    const second = byName('shop');
    expect(second.CreatedAt).toBe(first.CreatedAt);
    expect(Date.parse(second.UpdatedAt!)).toBeGreaterThan(Date.parse(first.LastObservedAt!));
    expect(second.RecordState).toBe('ACTIVE');
    expect(second.Workflow).toEqual({ Status: 'NOTIFIED' });
  });

  it('archives the finding of a certificate no longer flagged (PASSED) and of a snoozed one (still FAILED)', async () => {
    await start(estate());
    await run();
    await new Promise((resolve) => setTimeout(resolve, 5));
    server!.setScenario(estate({ renewed: true, snoozed: true }));
    await run();

    expect(findings()).toHaveLength(3);
    expect(byName('api')).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } });
    expect(byName('legacy')).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'FAILED' } });
    expect(byName('shop')).toMatchObject({ RecordState: 'ACTIVE' });
  });

  it('a quiet run archives every finding the monitor raised', async () => {
    await start(estate());
    await run();
    await new Promise((resolve) => setTimeout(resolve, 5));
    server!.setScenario(scenarioBuilder({ now: NOW }).regions('us-east-1').securityHub(true).topic(TEST_TOPIC).build());
    server!.reset();
    const summary = await run();

    expect(summary.complete).toBe(true);
    expect(findings().map((f) => f.RecordState)).toEqual(['ARCHIVED', 'ARCHIVED', 'ARCHIVED']);
    expect(server!.published).toHaveLength(0);
    expect(server!.countBy('action')).toMatchObject({ GetFindings: 1, BatchImportFindings: 1 });
  });

  it('where Security Hub CSPM is off: a named gap in the alert, the events and the digest still go out', async () => {
    await start(estate({ securityHub: false }));
    const summary = await run();

    expect(summary.notChecked).toEqual([
      expect.stringMatching(
        /^us-east-1\/sink: security-hub could not deliver: InvalidAccessException: Security Hub CSPM is not enabled in us-east-1/,
      ),
    ]);
    expect(server!.events({ eventBusName: 'certs' })).toHaveLength(3);
    const variants = JSON.parse(server!.published[0]!.message);
    expect(variants.email).toContain('security-hub could not deliver');
  });
});

describe('EventBridge sink', () => {
  it('puts one event per flagged certificate on the bus, shaped like ACM’s', async () => {
    await start(estate());
    await run();

    const events = server!.events({ eventBusName: 'certs', source: 'iam-cert-expiry-monitor' });
    expect(events.map((e) => e.event['detail-type']).sort()).toEqual([
      'IAM Server Certificate Approaching Expiration',
      'IAM Server Certificate Approaching Expiration',
      'IAM Server Certificate Expired',
    ]);
    const shop = events.find((e) => (e.event.detail as Record<string, unknown>).CertificateName === 'shop')!;
    expect(shop.event.resources).toEqual([expect.stringMatching(/:server-certificate\/shop$/)]);
    expect(shop.event.detail).toMatchObject({
      DaysToExpiry: 2,
      CommonName: 'shop.example.com',
      InUse: true,
      Account: TEST_ACCOUNT,
      Severity: 'critical',
      Hostnames: ['shop.example.com'],
      Usages: [expect.objectContaining({ Type: 'application', Name: 'shop-alb', Region: 'us-east-1' })],
      UsagesComplete: true,
      RenewalState: 'none',
      RunId: '00000000-0000-4000-8000-000000000000',
    });
  });

  it('resends entries that failed, and names those that never got through as a gap', async () => {
    await start(estate(), [{ kind: 'entry-failure', service: 'eventbridge', count: 2 }]);
    const recovered = await run();
    expect(recovered.complete).toBe(true);
    expect(server!.events({ eventBusName: 'certs' })).toHaveLength(3);
    expect(server!.count({ action: 'PutEvents' })).toBe(2);

    server!.reset();
    server!.setFaults([{ kind: 'entry-failure', service: 'eventbridge' }]);
    const failed = await run({ EVENT_BUS: 'certs' });
    expect(failed.notChecked).toEqual([
      'us-east-1/sink: eventbridge could not deliver: EventsNotAccepted: 3 of 3 events were not accepted after 3 attempts (first: InternalFailure: The request processing has failed because of an unknown error.)',
    ]);
    expect(server!.published).toHaveLength(1);
  });
});

describe('thresholds and expiry, as every sink says them', () => {
  it("names a tag's threshold in every count, and the body's notAfter where IAM lists no expiry", async () => {
    await start(
      scenarioBuilder({ now: NOW })
        .regions('us-east-1')
        // 15 days out, critical by its own tag.
        .certificate('cart', {
          expiresInDays: 15.5,
          hostnames: ['cart.example.com'],
          tags: { 'cert-expiry-monitor:threshold-days': '21' },
        })
        // IAM lists no expiry; its body is valid for a year from the upload: 4.5 days left.
        .certificate('tools', { expiration: null, uploadedDaysAgo: 360.5, hostnames: ['tools.example.com'] })
        .alb('us-east-1', 'tools-alb', 'tools', ['cart'])
        .topic(TEST_TOPIC)
        .build(),
    );
    await run();
    const body = new Date(NOW.getTime() + 4.5 * 86_400_000).toISOString().slice(0, 10);
    const fromBody = '(from the certificate body; IAM lists none)';
    const threshold = "within its threshold: 7 days, or 21 set by the certificate's own tag";
    const variants = JSON.parse(server!.published[0]!.message) as Record<string, string>;

    const email = variants.email!.replace(/\s+/g, ' ');
    expect(email).toContain(`2 critical (expiring ${threshold})`);
    expect(email).toMatch(new RegExp(`Expires: ${body}T\\d\\d:\\d\\d:\\d\\dZ \\${fromBody.slice(0, -1)}\\)`));
    expect(email).not.toContain('Expires: unknown');

    const slack = JSON.parse(variants.https!).content.description as string;
    expect(slack).toContain(`*2 critical* (${threshold})`);
    expect(slack).toContain(`\`tools.example.com\`: 4 days left, to ${body} ${fromBody}`);

    const json = JSON.parse(variants.sqs!);
    const tools = json.findings.find((f: { certificate: { name: string } }) => f.certificate.name === 'tools');
    expect(tools).toMatchObject({ daysLeft: 4, expirySource: 'body', certificate: { expiration: null } });
    expect(tools.expiresAt.slice(0, 10)).toBe(body);
    expect(json.findings.find((f: { certificate: { name: string } }) => f.certificate.name === 'cart')).toMatchObject({
      severity: 'critical',
      daysLeft: 15,
      thresholdDays: 21,
    });

    const hub = byName('tools');
    expect(hub.Description).toContain(`expires in 4 days (${body}T`);
    expect(hub.Description).toContain(', from the certificate body; IAM lists none);');
    expect(hub.Resources![0]!.Details!.Other).toMatchObject({
      expiration: expect.stringMatching(new RegExp(`^${body}T`)),
      expirationSource: 'body',
    });
    expect(byName('cart').Description).toContain(
      "the alert threshold is 21 days (set by its own cert-expiry-monitor:threshold-days tag; the account's is 7)",
    );

    const event = server!
      .events({ eventBusName: 'certs' })
      .find((e) => (e.event.detail as Record<string, unknown>).CertificateName === 'tools')!;
    expect(event.event.detail).toMatchObject({
      DaysToExpiry: 4,
      CertificateExpirationDate: expect.stringMatching(new RegExp(`^${body}T`)),
    });
  });
});
