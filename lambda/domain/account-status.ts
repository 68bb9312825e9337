/**
 * Where each account of an organization run stands (pure): every account looked at appears once, so the digest is
 * audit evidence for the quiet ones too.
 */
import type { AccountItem, SkippedAccount } from '../../contract/organization';
import type { CoverageGap, Report } from './types';

/**
 * `findings`: checked in full, something flagged; `clean`: checked in full, nothing flagged; `partly-checked`: some
 * region or service was not read, flagged (the report names it) or not (the reason does); `not-checked`: the scan
 * failed (reason);
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

/**
 * A checked account: `report` absent on a quiet day unless a sink failed. On a quiet day `gaps` and `gapsOmitted`
 * (gaps the scan's result did not carry) make it partly checked, not clean; a sink's failure never does.
 */
export function checkedStatus(
  account: AccountItem,
  report: Report | undefined,
  gaps: readonly CoverageGap[] = [],
  gapsOmitted = 0,
): AccountStatus {
  const base = { accountId: account.accountId, accountName: account.accountName };
  const findings = report?.findings.length ?? 0;
  if (!report || findings === 0) {
    return gaps.length + gapsOmitted > 0
      ? { ...base, status: 'partly-checked', findings: 0, reason: notReadReason(gaps, gapsOmitted) }
      : { ...base, status: 'clean', findings: 0 };
  }
  const partial = !report.coverage.complete || report.coverage.gaps.length > 0;
  return partial
    ? { ...base, status: 'partly-checked', findings, reason: 'some regions or services were not read' }
    : { ...base, status: 'findings', findings };
}

const LISTED_GAPS = 3;

/** `not read: elb in eu-west-1, elbv2 in eu-west-1 (+3 more)`. */
function notReadReason(gaps: readonly CoverageGap[], omitted: number): string {
  const places = [...new Set(gaps.map((g) => `${g.service} in ${g.region}`))];
  const more = places.length - Math.min(places.length, LISTED_GAPS) + omitted;
  const listed = places.slice(0, LISTED_GAPS).join(', ');
  if (!listed) return `${omitted} ${omitted === 1 ? 'place' : 'places'} not read`;
  return `not read: ${listed}${more > 0 ? ` (+${more} more)` : ''}`;
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
