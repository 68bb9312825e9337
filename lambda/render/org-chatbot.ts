/**
 * The organization digest for Slack (AWS Chatbot custom notification, same schema and caps as the account
 * alert): one line per account with findings, then the accounts not checked. The per-account detail is in
 * the email and JSON variants, and in each account's own message.
 */
import { CHATBOT_EVENT_TYPE, CHATBOT_LIMITS, EMOJI, notDeliveredLine, type ChatbotCustomNotification } from './chatbot';
import { SEVERITY_LABEL, isoDay, isoUtc, plural, truncate } from './format';
import { orgWorstSeverity, summariseAccount } from '../domain/org-report';
import { RULE_ID } from './remediation';
import { slackCut, slackText } from '../text/sanitise';
import { TEST_ALERT_NOTE } from './test-alert-text';
import {
  notCheckedLine,
  orgHeadline,
  renderOrgSubject,
  soonestExpiry,
  statusLine,
  type OrgDigestView,
} from './org-view';

/** `…and 12345 more — see the email`, at its longest. */
const MORE_LINE_CHARS = 40;

export function buildOrgChatbotNotification(view: OrgDigestView): ChatbotCustomNotification {
  const { org } = view;
  const worst = orgWorstSeverity(org);
  const subject = renderOrgSubject(view);
  const head = [
    ...(org.test ? [`:test_tube: *${TEST_ALERT_NOTE}*`] : []),
    slackText(orgHeadline(org)),
    `${plural(org.accountsChecked, 'account')} checked at ${isoUtc(org.generatedAt)}` +
      (view.part ? ` — *part ${view.part.number} of ${view.part.total}*` : ''),
    ...notDeliveredLine(org.deliveryFailures ?? []),
  ].join('\n');
  const lines = [
    ...org.accounts.map((a) => {
      const s = summariseAccount(a.report);
      const soonest = s.soonest ? ` — soonest ${slackText(soonestExpiry(s.soonest))}` : '';
      return `• *${SEVERITY_LABEL[s.worst]}* \`${a.account.accountId}\` ${slackText(a.account.accountName)}: ${plural(s.total, 'certificate')}${soonest}`;
    }),
    ...org.notChecked.map((n) => `• :warning: *NOT CHECKED* ${slackText(notCheckedLine(n))}`),
    ...org.statuses
      .filter((st) => st.status === 'partly-checked' && st.findings === 0)
      .map((st) => `• :warning: *PARTLY CHECKED* ${slackText(statusLine(st, org))}`),
  ];
  // As many whole lines as fit, the rest counted (one pass: an organization may have thousands of lines).
  const room = CHATBOT_LIMITS.description - head.length - 2;
  let shown = lines.length;
  if (lines.reduce((n, line) => n + line.length + 1, 0) > room) {
    let used = MORE_LINE_CHARS;
    shown = 0;
    while (shown < lines.length && used + lines[shown]!.length + 1 <= room) used += lines[shown++]!.length + 1;
  }
  const description = [
    head,
    [
      ...lines.slice(0, shown),
      ...(shown < lines.length ? [`…and ${lines.length - shown} more — see the email`] : []),
    ].join('\n'),
  ].join('\n\n');
  const nextSteps = [
    'Each account with findings also gets its own message with the exact renewal commands (subscribe with a filter policy on the `account` attribute).',
    ...(org.notChecked.length > 0
      ? ['Accounts NOT CHECKED: deploy or repair the member role there (StackSet), or check them by hand.']
      : []),
    ...(org.statuses.some((st) => st.status === 'partly-checked')
      ? [
          'Accounts PARTLY CHECKED: a region or service could not be read there (the email names it); fix access or check it by hand.',
        ]
      : []),
  ];
  return {
    version: '1.0',
    source: 'custom',
    // The run id when known, so that a retried run's notification keeps its id (ids are unique per notification).
    id: `iam-cert-expiry-organization-${org.runId ?? org.generatedAt.toISOString()}${view.part ? `-part-${view.part.number}-of-${view.part.total}` : ''}`,
    content: {
      textType: 'client-markdown',
      title: slackCut(`${EMOJI[worst]} ${slackText(subject)}`, CHATBOT_LIMITS.title),
      description: slackCut(description, CHATBOT_LIMITS.description),
      nextSteps: nextSteps.map((s) => truncate(s, CHATBOT_LIMITS.nextStep)),
      keywords: [...(org.test ? ['test'] : []), 'IAM', 'certificate-expiry', RULE_ID, 'organization'],
    },
    metadata: {
      threadId: `iam-cert-expiry-organization-${isoDay(org.generatedAt)}`,
      summary: slackCut(slackText(subject), CHATBOT_LIMITS.summary),
      eventType: CHATBOT_EVENT_TYPE,
      additionalContext: {
        scope: 'organization',
        accountsListed: String(org.accountsListed),
        accountsWithFindings: String(org.accounts.length),
        accountsNotChecked: String(org.notChecked.length),
        worstSeverity: worst,
        part: view.part ? `${view.part.number}/${view.part.total}` : '1/1',
        ...(org.runId ? { runId: org.runId } : {}),
        accounts: truncate(org.accounts.map((a) => a.account.accountId).join(','), 250),
      },
    },
  };
}

export function renderOrgChatbotNotification(view: OrgDigestView): string {
  return JSON.stringify(buildOrgChatbotNotification(view));
}
