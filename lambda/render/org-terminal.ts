/**
 * The organization report on a terminal (`npx iam-cert-expiry-monitor check --organization`): the digest's overview
 * then each account's table, or with `--json` the org report with every account's whole report (a terminal has no
 * SNS size limit, so nothing is split).
 */
import type { AccountItem } from '../../contract/organization';
import type { OrgReport } from '../domain/org-report';
import { renderEmailText } from './email-text';
import { buildJsonReport } from './json-report';
import { renderOrgEmailText } from './org-email-text';
import { renderOrgJsonReport } from './org-json-report';
import { serviceLabel } from './format';
import { renderTerminalTable } from './terminal-table';
import { emailText } from '../text/sanitise';

export function renderOrgTable(org: OrgReport): string {
  const parts = [renderOrgEmailText({ org, sections: [] }).trimEnd()];
  const partly = org.partlyChecked ?? [];
  if (partly.length > 0) {
    parts.push('', `PARTLY CHECKED (${partly.length}) - nothing flagged, but not everything could be checked:`);
    for (const { account, gaps } of partly)
      for (const g of gaps)
        parts.push(`  ${accountLabel(account)} ${g.region} ${serviceLabel(g.service)}: ${emailText(g.reason)}`);
  }
  for (const { account, report } of org.accounts) {
    parts.push('', emailText(`== ${accountLabel(account)} ==`), renderTerminalTable(report).trimEnd());
  }
  return parts.join('\n');
}

function accountLabel(account: AccountItem): string {
  return `${account.accountId}${account.accountName ? ` (${emailText(account.accountName)})` : ''}`;
}

export function renderOrgJson(org: OrgReport): string {
  const sections = org.accounts.map((account) => ({
    kind: 'rendered' as const,
    account,
    email: renderEmailText(account.report),
    json: buildJsonReport(account.report),
  }));
  return renderOrgJsonReport({ org, sections });
}
