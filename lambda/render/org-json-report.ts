/**
 * The organization digest's machine report (SQS, Lambda and email-json subscribers;
 * `npx iam-cert-expiry-monitor check --organization --json`): the overview, the accounts not checked, and each
 * account's own report in the single-account format. Its JSON Schema is schema/org-report.schema.json.
 */
import type { FlaggedSeverity, Severity } from '../domain/types';
import type { AccountStatusKind } from '../domain/account-status';
import { notCheckedPlaces } from './coverage-text';
import { orgCounts, orgWorstSeverity, summariseAccount } from '../domain/org-report';
import { jsonDeliveryFailures, type JsonDeliveryFailure, type JsonReport } from './json-report';
import { overviewEntries, type OrgDigestView } from './org-view';

/**
 * The org report's own version (schema/org-report.schema.json); each account report carries its own. 1.1: the
 * `unused` count, and every account looked at with its status (`accountStatuses`). 1.2: `runId`, `reportLocation`,
 * `sectionsOmitted` and `unrenderedSections` (the digest's bounds). 1.3: `deliveryFailures`.
 */
export const ORG_REPORT_SCHEMA_VERSION = '1.3';

export interface OrgJsonReport {
  readonly schemaVersion: typeof ORG_REPORT_SCHEMA_VERSION;
  readonly kind: 'iam-server-certificate-expiry-organization';
  /** The state machine's execution name; null when not known (the terminal). */
  readonly runId: string | null;
  /** Only on a test alert (OrgReport.test): nothing was scanned, the account's report is made up. */
  readonly test?: true;
  /** Where the run's full reports are, when known. */
  readonly reportLocation: string | null;
  readonly generatedAt: string;
  readonly part: { readonly number: number; readonly total: number };
  readonly summary: {
    readonly accountsListed: number;
    readonly accountsChecked: number;
    readonly accountsNotChecked: number;
    readonly accountsWithFindings: number;
    readonly certificatesScanned: number;
    /** Over every account (all parts). */
    readonly counts: Record<FlaggedSeverity, number> & { readonly total: number };
    readonly worstSeverity: Severity;
    /** False when some account could not be checked. */
    readonly complete: boolean;
    /** Listed, not ACTIVE: not scanned. */
    readonly accountsSuspended: number;
    /** Listed, excluded by configuration: not scanned. */
    readonly accountsSkipped: number;
  };
  /** Every account looked at, by id (all parts list the same): audit evidence for the quiet ones too. */
  readonly accountStatuses: readonly {
    readonly id: string;
    readonly name: string;
    readonly status: AccountStatusKind;
    readonly findings: number;
    /** Why it was not (fully) checked: the places not read, the error, the state or the exclusion; else null. */
    readonly reason: string | null;
  }[];
  readonly accountStatusesOmitted: number;
  /** One entry per account with findings, most urgent first (all parts list the same). */
  readonly accounts: readonly {
    readonly id: string;
    readonly name: string;
    readonly counts: Record<FlaggedSeverity, number> & { readonly total: number };
    readonly worstSeverity: Severity;
    readonly soonestExpiry: string | null;
  }[];
  /** Accounts with findings left out of `accounts` to respect the SNS size limit (their reports still come). */
  readonly accountsOmitted: number;
  readonly notChecked: readonly { readonly id: string; readonly name: string; readonly reason: string }[];
  readonly notCheckedOmitted: number;
  /** The reports (or report parts) of the accounts in this message. */
  readonly reports: readonly JsonReport[];
  /** Accounts with findings whose report is in no part of this digest (each gets its own message). */
  readonly sectionsOmitted: number;
  /** Accounts of this part whose section could not be rendered, and why. */
  readonly unrenderedSections: readonly { readonly id: string; readonly name: string; readonly reason: string }[];
  /** The sinks that could not deliver the organization's report (1.3): the destinations this digest did not reach. */
  readonly deliveryFailures: readonly JsonDeliveryFailure[];
}

export function buildOrgJsonReport(view: OrgDigestView): OrgJsonReport {
  const { org } = view;
  const counts = orgCounts(org);
  const accounts = overviewEntries(org.accounts, view);
  const notChecked = overviewEntries(org.notChecked, view);
  const statuses = overviewEntries(org.statuses, view);
  const reportOf = (id: string) => org.accounts.find((a) => a.account.accountId === id)?.report;
  return {
    schemaVersion: ORG_REPORT_SCHEMA_VERSION,
    kind: 'iam-server-certificate-expiry-organization',
    runId: org.runId ?? null,
    ...(org.test ? { test: true as const } : {}),
    reportLocation: org.reportLocation ?? null,
    generatedAt: org.generatedAt.toISOString(),
    part: view.part ?? { number: 1, total: 1 },
    summary: {
      accountsListed: org.accountsListed,
      accountsChecked: org.accountsChecked,
      accountsNotChecked: org.notChecked.length,
      accountsWithFindings: org.accounts.length,
      certificatesScanned: org.certificatesScanned,
      counts: { ...counts, total: org.accounts.reduce((n, a) => n + a.report.findings.length, 0) },
      worstSeverity: orgWorstSeverity(org),
      complete: org.notChecked.length === 0,
      accountsSuspended: org.statuses.filter((s) => s.status === 'suspended').length,
      accountsSkipped: org.statuses.filter((s) => s.status === 'skipped').length,
    },
    accountStatuses: statuses.shown.map((s) => {
      const report = s.status === 'partly-checked' ? reportOf(s.accountId) : undefined;
      return {
        id: s.accountId,
        name: s.accountName,
        status: s.status,
        findings: s.findings,
        reason: (report ? notCheckedPlaces(report) : '') || s.reason || null,
      };
    }),
    accountStatusesOmitted: statuses.omitted,
    accounts: accounts.shown.map((a) => {
      const s = summariseAccount(a.report);
      return {
        id: a.account.accountId,
        name: a.account.accountName,
        counts: { ...s.counts, total: s.total },
        worstSeverity: s.worst,
        soonestExpiry: s.soonest?.expiry.at.toISOString() ?? null,
      };
    }),
    accountsOmitted: accounts.omitted,
    notChecked: notChecked.shown.map((n) => ({
      id: n.account.accountId,
      name: n.account.accountName,
      reason: n.reason,
    })),
    notCheckedOmitted: notChecked.omitted,
    reports: view.sections.flatMap((s) => (s.kind === 'rendered' ? [s.json] : [])),
    sectionsOmitted: view.sectionsOmitted ?? 0,
    unrenderedSections: view.sections.flatMap((s) =>
      s.kind === 'unrendered'
        ? [{ id: s.account.account.accountId, name: s.account.account.accountName, reason: s.reason }]
        : [],
    ),
    deliveryFailures: jsonDeliveryFailures(org.deliveryFailures),
  };
}

export function renderOrgJsonReport(view: OrgDigestView): string {
  return JSON.stringify(buildOrgJsonReport(view));
}
