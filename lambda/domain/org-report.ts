/**
 * The organization report (pure): every listed account is either checked (quiet, or with its own Report) or
 * not checked with a reason. Findings stay per account, so the same certificate name in two accounts is two
 * findings.
 */
import type { AccountItem, SkippedAccount } from '../../contract/organization';
import { checkedStatus, notCheckedStatus, skippedStatus, type AccountStatus } from './account-status';
import type { DeliveryFailure } from './delivery-failure';
import { partlyCheckedAccounts, type PartlyCheckedAccount } from './partly-checked';
import { expiryUsed, type ExpiryUsed } from './effective-expiry';
import { countBySeverity, worstSeverity, type SeverityCounts } from './severity';
import type { CoverageGap, Finding, Report, Severity } from './types';

export interface AccountWithFindings {
  readonly account: AccountItem;
  /** The account's report; its alias falls back to the account's name in the organization. */
  readonly report: Report;
}

export interface NotCheckedAccount {
  readonly account: AccountItem;
  readonly reason: string;
}

export interface OrgReport {
  /** The run (the state machine's execution name): every message names it. @default - not known (a laptop run) */
  readonly runId?: string;
  /** Where the run's full reports are (`s3://bucket/runs/<runId>/`). @default - not named */
  readonly reportLocation?: string;
  readonly generatedAt: Date;
  readonly accountsListed: number;
  readonly accountsChecked: number;
  readonly certificatesScanned: number;
  /** Most urgent first: worst severity, then soonest expiry, then account id. */
  readonly accounts: readonly AccountWithFindings[];
  readonly notChecked: readonly NotCheckedAccount[];
  /** Listed but not scanned: suspended (not ACTIVE) or excluded by configuration. */
  readonly skipped: readonly SkippedAccount[];
  /** Every account looked at (checked, not checked, skipped), by account id. */
  readonly statuses: readonly AccountStatus[];
  /** Checked accounts with nothing flagged but gaps (by account id). @default none */
  readonly partlyChecked?: readonly PartlyCheckedAccount[];
  /** The sinks that could not deliver the organization's report, in delivery order. @default none */
  readonly deliveryFailures?: readonly DeliveryFailure[];
  /** A test alert (`{"test": true}` to the aggregate function): one made-up account report (Report.test). @default a real run */
  readonly test?: true;
}

/** How far a run is: accounts whose scan ended, of all it scans; what they found and could not check. */
export interface OrgProgress {
  readonly accountsDone: number;
  readonly accountsTotal: number;
  /** Certificates flagged in the accounts done. */
  readonly findings: number;
  /** Accounts done that could not be checked. */
  readonly notChecked: number;
}

/** One account's scan outcome as the aggregate resolved it (reports read back from S3 where needed). */
export type AccountOutcome =
  | {
      readonly status: 'checked';
      readonly account: AccountItem;
      readonly certificatesScanned: number;
      readonly report?: Report;
      /** A quiet day's gaps (with a report, its own coverage says them). @default none */
      readonly gaps?: readonly CoverageGap[];
      /** A quiet day's scan gaps the scan step's result did not carry (lambda/org/result-gaps.ts). @default 0 */
      readonly gapsOmitted?: number;
    }
  | { readonly status: 'not-checked'; readonly account: AccountItem; readonly reason: string };

export interface OrgReportInput {
  /** @default - not known */
  readonly runId?: string;
  /** @default - not named */
  readonly reportLocation?: string;
  readonly generatedAt: Date;
  /** Every account the run listed. */
  readonly listed: readonly AccountItem[];
  readonly outcomes: readonly AccountOutcome[];
  /** Listed but not scanned. @default none */
  readonly skipped?: readonly SkippedAccount[];
}

export const NO_RESULT_REASON = 'no result recorded for this account';

