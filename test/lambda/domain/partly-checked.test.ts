/** Which checked accounts count as partly checked: gaps with or without findings; a sink failure is no scan gap. */
import { partlyCheckedAccounts } from '../../../lambda/domain/partly-checked';
import type { CoverageGap } from '../../../lambda/domain/types';
import { account, orgReportOf, reportFor } from '../org/support';

const denied: CoverageGap = { region: 'eu-west-1', service: 'elb', reason: 'AccessDenied' };
const notDelivered = [
  { sink: 'Security Hub', region: 'eu-west-1', kind: 'failed' as const, reason: 'AccessDeniedException' },
];
/** Read in full; Security Hub could not take its findings (`keep`: the findings kept, none for a quiet day). */
const complete = (id: string, keep = [0]) => {
  const r = reportFor(id, keep);
  return {
    ...r,
    coverage: { ...r.coverage, complete: true, gaps: [], regionsNotChecked: [] },
    deliveryFailures: notDelivered,
  };
};

describe('partlyCheckedAccounts', () => {
  it('counts quiet accounts with scan gaps and flagged accounts with a partial report, by account id', () => {
    const [Q, F, C, S, N] = ['500000000000', '400000000000', '300000000000', '200000000000', '100000000000'].map((id) =>
      account(id),
    );
    const org = orgReportOf([
      { status: 'checked', account: Q!, certificatesScanned: 1, gaps: [denied] },
      { status: 'checked', account: F!, certificatesScanned: 2, report: reportFor(F!.accountId, [0]) },
      { status: 'checked', account: C!, certificatesScanned: 2, report: complete(C!.accountId) },
      { status: 'checked', account: S!, certificatesScanned: 1, report: complete(S!.accountId, []) },
      { status: 'not-checked', account: N!, reason: 'timed out' },
    ]);
    const partly = partlyCheckedAccounts(org);
    expect(partly.map((p) => [p.account.accountId, p.findings])).toEqual([
      [F!.accountId, 1],
      [Q!.accountId, 0],
    ]);
    expect(partly[1]!.gaps).toEqual([denied]);
  });

  it('counts a quiet account whose carried gaps were all omitted (more than the scan result carries)', () => {
    const Q = account('500000000000');
    const org = orgReportOf([{ status: 'checked', account: Q, certificatesScanned: 1, gaps: [], gapsOmitted: 2 }]);
    expect(partlyCheckedAccounts(org).map((p) => [p.account.accountId, p.findings, p.gaps])).toEqual([
      [Q.accountId, 0, []],
    ]);
  });
});
