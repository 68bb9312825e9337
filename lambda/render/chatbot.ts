/**
 * The Slack message, as an AWS Chatbot (Amazon Q Developer in chat applications) custom notification. Chatbot
 * silently drops a notification that does not match its schema, so the shape is pinned by
 * schema/chatbot-custom-notification.schema.json and the sizes are capped here (conservatively: a Slack text
 * block holds at most 3,000 characters).
 */
import { commandsAt } from './commands-location';
import { RENEWS_TAG, type CertificateUsage, type Finding, type Report } from '../domain/types';
import { deliveryFailureReason, type DeliveryFailure } from '../domain/delivery-failure';
import { countBySeverity, worstSeverity } from '../domain/severity';
import { SEVERITY_LABEL, isoDay, isoUtc, plural, serviceLabel, shortTimeLeft, truncate } from './format';
import { chosenRenewal, distinctPlaces, placesInRollout } from '../domain/renewal';
import { certificateWarnings, expirySource, expiryText, hostnamesLabel, renewalReady } from './certificate-text';
import { criticalWindow, tagThresholds } from './threshold-text';
import { ACM_HINT, RULE_ID, remediationFor, rolloutCommand } from './remediation';
import { guardOf } from './account-guard';
import { type RenderView, toView } from './render-view';
import { renderSubject } from './subject';
import { USAGE_SOURCES } from '../sources/registry';
import { slackCut, slackText } from '../text/sanitise';
import { TEXT_CAPS, capped } from './list-caps';
import { expiryTier, notCheckedPlaces, notFoundShort, renewalLabel } from './coverage-text';
import { TEST_ALERT_NOTE } from './test-alert-text';

/** Our caps; each is at or below what Chatbot/Slack accept (see the schema for the same numbers). */
export const CHATBOT_LIMITS = {
  title: 250,
  description: 3000,
  nextSteps: 5,
  nextStep: 300,
  keywords: 10,
  keyword: 50,
  summary: 300,
  relatedResources: 10,
  threadId: 128,
} as const;

export interface ChatbotCustomNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id?: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps?: readonly string[];
    readonly keywords?: readonly string[];
  };
  readonly metadata?: {
    readonly threadId?: string;
    readonly summary?: string;
    readonly eventType?: string;
    readonly relatedResources?: readonly string[];
    readonly additionalContext?: Readonly<Record<string, string>>;
  };
}

export const CHATBOT_EVENT_TYPE = 'IamServerCertificateExpiry';

export const EMOJI: Record<string, string> = {
  expired: ':rotating_light:',
  critical: ':red_circle:',
  warning: ':large_orange_circle:',
  unknown: ':grey_question:',
  unused: ':wastebasket:',
  ok: ':white_check_mark:',
};

/** One thread per account per UTC day, so a day's alerts (and parts) stay together. */
export function chatbotThreadId(report: Report): string {
  return `iam-cert-expiry-${report.accountId}-${isoDay(report.generatedAt)}`.slice(0, CHATBOT_LIMITS.threadId);
}

function where(usage: CertificateUsage): string {
  return USAGE_SOURCES.of(usage).names.chat(usage);
}

const USAGES_PER_LINE = 3;