export function buildOrgReport(input: OrgReportInput): OrgReport {
  const byId = new Map<string, AccountOutcome>();
  for (const outcome of input.outcomes) {
    const previous = byId.get(outcome.account.accountId);
    // A retried or redriven child may appear twice: a checked result beats a failed one.
    if (!previous || previous.status === 'not-checked') byId.set(outcome.account.accountId, outcome);
  }
  for (const account of input.listed) {
    if (!byId.has(account.accountId))
      byId.set(account.accountId, { status: 'not-checked', account, reason: NO_RESULT_REASON });
  }
  const accounts: AccountWithFindings[] = [];
  const notChecked: NotCheckedAccount[] = [];
  const statuses: AccountStatus[] = (input.skipped ?? []).filter((s) => !byId.has(s.accountId)).map(skippedStatus);
  const partlyChecked: PartlyCheckedAccount[] = [];
  let accountsChecked = 0;
  let certificatesScanned = 0;
  for (const outcome of byId.values()) {
    if (outcome.status === 'not-checked') {
      notChecked.push({ account: outcome.account, reason: outcome.reason });
      statuses.push(notCheckedStatus(outcome.account, outcome.reason));
      continue;
    }
    const gaps = outcome.report?.coverage.gaps ?? outcome.gaps ?? [];
    const gapsOmitted = outcome.gapsOmitted ?? 0;
    statuses.push(checkedStatus(outcome.account, outcome.report, gaps, gapsOmitted));
    accountsChecked += 1;
    certificatesScanned += outcome.certificatesScanned;
    if ((outcome.report?.findings.length ?? 0) === 0 && gaps.length + gapsOmitted > 0)
      partlyChecked.push({ account: outcome.account, gaps, ...(gapsOmitted > 0 ? { gapsOmitted } : {}) });
    if (outcome.report && outcome.report.findings.length > 0) {
      const alias = outcome.report.accountAlias ?? (outcome.account.accountName || undefined);
      accounts.push({
        account: outcome.account,
        report: {
          ...outcome.report,
          ...(alias !== undefined ? { accountAlias: alias } : {}),
          memberOfOrganization: true,
        },
      });
    }
  }
  accounts.sort(byUrgency);
  notChecked.sort((a, b) => a.account.accountId.localeCompare(b.account.accountId));
  partlyChecked.sort((a, b) => a.account.accountId.localeCompare(b.account.accountId));
  return {
    ...(input.runId ? { runId: input.runId } : {}),
    ...(input.reportLocation ? { reportLocation: input.reportLocation } : {}),
    generatedAt: input.generatedAt,
    // Every account the run listed, the suspended and excluded ones too (they are named in `statuses`).
    accountsListed: statuses.length,
    accountsChecked,
    certificatesScanned,
    accounts,
    notChecked,
    skipped: (input.skipped ?? []).filter((s) => !byId.has(s.accountId)),
    statuses: statuses.sort((a, b) => a.accountId.localeCompare(b.accountId)),
    ...(partlyChecked.length > 0 ? { partlyChecked } : {}),
  };
}

export interface AccountSummary {
  readonly counts: SeverityCounts;
  readonly total: number;
  readonly worst: Severity;
  /** The finding that expires first (by the date its days left count to), and that date. */
  readonly soonest?: { readonly finding: Finding; readonly expiry: ExpiryUsed };
}

export function summariseAccount(report: Report): AccountSummary {
  let soonest: AccountSummary['soonest'];
  for (const finding of report.findings) {
    const expiry = expiryUsed(finding);
    if (expiry && (soonest === undefined || expiry.at.getTime() < soonest.expiry.at.getTime()))
      soonest = { finding, expiry };
  }
  return {
    counts: countBySeverity(report.findings),
    total: report.findings.length,
    worst: worstSeverity(report.findings),
    ...(soonest ? { soonest } : {}),
  };
}

/** Counts over every account's findings. */
export function orgCounts(org: OrgReport): SeverityCounts {
  return countBySeverity(org.accounts.flatMap((a) => a.report.findings));
}

export function orgWorstSeverity(org: OrgReport): Severity {
  return worstSeverity(org.accounts.flatMap((a) => a.report.findings));
}

/** Nothing flagged anywhere and every account checked in full: nothing to publish. */
export function isQuiet(org: OrgReport): boolean {
  return org.accounts.length === 0 && org.notChecked.length === 0 && partlyCheckedAccounts(org).length === 0;
}

const RANK: Record<Severity, number> = { expired: 0, critical: 1, warning: 2, unknown: 3, unused: 4, ok: 5 };

function byUrgency(a: AccountWithFindings, b: AccountWithFindings): number {
  const sa = summariseAccount(a.report);
  const sb = summariseAccount(b.report);
  return (
    RANK[sa.worst] - RANK[sb.worst] ||
    (sa.soonest?.expiry.at.getTime() ?? Infinity) - (sb.soonest?.expiry.at.getTime() ?? Infinity) ||
    a.account.accountId.localeCompare(b.account.accountId)
  );
}
