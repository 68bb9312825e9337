import { CHATBOT_LIMITS, buildChatbotNotification, chatbotThreadId } from '../../../lambda/render/chatbot';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { realisticReport } from '../../fixtures/reports/realistic';
import { expectValid, finding, largeReport, report, validateChatbot, validateReport } from './support';

describe('Chatbot custom notification', () => {
  it('matches the documented schema and threads per account and day', () => {
    const n = buildChatbotNotification(realisticReport);
    expectValid(validateChatbot, n);
    expect(n.metadata?.threadId).toBe('iam-cert-expiry-123456789012-2026-03-14');
    expect(chatbotThreadId({ ...realisticReport, generatedAt: new Date('2026-03-14T23:59:59Z') })).toBe(
      n.metadata?.threadId,
    );
    expect(n.content.title).toContain('[EXPIRED]');
    expect(n.content.description).toContain('*EXPIRED* `www-example-com-2025` — expired 3 days ago');
  });

  it('stays within limits on a huge report, saying how many were left out', () => {
    const n = buildChatbotNotification(largeReport(300, 10));
    expectValid(validateChatbot, n);
    expect(n.content.description.length).toBeLessThanOrEqual(CHATBOT_LIMITS.description);
    expect(n.content.description).toMatch(/…and \d+ more — see email\/JSON/);
    expect(n.metadata?.relatedResources).toHaveLength(CHATBOT_LIMITS.relatedResources);
  });

  it('escapes Slack control characters in names', () => {
    const n = buildChatbotNotification(report([finding('x', 'critical', 2, [], { owner: '<!channel>' })]));
    expect(n.content.description).toContain('owner: &lt;!channel&gt;');
  });

  it('rejects what Chatbot would drop', () => {
    expect(
      validateChatbot({
        version: '1.0',
        source: 'custom',
        content: { textType: 'client-markdown', title: 't', description: 'd' },
        extra: 1,
      }),
    ).toBe(false);
    expect(
      validateChatbot({
        version: '1.0',
        source: 'custom',
        content: { textType: 'markdown', title: 't', description: 'd' },
      }),
    ).toBe(false);
  });
});

describe('machine report', () => {
  it('is versioned, schema-valid, with nulls for absent values', () => {
    const json = buildJsonReport(realisticReport);
    expectValid(validateReport, json);
    expect(json.schemaVersion).toBe('1.3');
    // The enabled region that was denied is named, and the usage search is not complete.
    expect(json.coverage).toMatchObject({
      complete: false,
      regionsNotChecked: [{ region: 'eu-north-1', reason: 'denied', detail: 'elbv2: AccessDenied' }],
    });
    expect(json.summary).toMatchObject({
      counts: { expired: 1, critical: 3, warning: 1, unknown: 1, total: 6 },
      complete: false,
      worstSeverity: 'expired',
    });
    const unknown = json.findings.find((f) => f.severity === 'unknown');
    expect(unknown?.daysLeft).toBeNull();
    expect(unknown?.certificate.expiration).toBeNull();
    expect(json.findings[0].remediation.steps[0].commands[0]).toMatch(/^aws iam upload-server-certificate/);
  });

  it('handles an empty report without an alias', () => {
    const { accountAlias, ...withoutAlias } = report([]);
    const json = buildJsonReport(withoutAlias);
    expectValid(validateReport, json);
    expect(json.account.alias).toBeNull();
    expect(json.summary.complete).toBe(true);
    expect(json.summary.worstSeverity).toBe('ok');
  });
});
