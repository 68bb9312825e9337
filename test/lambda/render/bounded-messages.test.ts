/**
 * Issue 19 §1: every message is bounded and nothing in the input stops publishing. Estates are built in memory
 * (no HTTP) so the large fixed cases stay fast: random estates, 10,000 certificates, 1,000 snoozed, 500 accounts,
 * one account with 5,000 certificates.
 */
import fc from 'fast-check';
import type { Finding, Report, SnoozedCertificate } from '../../../lambda/domain/types';
import { MAX_PARTS } from '../../../lambda/render/list-caps';
import { renderOrgPublishRequests } from '../../../lambda/render/org-publish-requests';
import {
  SNS_MAX_PUBLISH_BYTES,
  publishRequestBytes,
  renderPublishRequests,
  type PublishRequest,
  type SnsMessageByProtocol,
} from '../../../lambda/render/publish-requests';
import { buildOrgReport } from '../../../lambda/domain/org-report';
import { NOW, finding, largeReport, report, usage, validateReport, expectValid } from './support';

const SEVERITIES = ['expired', 'critical', 'warning', 'unknown'] as const;

function snoozed(n: number): SnoozedCertificate[] {
  return Array.from({ length: n }, (_, i) => ({
    certificate: finding(`snoozed-${i}-${'s'.repeat(40)}`).certificate,
    daysLeft: 3,
    until: new Date(NOW.getTime() + 30 * 86_400_000),
    owner: `team-${i}@example.com`,
  }));
}

function expectBounded(requests: readonly PublishRequest[]): void {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.length).toBeLessThanOrEqual(MAX_PARTS);
  for (const request of requests) {
    expect(publishRequestBytes(request)).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    expect(request.subject.length).toBeLessThanOrEqual(100);
  }
}

const sqsOf = (request: { message: string }) =>
  JSON.parse((JSON.parse(request.message) as SnsMessageByProtocol).sqs) as {
    findings: unknown[];
    snoozed: unknown[];
    omitted: { findings: number; snoozed: number };
  };

describe('bounded messages', () => {
  it('property: random estates render without throwing, every request within the SNS limit with attributes', () => {
    const estate = fc.record({
      findings: fc.array(
        fc.record({
          severity: fc.constantFrom(...SEVERITIES),
          usages: fc.nat({ max: 400 }),
          owner: fc.string({ maxLength: 300 }),
          name: fc.string({ minLength: 1, maxLength: 128 }),
        }),
        { maxLength: 60 },
      ),
      snoozed: fc.nat({ max: 600 }),
      problems: fc.nat({ max: 600 }),
      gaps: fc.nat({ max: 200 }),
      alias: fc.string({ maxLength: 63 }),
    });
    fc.assert(
      fc.property(estate, (e) => {
        const findings: Finding[] = e.findings.map((f, i) =>
          finding(
            `${f.name}-${i}`,
            f.severity,
            f.severity === 'unknown' ? undefined : 3,
            Array.from({ length: f.usages }, (_, j) => usage({ loadBalancerName: `lb-${i}-${j}` })),
            { owner: f.owner },
          ),
        );
        const r = report(findings, {
          accountAlias: e.alias,
          snoozed: snoozed(e.snoozed),
          configurationProblems: Array.from({ length: e.problems }, (_, i) => ({
            certificateName: `c${i}`,
            problem: `tag value ${'x'.repeat(200)} is not valid`,
          })),
          coverage: {
            regionsScanned: ['us-east-1'],
            gaps: Array.from({ length: e.gaps }, (_, i) => ({
              region: `r-${i}`,
              service: 'elbv2' as const,
              reason: `AccessDenied: ${'y'.repeat(300)}`,
            })),
            regionsNotChecked: [],
            complete: e.gaps === 0,
          },
        });
        const requests = [...renderPublishRequests(r)];
        expectBounded(requests);
        for (const q of requests) expectValid(validateReport, sqsOf(q));
      }),
      { numRuns: 25 },
    );
  });

  it('10,000 flagged certificates: at most 10 messages, the last counts the rest', () => {
    const requests = [...renderPublishRequests(largeReport(10_000, 1))];
    expectBounded(requests);
    const named = requests.reduce((n, q) => n + sqsOf(q).findings.length, 0);
    expect(named + sqsOf(requests[requests.length - 1]!).omitted.findings).toBe(10_000);
  });

  it('1,000 snoozed certificates next to 9 flagged ones: one message, a few snoozed named, all counted', () => {
    const r = report(
      Array.from({ length: 9 }, (_, i) => finding(`flagged-${i}`)),
      { snoozed: snoozed(1_000) },
    );
    const requests = [...renderPublishRequests(r)];
    expect(requests).toHaveLength(1);
    const email = (JSON.parse(requests[0]!.message) as SnsMessageByProtocol).email;
    expect(email).toContain('SNOOZED - not alerted (1000)');
    expect(email).toContain('…and 990 more snoozed');
    expect(sqsOf(requests[0]!).snoozed.length + sqsOf(requests[0]!).omitted.snoozed).toBe(1_000);
  });

  it('one account with 5,000 certificates, and 500 accounts: the organization run never throws', () => {
    const member = (i: number) => ({ accountId: String(200_000_000_000 + i), accountName: `team-${i}`, hub: false });
    const reportOf = (accountId: string, r: Report): Report => ({ ...r, accountId });
    const big = member(0);
    const others = Array.from({ length: 499 }, (_, i) => member(i + 1));
    const org = buildOrgReport({
      generatedAt: NOW,
      listed: [big, ...others],
      outcomes: [
        {
          status: 'checked',
          account: big,
          certificatesScanned: 5_000,
          report: reportOf(big.accountId, largeReport(5_000, 1)),
        },
        ...others.map((a, i) => ({
          status: 'checked' as const,
          account: a,
          certificatesScanned: 3,
          report: reportOf(a.accountId, report([finding(`cert-${i}`, 'critical', 2)], { snoozed: snoozed(i % 7) })),
        })),
      ],
    });
    const { digest, accounts } = renderOrgPublishRequests(org);
    for (const request of [...digest, ...accounts])
      expect(publishRequestBytes(request as PublishRequest)).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    expect(accounts.filter((a) => a.messageAttributes.account === big.accountId).length).toBeLessThanOrEqual(MAX_PARTS);
    expect(digest.length).toBeGreaterThan(0);
  });
});
