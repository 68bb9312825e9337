/**
 * The test alert over HTTP: the deployed handler (a cold start, the stack's environment) invoked with
 * `{"test": true}` against the loopback AWS, after a real run of the same account. It reaches every sink switched
 * on, marked as a test in each; it reads no certificate and no load balancer; Security Hub holds no active finding
 * of it, and the real run's findings are left as they were.
 */
import { TEST_ALERT_PAYLOAD } from '../../contract/test-alert';
import { SAMPLE_CERTIFICATE_NAME } from '../../lambda/domain/sample-report';
import { scenarioBuilder } from '../../local-aws';
import { lambdaContext, TEST_ACCOUNT, TEST_TOPIC } from '../../local-aws/lambda-harness';
import { loopbackAccount } from './account-run';

const account = loopbackAccount();
const SINKS = { SECURITY_HUB: 'true', EVENT_BUS: 'certs', ALERT_SUBSCRIBERS: 'email,slack' };

const estate = () =>
  scenarioBuilder({ now: new Date() })
    .regions('us-east-1')
    .certificate('shop', { expiresInDays: 3, hostnames: ['shop.example.com'] })
    .alb('us-east-1', 'shop-alb', 'shop')
    .securityHub(true)
    .topic(TEST_TOPIC)
    .build();

const findings = () => account.server.securityHubFindings(TEST_ACCOUNT, 'us-east-1');

test('after a real run: one test-marked message, event and archived finding; nothing scanned, nothing real closed', async () => {
  const server = await account.start({ scenario: estate() });
  const handler = account.coldStart(SINKS);
  await handler({}, lambdaContext());
  const realFinding = findings().find((f) => JSON.stringify(f.Resources).includes('server-certificate/shop'))!;
  expect(realFinding.RecordState).toBe('ACTIVE');
  server.reset();

  const summary = await handler(JSON.parse(TEST_ALERT_PAYLOAD) as { test: true }, lambdaContext());

  expect(summary).toEqual({
    test: true,
    delivered: ['Security Hub', 'EventBridge', 'SNS alert'],
    notDelivered: [],
    messagesPublished: 1,
  });
  // Only the sinks were called: no certificate listed or read, no load balancer described.
  expect(Object.keys(server.countBy('service')).sort()).toEqual(['eventbridge', 'securityhub', 'sns']);
  expect(server.count({ service: 'securityhub', action: 'GetFindings' })).toBe(0);

  const alert = account.published();
  expect(alert.subject).toBe(`[TEST] [CRITICAL] 1 IAM certificate needs renewal - ${TEST_ACCOUNT}`);
  expect(alert.email.startsWith('TEST ALERT, sent on request ({"test": true})')).toBe(true);
  expect(alert.slack.content.description.startsWith(':test_tube: *TEST ALERT')).toBe(true);
  expect(alert.report.test).toBe(true);
  expect(alert.report.findings.map((f) => f.certificate.name)).toEqual([SAMPLE_CERTIFICATE_NAME]);

  const events = server.events({ eventBusName: 'certs' });
  expect(events).toHaveLength(1);
  expect(events[0]!.event.detail).toMatchObject({ Test: true, CertificateName: SAMPLE_CERTIFICATE_NAME });

  const test = findings().find((f) => String(f.Title).startsWith('[TEST]'))!;
  expect(test).toMatchObject({ RecordState: 'ARCHIVED', AwsAccountId: TEST_ACCOUNT });
  expect(findings().filter((f) => f.RecordState === 'ACTIVE')).toEqual([realFinding]);
});

test('sent twice: still one archived test finding (the same id is updated), and each message is its own', async () => {
  const server = await account.start({ scenario: estate() });
  const handler = account.coldStart(SINKS);
  await handler({ test: true }, lambdaContext());
  await handler({ test: true }, lambdaContext());
  expect(findings()).toHaveLength(1);
  expect(findings()[0]!.RecordState).toBe('ARCHIVED');
  expect(server.published.map((m) => m.subject?.slice(0, 6))).toEqual(['[TEST]', '[TEST]']);
});

test('a sink that fails is named in the summary and in the SNS alert, which still goes out', async () => {
  const server = await account.start({
    scenario: scenarioBuilder({ now: new Date() }).regions('us-east-1').securityHub(false).topic(TEST_TOPIC).build(),
  });
  const summary = await account.coldStart(SINKS)({ test: true }, lambdaContext());
  expect(summary.delivered).toEqual(['EventBridge', 'SNS alert']);
  expect(summary.notDelivered).toEqual([expect.stringMatching(/^Security Hub \(us-east-1\): not delivered/)]);
  expect(server.published).toHaveLength(1);
  expect(account.published().email).toContain('NOT DELIVERED');
});
