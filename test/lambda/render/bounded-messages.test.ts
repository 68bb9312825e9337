/**
 * Every message is bounded and nothing in the input stops publishing. Estates are built in memory
 * (no HTTP) so the large fixed cases stay fast: random estates, 10,000 certificates, 1,000 snoozed, 500 accounts,
 * one account with 5,000 certificates.
 */
import { orgRequests } from './support';
import fc from 'fast-check';
import type { Finding, Report, SnoozedCertificate } from '../../../lambda/domain/types';
import { MAX_PARTS } from '../../../lambda/render/list-caps';
import {
  SNS_MAX_PUBLISH_BYTES,
  publishRequestBytes,
  renderPublishRequests,
  type PublishRequest,
  type SnsMessageByProtocol,
} from '../../../lambda/render/publish-requests';
import { buildOrgReport, isQuiet, type OrgReport } from '../../../lambda/domain/org-report';
import { NOW, finding, largeReport, report, usage, validateOrgReport, validateReport, expectValid } from './support';

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

/** Every account with findings has exactly one section (rendered or one line) in the digest, or is counted. */
function expectEveryAccountAccounted(org: OrgReport, digest: readonly { message: string }[]): void {
  const parts = digest.map((r) => JSON.parse((JSON.parse(r.message) as SnsMessageByProtocol).sqs));
  for (const part of parts) expectValid(validateOrgReport, part);
  const ids = parts.flatMap((p) => [
    ...p.reports.map((x: { account: { id: string } }) => x.account.id),
    ...p.unrenderedSections.map((x: { id: string }) => x.id),
  ]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length + parts[parts.length - 1].sectionsOmitted).toBe(org.accounts.length);
  expect(ids).toEqual(org.accounts.slice(0, ids.length).map((a) => a.account.accountId));
}

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
            Array.from({ length: f.usages }, (_, j) => usage({ name: `lb-${i}-${j}` })),
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

  it('50 certificates served in 65 places each: all 50 named within 10 messages, compact rather than counted', () => {
    const requests = [...renderPublishRequests(largeReport(50, 65))];
    expectBounded(requests);
    const named = requests.flatMap(
      (q) => sqsOf(q).findings as { rendering?: string; usages: unknown[]; omittedUsages: number }[],
    );
    expect(named).toHaveLength(50);
    expect(named.every((f) => f.rendering === 'compact')).toBe(true);
    // Each certificate's share of the 10 messages: its first usages, the rest counted.
    expect(named.every((f) => f.usages.length > 0 && f.usages.length + f.omittedUsages === 65)).toBe(true);
    expect(sqsOf(requests[requests.length - 1]!).omitted.findings).toBe(0);
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
    const { digest, accounts } = orgRequests(org);
    for (const request of [...digest, ...accounts])
      expect(publishRequestBytes(request as PublishRequest)).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    expect(accounts.filter((a) => a.messageAttributes.account === big.accountId).length).toBeLessThanOrEqual(MAX_PARTS);
    expect(digest.length).toBeGreaterThan(0);
    expect(digest.length).toBeLessThanOrEqual(MAX_PARTS);
    expectEveryAccountAccounted(org, digest);
  });

  it('property: random organizations render without throwing, at most 10 digest parts, each account once', () => {
    const estate = fc.record({
      accounts: fc.array(
        fc.record({
          findings: fc.nat({ max: 40 }),
          usages: fc.nat({ max: 60 }),
          name: fc.string({ maxLength: 50 }),
          outcome: fc.constantFrom('findings', 'quiet', 'partly', 'not-checked'),
        }),
        { maxLength: 80 },
      ),
      maxBytes: fc.constantFrom(40_000, 100_000, SNS_MAX_PUBLISH_BYTES),
    });
    fc.assert(
      fc.property(estate, (e) => {
        const listed = e.accounts.map((a, i) => ({
          accountId: String(300_000_000_000 + i),
          accountName: a.name,
          hub: false,
        }));
        const org = buildOrgReport({
          generatedAt: NOW,
          listed,
          outcomes: e.accounts.map((a, i) => {
            const account = listed[i]!;
            if (a.outcome === 'not-checked')
              return { status: 'not-checked' as const, account, reason: `denied ${a.name}` };
            if (a.outcome === 'findings' && a.findings > 0) {
              const findings = Array.from({ length: a.findings }, (_, j) =>
                finding(
                  `c-${j}`,
                  SEVERITIES[j % SEVERITIES.length],
                  2,
                  Array.from({ length: a.usages }, (_, k) => usage({ name: `lb-${k}` })),
                ),
              );
              return {
                status: 'checked' as const,
                account,
                certificatesScanned: a.findings,
                report: { ...report(findings), accountId: account.accountId },
              };
            }
            const gaps =
              a.outcome === 'partly' ? [{ region: 'eu-west-1', service: 'elbv2' as const, reason: a.name }] : [];
            return { status: 'checked' as const, account, certificatesScanned: 1, gaps };
          }),
        });
        const { digest, accounts } = orgRequests({ ...org, runId: 'run-p' }, { maxBytes: e.maxBytes });
        if (isQuiet(org)) {
          expect(digest).toEqual([]);
          return;
        }
        expect(digest.length).toBeGreaterThan(0);
        expect(digest.length).toBeLessThanOrEqual(MAX_PARTS);
        for (const request of [...digest, ...accounts])
          expect(publishRequestBytes(request as PublishRequest)).toBeLessThanOrEqual(e.maxBytes);
        for (const item of org.accounts)
          expect(
            accounts.filter((a) => a.messageAttributes.account === item.account.accountId).length,
          ).toBeLessThanOrEqual(MAX_PARTS);
        expectEveryAccountAccounted(org, digest);
      }),
      { numRuns: 20 },
    );
  });
});
