/**
 * The organization report on a terminal (`check --organization`, pure): a headline, each account with findings
 * as the account-mode table, then one line per account that was not checked, or checked only in part; the
 * progress line while it scans. The digest email (`--format email`) and the org report (`--format json`) in
 * full: a terminal has no SNS size limit, so nothing is split.
 */
import type { OrgProgress, OrgReport } from '../domain/org-report';
import type { AccountStatus, AccountStatusKind } from '../domain/account-status';
import type { AccountSection } from './account-section';
import { renderEmailText } from './email-text';
import { buildJsonReport } from './json-report';
import { renderOrgEmailText } from './org-email-text';
import { renderOrgJsonReport } from './org-json-report';
import { isoUtc, plural, serviceLabel, wrap } from './format';
import { accountName, orgHeadline, statusLine } from './org-view';
import { renderTerminalTable, TERMINAL_COLUMNS, type TerminalTableOptions } from './terminal-table';
import { emailText } from '../text/sanitise';
import { fitColumns } from '../text/display-width';

/** Accounts that may hold findings nobody saw: the run was not complete. */
const NOT_IN_FULL: readonly AccountStatusKind[] = ['not-checked', 'partly-checked'];
/** Accounts left out on purpose: suspended, or excluded by the run's options. */
const SKIPPED: readonly AccountStatusKind[] = ['suspended', 'skipped'];

/** `options.colour`: each account's table as in account mode (the caller decides for a terminal). */
export function renderOrgTable(org: OrgReport, options: TerminalTableOptions = {}): string {
  const lines = fitted(
    `${orgHeadline(org)} Checked ${plural(org.accountsChecked, 'account')} (${plural(org.certificatesScanned, 'certificate')}) at ${isoUtc(org.generatedAt)}.`,
  );
  for (const { account, report } of org.accounts)
    lines.push(
      '',
      ...fitted(`== ${accountName(account.accountId, account.accountName)} ==`),
      renderTerminalTable(report, options).trimEnd(),
    );
  const notInFull = accountsIn(org, NOT_IN_FULL);
  if (notInFull > 0)
    lines.push(
      '',
      `NOT CHECKED IN FULL (${notInFull}) - these accounts may hold more findings:`,
      ...notCheckedInFull(org),
    );
  const skipped = accountsIn(org, SKIPPED);
  if (skipped > 0) lines.push('', `SKIPPED (${skipped}):`, ...statusLines(org, SKIPPED));
  return lines.join('\n');
}

/** One entry per account not checked, or checked only in part, wrapped to the table's width. */
export function notCheckedInFull(org: OrgReport): string[] {
  return statusLines(org, NOT_IN_FULL);
}

function accountsIn(org: OrgReport, kinds: readonly AccountStatusKind[]): number {
  return org.statuses.filter((s) => kinds.includes(s.status)).length;
}

function statusLines(org: OrgReport, kinds: readonly AccountStatusKind[]): string[] {
  return org.statuses.filter((s) => kinds.includes(s.status)).flatMap((s) => fitted(accountStatusLine(s, org), '  '));
}

/**
 * Text with names from the account, sanitised first (a hidden character becomes a visible `<U+200B>`), then wrapped
 * to the table's width; a single word longer than the line (wrap keeps those whole) is cut.
 */
function fitted(text: string, firstIndent = ''): string[] {
  const indent = firstIndent === '' ? '' : `${firstIndent}  `;
  return wrap(emailText(text), TERMINAL_COLUMNS, indent, firstIndent).map((line) => fitColumns(line, TERMINAL_COLUMNS));
}

/** The digest's status line; for a quiet account checked in part, each gap with its error, as account mode says it. */
function accountStatusLine(status: AccountStatus, org: OrgReport): string {
  const partly = org.partlyChecked?.find((p) => p.account.accountId === status.accountId);
  if (!partly || partly.gaps.length === 0) return statusLine(status, org);
  const gaps = partly.gaps.map((g) => `${g.region} ${serviceLabel(g.service)}: ${g.reason}`);
  const omitted = partly.gapsOmitted ? [`${plural(partly.gapsOmitted, 'more gap')} not recorded`] : [];
  return `${accountName(status.accountId, status.accountName)}: partly checked; ${[...gaps, ...omitted].join('; ')}`;
}

/** The digest's email text with every account's section in full. */
export function renderOrgEmail(org: OrgReport): string {
  return renderOrgEmailText({ org, sections: org.accounts.map(fullSection) });
}

export function renderOrgJson(org: OrgReport): string {
  return renderOrgJsonReport({ org, sections: org.accounts.map(fullSection) });
}

function fullSection(account: OrgReport['accounts'][number]): AccountSection {
  return {
    kind: 'rendered',
    account,
    email: renderEmailText(account.report, { footer: false }),
    json: buildJsonReport(account.report),
  };
}

/** `Checked 3 of 6 accounts: 2 certificates flagged, 1 account not checked so far`, for one rewritten line. */
export function orgProgressLine(progress: OrgProgress): string {
  return (
    `Checked ${progress.accountsDone} of ${plural(progress.accountsTotal, 'account')}: ` +
    `${plural(progress.findings, 'certificate')} flagged, ${plural(progress.notChecked, 'account')} not checked so far`
  );
}
