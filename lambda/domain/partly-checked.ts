/**
 * The accounts of an organization run that were checked but not in full (pure): the alarm's count and the names
 * the digest's overview puts near the top.
 */
import type { AccountItem } from '../../contract/organization';
import type { CoverageGap, Report } from './types';

/** An account checked with nothing flagged, where something could not be checked (so not an all-clear). */
export interface PartlyCheckedAccount {
  readonly account: AccountItem;
  readonly gaps: readonly CoverageGap[];
  /** Scan gaps beyond `gaps` that the scan step's result did not carry. @default 0 */
  readonly gapsOmitted?: number;
}

/** What is read of the organization report (OrgReport): the accounts with findings, the quiet ones with gaps. */
interface CheckedAccounts {
  readonly accounts: readonly { readonly account: AccountItem; readonly report: Report }[];
  readonly partlyChecked?: readonly PartlyCheckedAccount[];
}

export interface PartlyChecked {
  readonly account: AccountItem;
  /** Certificates flagged in the account (0 for a quiet one). */
  readonly findings: number;
  /** The account's report when something was flagged (its coverage names the places not read). */
  readonly report?: Report;
  /** What could not be read. */
  readonly gaps: readonly CoverageGap[];
}

/**
 * Every checked account where some region or service could not be read, WITH OR WITHOUT findings, by account id.
 * With findings too: its alert lists what was found, but a certificate in a place not read is missing from it,
 * so the run is partial either way. A sink that failed to deliver is not a gap in the scan (`deliveryFailures`).
 */
export function partlyCheckedAccounts(org: CheckedAccounts): PartlyChecked[] {
  const withFindings = org.accounts
    .filter((a) => !a.report.coverage.complete || a.report.coverage.gaps.length > 0)
    .map((a) => ({
      account: a.account,
      findings: a.report.findings.length,
      report: a.report,
      gaps: a.report.coverage.gaps,
    }));
  const quiet = (org.partlyChecked ?? []).map((p) => ({ account: p.account, findings: 0, gaps: p.gaps }));
  return [...withFindings, ...quiet].sort((a, b) => a.account.accountId.localeCompare(b.account.accountId));
}
