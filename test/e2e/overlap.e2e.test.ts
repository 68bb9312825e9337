/**
 * Two runs at once (a manual invoke, or a deploy's first run, during the scheduled run; without reserved concurrency
 * Lambda runs both in separate execution environments): each is a complete, independent run, and the worst outcome
 * is the same alert twice. Real handler, real SDK clients, loopback HTTP.
 */
import { loopbackAccount } from './account-run';
import { scenarioBuilder } from '../../local-aws';
import { lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
const account = loopbackAccount();

test('overlapping runs both complete and each publishes the same complete digest', async () => {
  const server = await account.start({
    scenario: scenarioBuilder({ now })
      .regions('us-east-1', 'eu-west-1')
      .certificate('shop', { expiresInDays: 3.5 })
      .certificate('api', { expiresInDays: -1 })
      .certificate('healthy', { expiresInDays: 200 })
      .alb('eu-west-1', 'shop-alb', 'shop')
      .classicLoadBalancer('us-east-1', 'legacy', [{ protocol: 'HTTPS', port: 443, certificate: 'api' }])
      .topic(TEST_TOPIC)
      .build(),
  });
  const [scheduled, manual] = [account.coldStart(), account.coldStart()];

  const summaries = await Promise.all([scheduled({}, lambdaContext()), manual({}, lambdaContext())]);

  for (const summary of summaries)
    expect(summary).toMatchObject({ complete: true, messagesPublished: 1, certificatesScanned: 3 });
  expect(server.published).toHaveLength(2);
  const [first, second] = server.published.map((m) => ({
    subject: m.subject,
    attributes: m.messageAttributes,
    report: JSON.parse(JSON.parse(m.message).sqs),
  }));
  expect(second!.subject).toBe(first!.subject);
  expect(second!.attributes).toEqual(first!.attributes);
  expect(second!.report.findings).toEqual(first!.report.findings);
  expect(first!.report.findings.map((f: { certificate: { name: string } }) => f.certificate.name).sort()).toEqual([
    'api',
    'shop',
  ]);
  // Both did the whole scan: the same calls twice, nothing shared, nothing skipped.
  expect(server.countBy('action')).toMatchObject({ ListServerCertificates: 2, Publish: 2 });
});
