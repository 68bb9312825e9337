/**
 * The organization report on a terminal (`npm run check -- --organization`): the digest's overview then each
 * account's table, or with `--json` the org report with every account's whole report (a terminal has no SNS
 * size limit, so nothing is split).
 */
import type { OrgReport } from '../domain/org-report';
import { renderEmailText } from './email-text';
import { buildJsonReport } from './json-report';
import { renderOrgEmailText } from './org-email-text';
import { renderOrgJsonReport } from './org-json-report';
import { renderTerminalTable } from './terminal-table';
import { emailText } from '../text/sanitise';

export function renderOrgTable(org: OrgReport): string {
  const parts = [renderOrgEmailText({ org, sections: [] }).trimEnd()];
  for (const { account, report } of org.accounts) {
    parts.push(
      '',
      emailText(`== ${account.accountId}${account.accountName ? ` (${account.accountName})` : ''} ==`),
      renderTerminalTable(report).trimEnd(),
    );
  }
  return parts.join('\n');
}

export function renderOrgJson(org: OrgReport): string {
  const sections = org.accounts.map((account) => ({
    account,
    email: renderEmailText(account.report),
    json: buildJsonReport(account.report),
  }));
  return renderOrgJsonReport({ org, sections });
}
