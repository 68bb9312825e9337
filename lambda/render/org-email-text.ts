/**
 * The organization digest's email body (pure): the overview first (one line per account with findings, then
 * the accounts not checked), then each account's own alert text, as the single-account email renders it.
 */
import { emailFooter, EMAIL_SIGNATURE } from './email-text';
import { isoUtc, plural, wrap } from './format';
import { emailText } from '../text/sanitise';
import {
  accountLine,
  accountName,
  notCheckedLine,
  orgHeadline,
  overviewEntries,
  statusLine,
  type OrgDigestView,
} from './org-view';

const WIDTH = 78;
const ACCOUNT_RULE = '#'.repeat(WIDTH);

export function renderOrgEmailText(view: OrgDigestView): string {
  const { org } = view;
  const lines: string[] = ['IAM SERVER CERTIFICATE EXPIRY - AWS ORGANIZATION DIGEST', ''];
  let intro = `${orgHeadline(org)} Checked ${plural(org.accountsChecked, 'account')} (${plural(org.certificatesScanned, 'certificate')}) at ${isoUtc(org.generatedAt)}.`;
  if (view.part) {
    intro +=
      ` This is part ${view.part.number} of ${view.part.total} of this digest;` +
      ' every part opens with the same overview and carries the sections of different accounts.';
  }
  lines.push(...wrap(intro, WIDTH));

  const withFindings = overviewEntries(org.accounts, view);
  if (org.accounts.length > 0) {
    lines.push('', `ACCOUNTS WITH FINDINGS (${org.accounts.length}), most urgent first`, '-'.repeat(WIDTH));
    for (const item of withFindings.shown) lines.push(...wrap(accountLine(item), WIDTH, '    ', '  - '));
    if (withFindings.omitted > 0) lines.push(`  …and ${withFindings.omitted} more accounts (see their sections)`);
  }
  const notChecked = overviewEntries(org.notChecked, view);
  if (org.notChecked.length > 0) {
    lines.push(
      '',
      `NOT CHECKED (${org.notChecked.length}) - these accounts may hold expiring certificates`,
      '-'.repeat(WIDTH),
    );
    for (const item of notChecked.shown) lines.push(...wrap(notCheckedLine(item), WIDTH, '    ', '  - '));
    if (notChecked.omitted > 0) lines.push(`  …and ${notChecked.omitted} more accounts`);
    lines.push(
      '',
      ...wrap(
        'An account whose member role is missing or not assumable is not scanned at all. Check that the ' +
          "monitor's StackSet reached it, and that no SCP denies the role's read actions.",
        WIDTH,
      ),
    );
  }

  const statuses = overviewEntries(org.statuses, view);
  lines.push('', `EVERY ACCOUNT LOOKED AT (${org.statuses.length}), by account id`, '-'.repeat(WIDTH));
  for (const status of statuses.shown) lines.push(...wrap(statusLine(status, org), WIDTH, '    ', '  - '));
  if (statuses.omitted > 0) lines.push(`  …and ${statuses.omitted} more accounts (see the JSON report)`);

  // Every line of ours passes the sanitiser; a section is an account alert whose renderer sanitised its own lines.
  const out = lines.map(emailText);
  for (const section of view.sections) {
    const { account } = section.account;
    out.push(
      '',
      '',
      ACCOUNT_RULE,
      ...wrap(`ACCOUNT ${accountName(account.accountId, account.accountName)}`, WIDTH, '# ', '# ').map(emailText),
      ACCOUNT_RULE,
      '',
    );
    // Each account's alert without its footer: the digest carries it once, below.
    out.push(section.email.split(`\n${EMAIL_SIGNATURE}\n`)[0].trimEnd());
  }
  const thresholds = org.accounts[0]?.report.thresholds;
  out.push(...emailFooter({ generatedAt: org.generatedAt, thresholds }, 'the accounts of this AWS Organization'));
  return `${out.join('\n')}\n`;
}
