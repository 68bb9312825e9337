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
    expect(s.soonest?.certificate.expiration?.getTime()).toBe(earliest);
  });
});
