/**
 * Where each account of an organization run stands (pure): every account looked at appears once, so the digest is
 * audit evidence for the quiet ones too.
 */
import type { AccountItem, SkippedAccount } from '../../contract/organization';
import type { Report } from './types';

/**
 * `findings`: checked in full, something flagged; `clean`: checked, nothing flagged; `partly-checked`: flagged,
 * and some region or service was not read (the report names it); `not-checked`: the scan failed (reason);
 * `suspended` (not ACTIVE) and `skipped` (excluded by configuration): listed, not scanned.
 */
export type AccountStatusKind = 'findings' | 'clean' | 'partly-checked' | 'not-checked' | 'suspended' | 'skipped';

export interface AccountStatus {
  readonly accountId: string;
  readonly accountName: string;
  readonly status: AccountStatusKind;
  /** Flagged certificates (0 unless `findings` or `partly-checked`). */
  readonly findings: number;
  /** Why it was not (fully) checked; absent for `findings` and `clean`. */
  readonly reason?: string;
}

/** The order statuses are counted in headlines. */
export const ACCOUNT_STATUS_ORDER: readonly AccountStatusKind[] = [
  'findings',
  'partly-checked',
  'clean',
  'not-checked',
  'suspended',
  'skipped',
];

/** A checked account: `report` absent on a quiet day (nothing flagged, nothing else read). */
export function checkedStatus(account: AccountItem, report: Report | undefined): AccountStatus {
  const base = { accountId: account.accountId, accountName: account.accountName };
  const findings = report?.findings.length ?? 0;
  if (!report || findings === 0) return { ...base, status: 'clean', findings: 0 };
  const partial = !report.coverage.complete || report.coverage.gaps.some((g) => g.service !== 'sink');
  return partial
    ? { ...base, status: 'partly-checked', findings, reason: 'some regions or services were not read' }
    : { ...base, status: 'findings', findings };
}

export function notCheckedStatus(account: AccountItem, reason: string): AccountStatus {
  return { accountId: account.accountId, accountName: account.accountName, status: 'not-checked', findings: 0, reason };
}

export function skippedStatus(account: SkippedAccount): AccountStatus {
  return {
    accountId: account.accountId,
    accountName: account.accountName,
    status: account.reason === 'suspended' ? 'suspended' : 'skipped',
    findings: 0,
    reason: account.detail,
  };
}

export type StatusCounts = Record<AccountStatusKind, number>;

export function countStatuses(statuses: readonly AccountStatus[]): StatusCounts {
  const counts = Object.fromEntries(ACCOUNT_STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
  for (const s of statuses) counts[s.status] += 1;
  return counts;
}
