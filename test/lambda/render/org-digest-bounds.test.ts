/**
 * In organization mode, every account's section within its own budget, at most MAX_PARTS
 * digest parts, an unrenderable account as one line, a digest for an organization only partly checked, and the
 * run id in every message. Org reports are built in memory (no HTTP).
 */
import { orgRequests } from './support';
import type { AccountItem } from '../../../contract/organization';
import { buildOrgReport, type AccountOutcome, type OrgReport } from '../../../lambda/domain/org-report';
import type { Elbv2ListenerUsage, Report } from '../../../lambda/domain/types';
import { MAX_PARTS } from '../../../lambda/render/list-caps';
import { buildOrgChatbotNotification } from '../../../lambda/render/org-chatbot';
import type { OrgPublishRequest } from '../../../lambda/render/org-publish-requests';
import {
  SNS_MAX_PUBLISH_BYTES,
  publishRequestBytes,
  type PublishRequest,
  type SnsMessageByProtocol,
} from '../../../lambda/render/publish-requests';
import { NOW, expectValid, finding, largeReport, report, usage, validateOrgReport } from './support';

const member = (i: number): AccountItem => ({
  accountId: String(200_000_000_000 + i),
  accountName: `team-${i}`,
  hub: false,
});

const withFindings = (account: AccountItem, r: Report): AccountOutcome => ({
  status: 'checked',
  account,
  certificatesScanned: r.findings.length,
  report: { ...r, accountId: account.accountId },
});

function orgOf(outcomes: readonly AccountOutcome[]): OrgReport {
  return buildOrgReport({ generatedAt: NOW, listed: outcomes.map((o) => o.account), outcomes });
}

const small = (i: number) => report([finding(`cert-${i}`, 'critical', 2)]);
const variants = (r: OrgPublishRequest) => JSON.parse(r.message) as SnsMessageByProtocol;
const sqsOf = (r: OrgPublishRequest) => JSON.parse(variants(r).sqs);
const bytes = (r: OrgPublishRequest) => publishRequestBytes(r as unknown as PublishRequest);
/** The account ids whose report is in a digest part, in order. */
const sectionIds = (digest: readonly OrgPublishRequest[]) =>
  digest.flatMap((r) => sqsOf(r).reports.map((x: { account: { id: string } }) => x.account.id));

function expectBoundedDigest(digest: readonly OrgPublishRequest[]): void {
  expect(digest.length).toBeGreaterThan(0);
  expect(digest.length).toBeLessThanOrEqual(MAX_PARTS);
  for (const request of digest) {
    expect(bytes(request)).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    expectValid(validateOrgReport, sqsOf(request));
  }
}

