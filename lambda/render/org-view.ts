/**
 * What one organization digest message shows (pure): the whole organization's overview (one line per account
 * with findings, then the accounts not checked) and the per-account sections that go into this message. Each
 * section is one part of an account's own alert, rendered by the single-account renderers.
 */
import type { AccountWithFindings, NotCheckedAccount, OrgReport } from '../domain/org-report';
import type { Severity } from '../domain/types';
import { orgCounts, orgWorstSeverity, summariseAccount, type AccountSummary } from '../domain/org-report';
import { expiryText } from './certificate-text';
import { partlyCheckedAccounts } from '../domain/partly-checked';
import { FLAGGED_SEVERITIES } from '../domain/severity';
import {
  ACCOUNT_STATUS_ORDER,
  countStatuses,
  type AccountStatus,
  type AccountStatusKind,
} from '../domain/account-status';
import { notCheckedPlaces } from './coverage-text';
import { SEVERITY_LABEL, isoDay, plural, timeLeftPhrase } from './format';
import type { AccountSection } from './account-section';
import type { PartInfo } from './render-view';
import { SNS_SUBJECT_MAX_LENGTH } from './subject';
import { testMarked } from './test-alert-text';
import { subjectText } from '../text/sanitise';

export interface OrgDigestView {
  readonly org: OrgReport;
  readonly sections: readonly AccountSection[];
  /** Absent when the digest fits in one message. */
  readonly part?: PartInfo;
  /**
   * At most this many accounts with findings, and as many not checked, are listed in the overview (the rest
   * are counted), so that the overview of a very large organization still fits an SNS message.
   * @default no limit
   */
  readonly overviewLimit?: number;
  /**
   * Accounts with findings whose section is in no part of this digest (a digest has at most MAX_PARTS parts):
   * counted in the last part, with where their reports are. @default 0
   */
  readonly sectionsOmitted?: number;
}

/** "3 of 40 AWS accounts" style counts for the headline. */
export function orgHeadline(org: OrgReport): string {
  const counts = orgCounts(org);
  const total = FLAGGED_SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const parts: string[] = [];
  if (total > 0) {
    const breakdown = FLAGGED_SEVERITIES.filter((s) => counts[s] > 0).map(
      (s) => `${counts[s]} ${s === 'unknown' ? 'with unknown expiry' : s}`,
    );
    parts.push(
      `${plural(total, 'IAM server certificate')} in ${org.accounts.length} of ${plural(org.accountsListed, 'AWS account')} ` +
        `${total === 1 ? 'needs' : 'need'} attention (${breakdown.join(', ')}).`,
    );
  } else {
    parts.push(`No IAM server certificate in the ${plural(org.accountsChecked, 'account')} checked needs attention.`);
  }
  if (org.notChecked.length > 0) parts.push(`${plural(org.notChecked.length, 'account')} could not be checked.`);
  parts.push(`${statusCountsLine(org)}.`);
  return parts.join(' ');
}

export const ACCOUNT_STATUS_LABEL: Record<AccountStatusKind, string> = {
  findings: 'with findings',
  'partly-checked': 'partly checked',
  clean: 'clean',
  'not-checked': 'not checked',
  suspended: 'suspended',
  skipped: 'skipped (excluded)',
};

