import {
  buildOrgReport,
  isQuiet,
  NO_RESULT_REASON,
  orgCounts,
  summariseAccount,
} from '../../../lambda/domain/org-report';
import { realisticReport, REALISTIC_NOW } from '../../fixtures/reports/realistic';
import { account, reportFor } from '../org/support';

const A = account('222222222222', 'web');
const B = account('333333333333', 'api');
const C = account('444444444444', 'sandbox');
const D = account('555555555555', 'data');

describe('buildOrgReport', () => {
  it('keeps findings per account: the same certificate name in two accounts is two findings', () => {
    const org = buildOrgReport({
      generatedAt: REALISTIC_NOW,
      listed: [A, B, C, D],
      outcomes: [
        { status: 'checked', account: A, certificatesScanned: 5, report: reportFor(A.accountId, [1]) },
        { status: 'checked', account: B, certificatesScanned: 7, report: reportFor(B.accountId, [1]) },
        { status: 'not-checked', account: C, reason: 'role not found or not assumable' },
        { status: 'checked', account: D, certificatesScanned: 3 },
      ],
    });
    expect(org.accounts.map((a) => [a.account.accountId, a.report.findings.map((f) => f.certificate.name)])).toEqual([
      [A.accountId, [realisticReport.findings[1]!.certificate.name]],
      [B.accountId, [realisticReport.findings[1]!.certificate.name]],
    ]);
    expect(orgCounts(org)).toEqual({ expired: 0, critical: 2, warning: 0, unknown: 0, unused: 0 });
    expect(org).toMatchObject({
      accountsListed: 4,
      accountsChecked: 3,
      certificatesScanned: 15,
      notChecked: [{ account: C, reason: 'role not found or not assumable' }],
    });
    expect(isQuiet(org)).toBe(false);
  });

  it('orders accounts by worst severity, then soonest expiry; names a listed account with no result', () => {
    const org = buildOrgReport({
      generatedAt: REALISTIC_NOW,
      listed: [A, B, C],
      outcomes: [
        { status: 'checked', account: A, certificatesScanned: 1, report: reportFor(A.accountId, [2]) },
        { status: 'checked', account: B, certificatesScanned: 1, report: reportFor(B.accountId, [0]) },
      ],
    });
    expect(org.accounts.map((a) => a.account.accountId)).toEqual([B.accountId, A.accountId]);
    expect(org.notChecked).toEqual([{ account: C, reason: NO_RESULT_REASON }]);
  });

  it('a checked result beats a failed one for the same account (a retried child); the name stands in for a missing alias', () => {
    const org = buildOrgReport({
      generatedAt: REALISTIC_NOW,
      listed: [A],
      outcomes: [
        { status: 'not-checked', account: A, reason: 'timed out' },
        { status: 'checked', account: A, certificatesScanned: 1, report: reportFor(A.accountId, [0]) },
      ],
    });
    expect(org.notChecked).toEqual([]);
    expect(org.accounts[0]!.report.accountAlias).toBe('web');
  });

  it('is quiet when every account is checked and nothing is flagged', () => {
    const org = buildOrgReport({
      generatedAt: REALISTIC_NOW,
      listed: [A, B],
      outcomes: [
        { status: 'checked', account: A, certificatesScanned: 2 },
        { status: 'checked', account: B, certificatesScanned: 0 },
      ],
    });
    expect(isQuiet(org)).toBe(true);
  });

  it('names a quiet account with scan gaps partly checked, not clean; a sink failure alone leaves it clean', () => {
    const denied = { region: 'eu-west-1', service: 'elb' as const, reason: 'AccessDenied' };
    const failed = { region: 'us-east-1', service: 'elbv2' as const, reason: 'Throttling' };
    const sink = { region: 'eu-west-1', service: 'sink' as const, reason: 'Security Hub: AccessDenied' };
    const org = buildOrgReport({
      generatedAt: REALISTIC_NOW,
      listed: [A, B, C, D],
      outcomes: [
        { status: 'checked', account: A, certificatesScanned: 2, gaps: [denied, failed, denied] },
        { status: 'checked', account: B, certificatesScanned: 1, gaps: [sink] },
        { status: 'checked', account: C, certificatesScanned: 1, gaps: [], gapsOmitted: 2 },
        { status: 'checked', account: D, certificatesScanned: 1 },
      ],
    });
    expect(org.statuses.map((s) => [s.accountId, s.status, s.findings, s.reason])).toEqual([
      [A.accountId, 'partly-checked', 0, 'not read: elb in eu-west-1, elbv2 in us-east-1'],
      [B.accountId, 'clean', 0, undefined],
      [C.accountId, 'partly-checked', 0, '2 places not read'],
      [D.accountId, 'clean', 0, undefined],
    ]);
    expect(org.partlyChecked?.map((p) => [p.account.accountId, p.gaps.length, p.gapsOmitted])).toEqual([
      [A.accountId, 3, undefined],
      [B.accountId, 1, undefined],
      [C.accountId, 0, 2],
    ]);
  });

  it("lists at most three places in a quiet partly checked account's reason, then how many more", () => {
    const gaps = ['a', 'b', 'c', 'd', 'e'].map((r) => ({ region: `eu-${r}`, service: 'elb' as const, reason: 'x' }));
    const org = buildOrgReport({
      generatedAt: REALISTIC_NOW,
      listed: [A],
      outcomes: [{ status: 'checked', account: A, certificatesScanned: 2, gaps, gapsOmitted: 1 }],
    });
    expect(org.statuses[0]!.reason).toBe('not read: elb in eu-a, elb in eu-b, elb in eu-c (+3 more)');
  });
});

describe('summariseAccount', () => {
  it('counts, worst severity and the finding that expires soonest', () => {
    const s = summariseAccount(realisticReport);
    expect(s.worst).toBe('expired');
    expect(s.total).toBe(realisticReport.findings.length);
    const earliest = Math.min(
      ...realisticReport.findings.flatMap((f) =>
        f.certificate.expiration ? [f.certificate.expiration.getTime()] : [],
      ),
    );
    expect(s.soonest?.expiry.at.getTime()).toBe(earliest);
    expect(s.soonest?.finding.certificate.expiration?.getTime()).toBe(earliest);
  });
});