describe('organization digest bounds', () => {
  it('one account with 5,000 certificates takes one section of its own budget, not the digest', () => {
    const big = member(0);
    const org = orgOf([
      withFindings(big, largeReport(5_000, 1)),
      ...[1, 2, 3].map((i) => withFindings(member(i), small(i))),
    ]);
    const { digest, accounts } = orgRequests(org);
    expectBoundedDigest(digest);
    // Each account exactly once, the big one first (most urgent), within one part at most.
    expect(sectionIds(digest)).toEqual(org.accounts.map((a) => a.account.accountId));
    expect(digest.length).toBeLessThanOrEqual(2);
    const bigSection = digest.flatMap((r) => sqsOf(r).reports).find((x) => x.account.id === big.accountId);
    expect(bigSection.findings.length + bigSection.omitted.findings).toBe(5_000);
    // Its own 10 messages cannot name 5,000 certificates: the digest does not claim they do.
    expect(variants(digest[0]!).email.replace(/\s+/g, ' ')).toContain(
      "this account's own messages of this run name them, as many as 10 messages hold, and count any others.",
    );
    expect(variants(digest[0]!).email).not.toMatch(/names them all/);
    // Its own messages still carry every certificate they can (the single-account bounds).
    expect(accounts.filter((a) => a.messageAttributes.account === big.accountId).length).toBe(MAX_PARTS);
  });

  it('2,000 accounts with findings: at most 10 parts, the last counts the accounts without a section', () => {
    const org = orgOf(Array.from({ length: 2_000 }, (_, i) => withFindings(member(i), small(i))));
    const { digest, accounts } = orgRequests({ ...org, reportLocation: 's3://run-data/runs/run-7/' });
    expectBoundedDigest(digest);
    expect(digest).toHaveLength(MAX_PARTS);
    const shown = sectionIds(digest);
    const last = sqsOf(digest[digest.length - 1]!);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length + last.sectionsOmitted).toBe(2_000);
    expect(last.reportLocation).toBe('s3://run-data/runs/run-7/');
    expect(variants(digest[digest.length - 1]!).email).toMatch(
      new RegExp(`${last.sectionsOmitted} accounts with findings have no section in this digest`),
    );
    expect(variants(digest[digest.length - 1]!).email).toContain('s3://run-data/runs/run-7/');
    // Every account still gets its own message.
    expect(new Set(accounts.map((a) => a.messageAttributes.account)).size).toBe(2_000);
  });

  it('an account whose alert cannot be rendered is one line, and its own message counts it and says where its report is', () => {
    const broken = usage({ type: 'api-gateway' } as unknown as Partial<Elbv2ListenerUsage>);
    const org = orgOf([
      withFindings(member(0), report([finding('odd-cert', 'expired', -1, [broken])])),
      withFindings(member(1), small(1)),
    ]);
    const { digest, accounts } = orgRequests({ ...org, reportLocation: 's3://run-data/runs/run-9/' });
    expectBoundedDigest(digest);
    expect(digest).toHaveLength(1);
    const json = sqsOf(digest[0]!);
    expect(json.unrenderedSections).toEqual([
      { id: member(0).accountId, name: 'team-0', reason: expect.stringMatching(/could not be rendered/) },
    ]);
    expect(json.reports.map((r: { account: { id: string } }) => r.account.id)).toEqual([member(1).accountId]);
    expect(variants(digest[0]!).email).toContain('No section for this account: its alert could not be rendered');
    // The account is not left without a message: its counts, why, and where the run data is.
    expect(accounts.map((a) => a.messageAttributes.account)).toEqual([member(0).accountId, member(1).accountId]);
    const notice = variants(accounts[0]!);
    const email = notice.email.replace(/\s+/g, ' ');
    expect(email).toContain("1 flagged certificate is not named here: this account's alert could not be rendered (");
    expect(email).toContain('Its report is in the run data under s3://run-data/runs/run-9/');
    expect(email).not.toContain('odd-cert');
    expect(accounts[0]!.messageAttributes).toMatchObject({ severity: 'expired', scope: 'account' });
    expect(JSON.parse(notice.https).content.description).toContain('not named* — this alert could not be rendered');
    expect(JSON.parse(notice.sqs).omitted.findings).toBe(1);
  });

  it('an organization whose only problem is a partly checked account still gets a digest', () => {
    const quiet: AccountOutcome = {
      status: 'checked',
      account: member(5),
      certificatesScanned: 4,
      gaps: [{ region: 'eu-west-1', service: 'elbv2', reason: 'AccessDenied: not authorized' }],
    };
    const { digest, accounts } = orgRequests(orgOf([quiet]));
    expect(accounts).toEqual([]);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe(
      '[PARTLY CHECKED] 1 of 1 AWS account checked only in part for IAM certificate expiry',
    );
    expect(digest[0]!.messageAttributes).toEqual({ scope: 'organization', severity: 'ok' });
    expect(variants(digest[0]!).email).toContain('200000000005 (team-5): partly checked;');
    const chat = JSON.parse(variants(digest[0]!).https);
    expect(chat.content.description).toContain('*PARTLY CHECKED*');
  });

  it('every message of the run names the run id; the Chatbot id is the run id and the part', () => {
    const org = {
      ...orgOf([withFindings(member(0), small(0)), withFindings(member(1), small(1))]),
      runId: 'exec-2026-12-04',
    };
    const { digest, accounts } = orgRequests(org);
    expect(sqsOf(digest[0]!).runId).toBe('exec-2026-12-04');
    expect(variants(digest[0]!).email.trimEnd().endsWith('Run id: exec-2026-12-04')).toBe(true);
    const chat = JSON.parse(variants(digest[0]!).https);
    expect(chat.id).toBe('iam-cert-expiry-organization-exec-2026-12-04');
    expect(chat.metadata.additionalContext.runId).toBe('exec-2026-12-04');
    for (const report of sqsOf(digest[0]!).reports) expect(report.runId).toBe('exec-2026-12-04');
    for (const message of accounts) expect(sqsOf(message).runId).toBe('exec-2026-12-04');
    // The same run rendered again (a retried aggregate step) gives the same messages.
    expect(orgRequests(org)).toEqual({ digest, accounts });
  });

  it('the Slack digest of 5,000 accounts stays within its description limit, counting the rest', () => {
    const org = orgOf(Array.from({ length: 5_000 }, (_, i) => withFindings(member(i), small(i))));
    const chat = buildOrgChatbotNotification({ org, sections: [] });
    expect(chat.content.description.length).toBeLessThanOrEqual(3_000);
    const shown = chat.content.description.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(shown).toBeGreaterThan(0);
    expect(chat.content.description).toContain(`…and ${5_000 - shown} more — see the email`);
  });
});
