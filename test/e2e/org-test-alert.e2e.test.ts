/**
 * The organization's test alert over HTTP: the aggregate handler module (a cold start, the stack's environment)
 * invoked with `{"test": true}` against the loopback organization. The digest and the hub account's own message,
 * the Slack digest topic and EventBridge each get one test-marked delivery; nothing is listed, scanned or read
 * from run data.
 */
import { TEST_ALERT_PAYLOAD } from '../../contract/test-alert';
import { SAMPLE_CERTIFICATE_NAME } from '../../lambda/domain/sample-report';
import type { AggregateHandler } from '../../lambda/org/create-aggregate-handler';
import { startAwsServer, type AwsServer } from '../../local-aws';
import { applyEnvironment, lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';
import { loadOrgHandlers, loopbackOrgEnvironment } from '../../local-aws/org-harness';
import { expectValid, validateOrgReport } from '../lambda/render/support';
import { accountEstate, MANAGEMENT } from './org-run';

const CHAT_TOPIC = `arn:aws:sns:us-east-1:${MANAGEMENT}:iam-cert-expiry-chat-digest`;

let server: AwsServer | undefined;
let restoreEnv: () => void = () => undefined;
afterEach(async () => {
  restoreEnv();
  await server?.close();
  server = undefined;
});

test('one test-marked digest, hub account message, Slack digest and event; no account listed or scanned', async () => {
  server = await startAwsServer({
    scenario: accountEstate(new Date(), MANAGEMENT, (b) => b.topic(TEST_TOPIC).topic(CHAT_TOPIC)),
    organization: { managementAccountId: MANAGEMENT, accounts: [{ id: MANAGEMENT, name: 'management' }] },
  });
  restoreEnv = applyEnvironment(
    loopbackOrgEnvironment(
      server.endpoint,
      { topicArn: TEST_TOPIC },
      { EVENT_BUS: 'certs', CHAT_DIGEST_TOPIC_ARN: CHAT_TOPIC, THRESHOLD_DAYS: '14', WARNING_DAYS: '45' },
    ),
  );
  let aggregate: AggregateHandler | undefined;
  jest.isolateModules(() => {
    // The module's own type: the state machine's harness knows the aggregate event only.
    aggregate = loadOrgHandlers(require).aggregate as AggregateHandler;
  });

  const summary = await aggregate!(JSON.parse(TEST_ALERT_PAYLOAD) as { test: true }, lambdaContext(MANAGEMENT));

  expect(summary).toEqual({
    test: true,
    delivered: ['EventBridge', 'Chat digest', 'SNS alert'],
    notDelivered: [],
    messagesPublished: 2,
  });
  expect(Object.keys(server.countBy('service')).sort()).toEqual(['eventbridge', 'sns']);

  const published = server.published.map((m) => ({
    topic: m.topicArn,
    scope: m.messageAttributes.scope?.stringValue,
    subject: m.subject,
  }));
  expect(published).toEqual([
    {
      topic: CHAT_TOPIC,
      scope: 'organization',
      subject: expect.stringMatching(/^\[TEST\] \[CRITICAL\] 1 IAM certificate needs renewal in 1 of 1 AWS account/),
    },
    { topic: TEST_TOPIC, scope: 'organization', subject: expect.stringMatching(/^\[TEST\] \[CRITICAL\]/) },
    {
      topic: TEST_TOPIC,
      scope: 'account',
      subject: expect.stringMatching(/^\[TEST\] \[CRITICAL\] 1 IAM certificate needs renewal/),
    },
  ]);
  const digest = JSON.parse(server.published[1]!.message) as Record<string, string>;
  expect(digest.email!.startsWith('TEST ALERT, sent on request')).toBe(true);
  const json = JSON.parse(digest.sqs!) as { test?: boolean };
  expect(json.test).toBe(true);
  expectValid(validateOrgReport, json);
  expect((JSON.parse(digest.https!) as { content: { description: string } }).content.description).toMatch(
    /^:test_tube: \*TEST ALERT/,
  );
  expect(server.published[2]!.message).toContain(SAMPLE_CERTIFICATE_NAME);

  const events = server.events({ eventBusName: 'certs' });
  expect(events.map((e) => e.event.detail)).toEqual([
    expect.objectContaining({
      Test: true,
      Account: MANAGEMENT,
      CertificateName: SAMPLE_CERTIFICATE_NAME,
      // Critical at the stack's own threshold, as the account test alert is.
      ThresholdDays: 14,
      DaysToExpiry: 14,
    }),
  ]);
});