function findingLine(finding: Finding, omittedUsages: number, report: Report): string {
  const total = finding.usages.length + omittedUsages;
  const tier = expiryTier(finding);
  let served: string;
  if (total === 0) served = notFoundShort(report);
  else {
    const shown = finding.usages.slice(0, USAGES_PER_LINE).map((u) => slackText(where(u)));
    const more = total - shown.length;
    served = shown.join(' · ') + (more > 0 ? ` · +${more} more` : '');
  }
  const owner = finding.owner ? ` (owner: ${slackText(finding.owner)})` : '';
  const renewal = finding.renewal ? ` — _${renewalLabel(finding, report)}${renewalTarget(finding)}_` : '';
  // A body problem, else what the body says that IAM does not (a chain that expires first, another notAfter).
  const warning = finding.certificateProblems?.[0] ?? certificateWarnings(finding)[0];
  const problem = warning ? ` — :warning: ${slackText(truncate(warning, 120))}` : '';
  // The date counted to, when IAM's listing did not give it: "4 days left, to 2026-12-11 (from the certificate body…)".
  const dated = expirySource(finding) ? expiryText(finding, isoDay) : undefined;
  const left = `${shortTimeLeft(tier, finding.daysLeft)}${dated ? `, to ${slackText(dated)}` : ''}`;
  if (finding.hostnames?.length) {
    // The hostnames that break lead: "shop.example.com, www.shop.example.com: 2 days left".
    return (
      `• ${hostnamesLabel(finding.hostnames.map((h) => slackText(h)))}: ${left} — ` +
      `*${SEVERITY_LABEL[finding.severity]}* ${slackText(finding.certificate.name, 'code')}${renewal}${problem} — ${served}${owner}`
    );
  }
  const when = tier === 'unknown' ? '' : ` — ${left}`;
  return (
    `• *${SEVERITY_LABEL[finding.severity]}* ${slackText(finding.certificate.name, 'code')}${when}${renewal}${problem} — ` +
    `${served}${owner}`
  );
}

/** `ACM (eu-west-1)`: the regions whose ACM holds a renewal of the finding. */
function acmRenewalLabel(finding: Finding): string {
  const regions = (finding.renewal?.acm ?? []).filter((a) => a.state === 'found').map((a) => a.region);
  return `ACM (${regions.join(', ')})`;
}

/** ` → payments-2027 (2 of 3 places)` for a renewal in IAM. */
function renewalTarget(finding: Finding): string {
  const renewal = chosenRenewal(finding.renewal);
  if (!renewal) return '';
  const progress =
    renewal.state === 'partly-rolled-out'
      ? ` (${distinctPlaces(renewal.alreadyServing)} of ${placesInRollout(renewal)} places)`
      : '';
  return `: ${slackText(renewal.certificate.name)}${progress}`;
}

/** "AccessDenied" out of "AccessDenied: User: arn:… is not authorized …"; else the reason, cut. */
function shortReason(reason: string): string {
  const code = /^([A-Za-z][\w.-]{1,60}):/.exec(reason)?.[1];
  return code ?? truncate(reason, 80);
}

/** `:warning: *Not delivered to:* Security Hub (us-east-1): timed out after 12 s`, or nothing. */
export function notDeliveredLine(failures: readonly DeliveryFailure[]): string[] {
  if (failures.length === 0) return [];
  const named = failures.map((f) => slackText(`${f.sink} (${f.region}): ${shortReason(deliveryFailureReason(f))}`));
  return [slackCut(`:warning: *Not delivered to:* ${named.join('; ')}`, 1000)];
}

function countsLine(report: Report): string {
  const c = countBySeverity(report.findings);
  const { thresholdDays, warningDays } = report.thresholds;
  const parts: string[] = [];
  if (c.expired) parts.push(`*${c.expired} expired*`);
  if (c.critical) {
    const critical = report.findings.filter((f) => f.severity === 'critical');
    const tagged = tagThresholds(critical, thresholdDays).length > 0;
    parts.push(`*${c.critical} critical* (${tagged ? 'within ' : '≤ '}${criticalWindow(critical, thresholdDays)})`);
  }
  if (c.warning) parts.push(`*${c.warning} warning* (≤ ${plural(warningDays, 'day')})`);
  if (c.unknown) parts.push(`*${c.unknown} unknown expiry*`);
  if (c.unused) parts.push(`${c.unused} unused (served nowhere)`);
  return parts.length > 0 ? parts.join(' · ') : '*Nothing to renew*';
}

