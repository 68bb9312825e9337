/**
 * The organization digest and per-account messages: golden email text, schema-valid Chatbot and JSON
 * variants, SNS size limits (numbered digest parts, each account section exactly once) and quiet runs.
 */
import { orgRequests } from './support';
import type { OrgReport } from '../../../lambda/domain/org-report';
import { buildOrgReport } from '../../../lambda/domain/org-report';
import { buildOrgChatbotNotification } from '../../../lambda/render/org-chatbot';
import { renderOrgEmailText } from '../../../lambda/render/org-email-text';
import { buildOrgJsonReport } from '../../../lambda/render/org-json-report';
import { SCOPE } from '../../../lambda/render/org-publish-requests';
import {
  publishRequestBytes,
  renderPublishRequests,
  type PublishRequest,
} from '../../../lambda/render/publish-requests';
import { renderOrgSubject } from '../../../lambda/render/org-view';
import { REALISTIC_NOW } from '../../fixtures/reports/realistic';
import { account, reportFor } from '../org/support';
import { expectGolden, expectValid, validateChatbot, validateOrgReport } from './support';

function org(accountsWithFindings: number, notChecked = 1): OrgReport {
  const withFindings = Array.from({ length: accountsWithFindings }, (_, i) =>
    account(String(200_000_000_000 + i), `team-${i}`),
  );
  const gaps = Array.from({ length: notChecked }, (_, i) => account(String(900_000_000_000 + i), `sandbox-${i}`));
  const quiet = account('111111111111', 'management', true);
  return buildOrgReport({
    generatedAt: REALISTIC_NOW,
    listed: [quiet, ...withFindings, ...gaps],
    outcomes: [
      { status: 'checked', account: quiet, certificatesScanned: 3 },
      ...withFindings.map((a, i) => ({
        status: 'checked' as const,
        account: a,
        certificatesScanned: 10,
        report: reportFor(a.accountId, i % 2 === 0 ? [0, 1] : [2]),
      })),
      ...gaps.map((a) => ({ status: 'not-checked' as const, account: a, reason: 'role not found or not assumable' })),
    ],
  });
}

const bytes = (r: { subject: string; message: string; messageAttributes: Readonly<Record<string, string>> }) =>
  publishRequestBytes(r as unknown as PublishRequest);

const sqsOf = (r: { message: string }) => JSON.parse((JSON.parse(r.message) as Record<string, string>).sqs!);
const firstOverview = (digest: readonly { message: string }[]) => sqsOf(digest[0]!).accounts;

describe('organization digest', () => {
  it('email text: overview lines, accounts not checked, then each account’s own alert (golden)', () => {
    const small = org(2);
    const { digest } = orgRequests(small);
    expect(digest).toHaveLength(1);
    const text = (JSON.parse(digest[0]!.message) as Record<string, string>).email!;
    expectGolden('org-digest.email.txt', text);
    expect(text.indexOf('ACCOUNTS WITH FINDINGS (2)')).toBeLessThan(text.indexOf('NOT CHECKED (1)'));
    expect(text.indexOf('NOT CHECKED (1)')).toBeLessThan(text.indexOf('# ACCOUNT 200000000000 (team-0)'));
  });

  it('Chatbot and JSON variants are valid against their schemas; the subject is short ASCII', () => {
    const view = { org: org(3), sections: [] };
    expectValid(validateChatbot, buildOrgChatbotNotification(view));
    expectValid(validateOrgReport, buildOrgJsonReport(view));
    const subject = renderOrgSubject({ ...view, part: { number: 12, total: 12 } });
    expect(subject).toBe('[EXPIRED] 5 IAM certificates need renewal in 3 of 5 AWS accounts (12/12)');
    expect(renderOrgSubject({ org: org(0, 2), sections: [] })).toBe(
      '[NOT CHECKED] 2 of 3 AWS accounts could not be checked for IAM certificate expiry',
    );
  });

  it('splits a large digest into numbered parts under the SNS limit, each account section exactly once', () => {
    const large = org(40, 3);
    const maxBytes = 120_000;
    const { digest, accounts } = orgRequests(large, { maxBytes });
    expect(digest.length).toBeGreaterThan(1);
    for (const [i, request] of digest.entries()) {
      expect(bytes(request)).toBeLessThanOrEqual(maxBytes);
      expect(request.messageAttributes).toEqual({ scope: SCOPE.organization, severity: 'expired' });
      expect(request.subject.endsWith(`(${i + 1}/${digest.length})`)).toBe(true);
      const json = JSON.parse((JSON.parse(request.message) as Record<string, string>).sqs!);
      expectValid(validateOrgReport, json);
      // Every part carries the same overview, within half a message: the accounts it names, and the rest counted.
      expect(json.accounts.length).toBeGreaterThan(0);
      expect(json.accounts.length + json.accountsOmitted).toBe(40);
      expect(json.accounts).toEqual(firstOverview(digest));
    }
    const sections = digest.flatMap((r) =>
      JSON.parse((JSON.parse(r.message) as Record<string, string>).sqs!).reports.map(
        (x: { account: { id: string } }) => x.account.id,
      ),
    );
    expect(sections).toEqual(large.accounts.map((a) => a.account.accountId));
    expect(accounts.map((r) => r.messageAttributes.account)).toEqual(large.accounts.map((a) => a.account.accountId));
    expect(accounts.every((r) => r.messageAttributes.scope === SCOPE.account && bytes(r) <= maxBytes)).toBe(true);
  });

  it('an account message is the single-account alert plus scope=account', () => {
    const small = org(2);
    const { accounts } = orgRequests(small);
    const [single] = renderPublishRequests(small.accounts[0]!.report);
    expect(accounts[0]).toEqual({ ...single, messageAttributes: { ...single!.messageAttributes, scope: 'account' } });
  });

  it('caps the overview of a very large organization, counting the rest', () => {
    const view = { org: org(0, 130), sections: [], overviewLimit: 100 };
    const json = buildOrgJsonReport(view);
    expect(json.notChecked).toHaveLength(100);
    expect(json.notCheckedOmitted).toBe(30);
    expect(renderOrgEmailText(view)).toContain('…and 30 more accounts');
    expect(buildOrgChatbotNotification(view).content.description.length).toBeLessThanOrEqual(3000);
  });

  it('a quiet organization renders nothing; accounts not checked alone still make a digest', () => {
    expect(orgRequests(org(0, 0))).toEqual({ digest: [], accounts: [] });
    const gapsOnly = orgRequests(org(0, 1));
    expect(gapsOnly.accounts).toEqual([]);
    expect(gapsOnly.digest).toHaveLength(1);
    expect(gapsOnly.digest[0]!.messageAttributes).toEqual({ scope: 'organization', severity: 'ok' });
  });
});