/** `9 accounts looked at: 2 with findings, 1 partly checked, 4 clean, 1 not checked, 1 suspended`. */
export function statusCountsLine(org: OrgReport): string {
  const counts = countStatuses(org.statuses);
  const parts = ACCOUNT_STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${ACCOUNT_STATUS_LABEL[s]}`);
  return `${plural(org.statuses.length, 'account')} looked at${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * `111111111111 (prod-web): partly checked, 2 certificates flagged; 3 enabled regions not checked: … (excluded by
 * configuration)`: one account's status, with its gaps or the reason it was not (fully) checked.
 */
export function statusLine(status: AccountStatus, org: OrgReport): string {
  const name = accountName(status.accountId, status.accountName);
  const flagged = status.findings > 0 ? `, ${plural(status.findings, 'certificate')} flagged` : '';
  const head = `${name}: ${ACCOUNT_STATUS_LABEL[status.status]}${flagged}`;
  if (status.status === 'partly-checked') {
    const report = org.accounts.find((a) => a.account.accountId === status.accountId)?.report;
    const gaps = report ? notCheckedPlaces(report) : status.reason;
    return `${head}; ${gaps || status.reason}`;
  }
  return status.reason ? `${head} (${status.reason})` : head;
}

/** `111111111111 (prod-web): 1 expired, 2 critical; worst EXPIRED; soonest 2026-11-28, expired 2 days ago`. */
export function accountLine(item: AccountWithFindings): string {
  const s = summariseAccount(item.report);
  const counts = FLAGGED_SEVERITIES.filter((sev) => s.counts[sev] > 0).map(
    (sev) => `${s.counts[sev]} ${sev === 'unknown' ? 'unknown expiry' : sev}`,
  );
  const soonest = s.soonest
    ? `; soonest ${soonestExpiry(s.soonest)}, ${timeLeftPhrase(s.soonest.finding.severity, s.soonest.finding.daysLeft)}`
    : '';
  return `${accountName(item.account.accountId, item.account.accountName)}: ${counts.join(', ')}; worst ${SEVERITY_LABEL[s.worst]}${soonest}`;
}

/** `2026-12-11`, with where it came from when not from IAM's listing: `2026-12-11 (from the certificate body; …)`. */
export function soonestExpiry(soonest: NonNullable<AccountSummary['soonest']>): string {
  return expiryText(soonest.finding, isoDay) ?? isoDay(soonest.expiry.at);
}

export function notCheckedLine(item: NotCheckedAccount): string {
  return `${accountName(item.account.accountId, item.account.accountName)}: ${item.reason}`;
}

export function accountName(id: string, name: string): string {
  return name ? `${id} (${name})` : id;
}

/** The overview's entries within the view's limit, and how many were left out. */
export function overviewEntries<T>(
  items: readonly T[],
  view: OrgDigestView,
): { readonly shown: readonly T[]; readonly omitted: number } {
  const limit = view.overviewLimit ?? Infinity;
  return { shown: items.slice(0, limit), omitted: Math.max(0, items.length - limit) };
}

const TAG: Record<Severity, string> = {
  expired: '[EXPIRED]',
  critical: '[CRITICAL]',
  warning: '[WARNING]',
  unknown: '[UNKNOWN]',
  unused: '[UNUSED]',
  ok: '[NOT CHECKED]',
};

/** `[EXPIRED] 12 IAM certificates need renewal in 3 of 40 AWS accounts (1/2)`: at most 100 printable ASCII. */
export function renderOrgSubject(view: OrgDigestView): string {
  const { org } = view;
  const worst = orgWorstSeverity(org);
  const total = org.accounts.reduce((n, a) => n + a.report.findings.length, 0);
  const part = view.part ? ` (${view.part.number}/${view.part.total})` : '';
  const of = `of ${plural(org.accountsListed, 'AWS account')}`;
  const head =
    total > 0
      ? `${TAG[worst]} ${plural(total, 'IAM certificate')} ${worst === 'unused' ? 'unused, to delete,' : total === 1 ? 'needs renewal' : 'need renewal'} in ${org.accounts.length} ${of}`
      : org.notChecked.length > 0
        ? `${TAG.ok} ${org.notChecked.length} ${of} could not be checked for IAM certificate expiry`
        : `[PARTLY CHECKED] ${partlyCheckedAccounts(org).length} ${of} checked only in part for IAM certificate expiry`;
  return subjectText(testMarked(org, head)).slice(0, SNS_SUBJECT_MAX_LENGTH - part.length) + part;
}