function description(view: RenderView): string {
  const { report } = view;
  const alias = report.accountAlias ? ` (${slackText(report.accountAlias)})` : '';
  const head: string[] = [
    ...(report.test ? [`:test_tube: *${TEST_ALERT_NOTE}*`] : []),
    countsLine(report),
    `${plural(report.certificatesScanned, 'certificate')} checked at ${isoUtc(report.generatedAt)} in account \`${report.accountId}\`${alias}` +
      (view.part ? ` — *part ${view.part.number} of ${view.part.total}*` : ''),
  ];
  const scan = report.coverage.gaps;
  if (scan.length > 0) {
    const gaps = capped(scan, TEXT_CAPS.gaps);
    const named = gaps.shown.map((g) => slackText(`${g.region} ${serviceLabel(g.service)}: ${shortReason(g.reason)}`));
    const more = gaps.omitted > 0 ? `; …and ${gaps.omitted} more` : '';
    head.push(slackCut(`:warning: *NOT CHECKED — findings may be incomplete:* ${named.join('; ')}${more}`, 1000));
  }
  head.push(...notDeliveredLine(report.deliveryFailures ?? []));
  if (view.omittedFindings) {
    const where = view.renderFailure
      ? 'not named* — this alert could not be rendered; see the email for where its report is'
      : view.omittedFindingsIn
        ? 'not in this digest* — see the account’s own message'
        : 'in no message of this run* — see the email';
    head.push(`:warning: *${plural(view.omittedFindings, 'flagged certificate')} ${where}`);
  }
  const excluded = report.coverage.regionsNotChecked.some((r) => r.reason === 'excluded');
  if (excluded) head.push(`:warning: *Not checked:* ${slackText(notCheckedPlaces(report))}`);
  const tail: string[] = [];
  if (view.includeSnoozedAndProblems && (report.snoozed.length > 0 || report.configurationProblems.length > 0)) {
    const bits = [];
    if (report.snoozed.length > 0) bits.push(`${report.snoozed.length} snoozed`);
    if (report.configurationProblems.length > 0) bits.push(plural(report.configurationProblems.length, 'tag problem'));
    tail.push(`_${bits.join(', ')} — see the email_`);
  }

  const lines = view.findings.map((f) => findingLine(f.finding, f.omittedUsages, report));
  const assemble = (shown: readonly string[], hidden: number): string => {
    const body = [...shown];
    if (hidden > 0) body.push(`…and ${hidden} more — see email/JSON`);
    return [head.join('\n'), body.join('\n'), ...(tail.length ? [tail.join('\n')] : [])]
      .filter((s) => s.length > 0)
      .join('\n\n');
  };
  let shown = lines.length;
  let text = assemble(lines, 0);
  while (text.length > CHATBOT_LIMITS.description && shown > 0) {
    shown -= 1;
    text = assemble(lines.slice(0, shown), lines.length - shown);
  }
  return slackCut(text, CHATBOT_LIMITS.description);
}

/** `a, b, c, …`: the first three names, each through the Slack sanitiser. */
function firstNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((name) => slackText(name));
  return shown.join(', ') + (names.length > 3 ? ', …' : '');
}

/** The fix's rollout one-liner for this finding, when it offers one. */
function rolloutCommandOf(finding: Finding, report: Report): string | undefined {
  const context = {
    generatedAt: report.generatedAt,
    coverageIncomplete: !report.coverage.complete,
    ...guardOf(report),
  };
  const command = rolloutCommand(finding.certificate.name);
  return remediationFor(finding, context).steps.some((s) => s.commands.includes(command)) ? command : undefined;
}

