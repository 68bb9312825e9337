/**
 * The test alert (`{"test": true}`): a made-up report that every sink marks as a test, and a real report that no
 * sink marks. Each sink's own form is checked against its schema where it has one.
 */
import { SAMPLE_CERTIFICATE_NAME, sampleReport } from '../../../lambda/domain/sample-report';
import { findingImports } from '../../../lambda/render/asff-finding';
import { certificateEvent } from '../../../lambda/render/certificate-event';
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { renderSubject, SNS_SUBJECT_MAX_LENGTH } from '../../../lambda/render/subject';
import { TEST_ALERT_NOTE } from '../../../lambda/render/test-alert-text';
import { ACCOUNT, expectValid, finding, NOW, report, validateChatbot, validateReport } from './support';

const sample = sampleReport({
  accountId: ACCOUNT,
  region: 'eu-west-1',
  partition: 'aws',
  thresholds: { thresholdDays: 14, warningDays: 30 },
  now: NOW,
  runId: 'request-1',
});
const real = report([finding('payments-2026')]);
const ctx = { region: 'eu-west-1', partition: 'aws', now: NOW };

describe('the sample report', () => {
  test('one made-up certificate, critical at the account threshold, on one made-up listener in the region', () => {
    expect(sample.test).toBe(true);
    expect(sample.findings).toHaveLength(1);
    const [only] = sample.findings;
    expect(only!).toMatchObject({ severity: 'critical', daysLeft: 14, thresholdDays: 14 });
    expect(only!.certificate.name).toBe(SAMPLE_CERTIFICATE_NAME);
    expect(only!.certificate.arn).toBe(
      `arn:aws:iam::${ACCOUNT}:server-certificate/iam-cert-expiry-monitor-test-alert/iam-cert-expiry-monitor-test-alert`,
    );
    expect(only!.usages).toEqual([expect.objectContaining({ region: 'eu-west-1', name: 'example-test-alert' })]);
    expect(real.test).toBeUndefined();
  });
});

describe('every sink marks the test, and only the test', () => {
  test('SNS subject: [TEST] first, within the limit', () => {
    const subject = renderSubject(sample);
    expect(subject).toBe(`[TEST] [CRITICAL] 1 IAM certificate needs renewal - ${ACCOUNT}`);
    expect(subject.length).toBeLessThanOrEqual(SNS_SUBJECT_MAX_LENGTH);
    expect(renderSubject(real)).not.toContain('[TEST]');
  });

  test('email: the note opens the body', () => {
    expect(renderEmailText(sample).startsWith('TEST ALERT, sent on request ({"test": true})')).toBe(true);
    expect(renderEmailText(real)).not.toContain('TEST ALERT');
  });

  test('Slack (Chatbot): the title, the first line of the description, a keyword and the context say so', () => {
    const notification = buildChatbotNotification(sample);
    expectValid(validateChatbot, notification);
    expect(notification.content.title).toContain('[TEST] [CRITICAL]');
    expect(notification.content.description.split('\n')[0]).toBe(`:test_tube: *${TEST_ALERT_NOTE}*`);
    expect(notification.content.keywords?.[0]).toBe('test');
    expect(notification.metadata?.additionalContext?.test).toBe('true');
    const plain = buildChatbotNotification(real);
    expect(plain.content.keywords).not.toContain('test');
    expect(plain.metadata?.additionalContext).not.toHaveProperty('test');
  });

  test('JSON report: "test": true, valid against the schema; a real report has no such key', () => {
    const json = buildJsonReport(sample);
    expectValid(validateReport, JSON.parse(JSON.stringify(json)));
    expect(json.test).toBe(true);
    expect(buildJsonReport(real)).not.toHaveProperty('test');
    expect(validateReport({ ...JSON.parse(JSON.stringify(json)), test: false })).toBe(false);
  });

  test('Security Hub: imported archived, marked in title and description; a real finding stays active', () => {
    const { active, archived } = findingImports(sample, [], ctx);
    expect(archived).toEqual([]);
    expect(active).toHaveLength(1);
    expect(active[0]!.RecordState).toBe('ARCHIVED');
    expect(active[0]!.Title!.startsWith('[TEST] IAM server certificate iam-cert-expiry-monitor-test-alert')).toBe(true);
    expect(active[0]!.Description!.startsWith('TEST ALERT')).toBe(true);
    const realFinding = findingImports(real, [], ctx).active[0]!;
    expect([realFinding.RecordState, realFinding.Title!.startsWith('[TEST]')]).toEqual(['ACTIVE', false]);
  });

  test('EventBridge: the detail says Test true; a real event says false; the detail-type is the real one', () => {
    const event = certificateEvent(sample.findings[0]!, sample, 'request-1');
    const realEvent = certificateEvent(real.findings[0]!, real, 'run-1');
    expect(JSON.parse(event.Detail)).toMatchObject({ Test: true, CertificateName: SAMPLE_CERTIFICATE_NAME });
    expect(JSON.parse(realEvent.Detail)).toMatchObject({ Test: false });
    expect(event.DetailType).toBe('IAM Server Certificate Approaching Expiration');
  });
});
