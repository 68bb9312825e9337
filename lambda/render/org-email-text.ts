/**
 * The organization digest's email body (pure): the overview first (one line per account with findings, then
 * the accounts not checked), then each account's own alert text, as the single-account email renders it.
 */
import { emailFooter, notDeliveredSection } from './email-text';
import { isoUtc, plural, wrap } from './format';
import { emailText } from '../text/sanitise';
import type { AccountSection } from './account-section';
import { MAX_PARTS } from './list-caps';
import { TEST_ALERT_NOTE } from './test-alert-text';
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
  const lines: string[] = [
    ...(org.test ? [...wrap(TEST_ALERT_NOTE, WIDTH), ''] : []),
    'IAM SERVER CERTIFICATE EXPIRY - AWS ORGANIZATION DIGEST',
    '',
  ];
  let intro = `${orgHeadline(org)} Checked ${plural(org.accountsChecked, 'account')} (${plural(org.certificatesScanned, 'certificate')}) at ${isoUtc(org.generatedAt)}.`;
  if (view.part) {
    intro +=
      ` This is part ${view.part.number} of ${view.part.total} of this digest;` +
      ' every part opens with the same overview and carries the sections of different accounts.';
  }
  lines.push(...wrap(intro, WIDTH));
  lines.push(...notDeliveredSection(org.deliveryFailures ?? [], 'digest'));

  const withFindings = overviewEntries(org.accounts, view);
  if (org.accounts.length > 0) {
    lines.push('', `ACCOUNTS WITH FINDINGS (${org.accounts.length}), most urgent first`, '-'.repeat(WIDTH));
    for (const item of withFindings.shown) lines.push(...wrap(accountLine(item), WIDTH, '    ', '  - '));
    if (withFindings.omitted > 0)
      lines.push(`  …and ${withFindings.omitted} more accounts (each gets its own message)`);
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

  if (view.sectionsOmitted) lines.push('', ...wrap(omittedSectionsNotice(view), WIDTH));

  // Every line of ours passes the sanitiser; a section is an account alert whose renderer sanitised its own lines.
  const out = lines.map(emailText);
  for (const section of view.sections) out.push(accountSectionText(section));
  const thresholds = org.accounts[0]?.report.thresholds;
  const findings = org.accounts.flatMap((a) => a.report.findings);
  out.push(
    ...emailFooter({ generatedAt: org.generatedAt, thresholds, findings }, 'the accounts of this AWS Organization'),
  );
  // The run's id (the state machine's execution name): a retried run sends the same digest under the same id.
  if (org.runId) out.push('', emailText(`Run id: ${org.runId}`));
  return `${out.join('\n')}\n`;
}

/**
 * One account's block of the digest body (joined to the rest with one newline): its heading, then its alert
 * (rendered without the footer: the digest carries that once), or the one line saying why it has no section.
 */
export function accountSectionText(section: AccountSection): string {
  const { account } = section.account;
  const heading = [
    '',
    '',
    ACCOUNT_RULE,
    ...wrap(`ACCOUNT ${accountName(account.accountId, account.accountName)}`, WIDTH, '# ', '# ').map(emailText),
    ACCOUNT_RULE,
    '',
  ];
  return [...heading, sectionBody(section)].join('\n');
}

function sectionBody(section: AccountSection): string {
  switch (section.kind) {
    case 'rendered':
      return section.email.trimEnd();
    case 'unrendered':
      return wrap(`No section for this account: ${section.reason}.`, WIDTH).map(emailText).join('\n');
    default: {
      const unhandled: never = section;
      return unhandled;
    }
  }
}

function omittedSectionsNotice(view: OrgDigestView): string {
  const where = view.org.reportLocation ? ` The run's full reports are in ${view.org.reportLocation}.` : '';
  return (
    `${plural(view.sectionsOmitted!, 'account')} with findings ${view.sectionsOmitted === 1 ? 'has' : 'have'} no ` +
    `section in this digest (it sends at most ${MAX_PARTS} parts): each of them gets its own message of this ` +
    `run with the renewal commands.${where}`
  );
}