function nextSteps(view: RenderView): string[] {
  const { report } = view;
  const steps: string[] = [];
  const findings = view.findings.map((f) => f.finding);
  const ready = findings.filter((f) => renewalReady(f) && f.usages.length > 0);
  if (ready.length > 0) {
    const rollout = ready.length === 1 ? rolloutCommandOf(ready[0]!, report) : undefined;
    steps.push(
      `Renewal ready: switch the places still on the expiring certificate to ${firstNames(
        ready.map((f) => chosenRenewal(f.renewal)?.certificate.name ?? acmRenewalLabel(f)),
      )} — ${commandsAt(view.subscribers, 'the commands')} (no upload needed)` +
        (rollout ? `, or let rollout switch and verify each place: ${slackText(rollout, 'code')}.` : '.'),
    );
  }
  const ambiguous = findings.filter((f) => f.renewal?.state === 'ambiguous' && f.usages.length > 0);
  if (ambiguous.length > 0) {
    steps.push(
      `Several renewals qualify for ${firstNames(ambiguous.map((f) => f.certificate.name))}: ` +
        `tag the one to use with \`${RENEWS_TAG}=<old name>\` — the email ` +
        'names them; nothing is switched until one is chosen.',
    );
  }
  if (findings.some((f) => f.usages.length > 0 && !renewalReady(f) && f.renewal?.state !== 'ambiguous')) {
    steps.push(
      'Renew: upload the new certificate with `aws iam upload-server-certificate`, then switch every listener ' +
        `and distribution listed — ${commandsAt(view.subscribers, 'the exact commands for each one')}.`,
    );
  }
  const unused = findings.filter((f) => f.severity === 'unused');
  if (unused.length > 0) {
    steps.push(
      `Not in use: delete with \`aws iam delete-server-certificate --server-certificate-name NAME\` ` +
        `(${firstNames(unused.map((f) => f.certificate.name))}).`,
    );
  }
  if (findings.some((f) => f.severity === 'unknown')) {
    steps.push('Unknown expiry: check it with `aws iam get-server-certificate` before deciding.');
  }
  if (!report.coverage.complete) {
    steps.push(
      'Not checked everywhere: a certificate found nowhere gets no delete command. Fix the access problem or ' +
        'include the regions marked not checked, or check them by hand.',
    );
  } else if (report.coverage.gaps.length > 0) {
    steps.push('Fix the access problem for the regions/services marked NOT CHECKED, or check them by hand.');
  }
  steps.push(ACM_HINT);
  return steps.slice(0, CHATBOT_LIMITS.nextSteps).map((s) => slackCut(s, CHATBOT_LIMITS.nextStep));
}

export function buildChatbotNotification(input: Report | RenderView): ChatbotCustomNotification {
  const view = toView(input);
  const { report } = view;
  const worst = worstSeverity(view.findings.length > 0 ? view.findings.map((f) => f.finding) : report.findings);
  const subject = renderSubject(view);
  const partSuffix = view.part ? `-part-${view.part.number}-of-${view.part.total}` : '';
  const keywords = ['IAM', 'certificate-expiry', RULE_ID, SEVERITY_LABEL[worst].toLowerCase().replace(/ /g, '-')];
  if (report.test) keywords.unshift('test');
  if (report.accountAlias) keywords.push(slackText(report.accountAlias));
  keywords.push(report.accountId);

  const additionalContext: Record<string, string> = {
    accountId: report.accountId,
    worstSeverity: worst,
    generatedAt: report.generatedAt.toISOString(),
    part: view.part ? `${view.part.number}/${view.part.total}` : '1/1',
    complete: String(report.coverage.gaps.length === 0 && report.coverage.complete),
    ...(report.test ? { test: 'true' } : {}),
  };
  if (report.runId) additionalContext.runId = slackText(report.runId, 'context');
  if (report.accountAlias) additionalContext.accountAlias = slackText(report.accountAlias, 'context');

  return {
    version: '1.0',
    source: 'custom',
    // The run id when known, so that a retried run's notification keeps its id (the run's time changes).
    id: `iam-cert-expiry-${report.accountId}-${report.runId ?? report.generatedAt.toISOString()}${partSuffix}`,
    content: {
      textType: 'client-markdown',
      title: slackCut(`${EMOJI[worst]} ${slackText(subject)}`, CHATBOT_LIMITS.title),
      description: description(view),
      nextSteps: nextSteps(view),
      keywords: keywords.slice(0, CHATBOT_LIMITS.keywords).map((k) => slackCut(k, CHATBOT_LIMITS.keyword)),
    },
    metadata: {
      threadId: chatbotThreadId(report),
      summary: slackCut(slackText(subject), CHATBOT_LIMITS.summary),
      eventType: CHATBOT_EVENT_TYPE,
      relatedResources: view.findings.slice(0, CHATBOT_LIMITS.relatedResources).map((f) => f.finding.certificate.arn),
      additionalContext,
    },
  };
}

export function renderChatbotNotification(input: Report | RenderView): string {
  return JSON.stringify(buildChatbotNotification(input));
}
