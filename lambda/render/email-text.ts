/**
 * The email body: plain text that reads well in any mail client (no markdown, no tables, prose lines of at most
 * 78 characters; commands, ARNs and URLs stay on one line so they copy whole). Pure: everything from the Report.
 */
import type { CertificateUsage, Finding, Report, SnoozedCertificate, Thresholds } from '../domain/types';
import {
  certificateWarnings,
  expiryText,
  hostnamesLabel,
  keyLabel,
  renewalReady,
  renewalSentence,
} from './certificate-text';
import { criticalWindow, thresholdFromTag } from './threshold-text';
import { FLAGGED_SEVERITIES, countBySeverity } from '../domain/severity';
import { SEVERITY_LABEL, isoDay, isoUtc, plural, serviceLabel, timeLeftPhrase, wrap } from './format';
import { ACM_HINT, RULE_ID, consoleUrl, partitionOf, remediationFor } from './remediation';
import { type RenderView, type ViewFinding, toView } from './render-view';
import { TAG_KEYS } from '../domain/tag-settings';
import { expiryTier, notCheckedPlaces, notFoundSentence, renewalLabel } from './coverage-text';
import { NOT_CHECKED_LABEL, regionsLabel } from '../domain/coverage';
import { deliveryFailureText, type DeliveryFailure } from '../domain/delivery-failure';
import { guardOf } from './account-guard';
import { USAGE_SOURCES } from '../sources/registry';
import { unreachable } from '../domain/usage-place';
import { emailText } from '../text/sanitise';
import { MAX_PARTS, TEXT_CAPS, capped } from './list-caps';
import { TEST_ALERT_NOTE } from './test-alert-text';

const WIDTH = 78;
const HEAVY_RULE = '='.repeat(WIDTH);
const ALERT_RULE = '*'.repeat(WIDTH);

/** "acme-prod (123456789012)" or just the id. */
export function accountLabel(report: Report): string {
  return report.accountAlias ? `${report.accountAlias} (${report.accountId})` : report.accountId;
}

/** "1 expired, 3 critical (expiring within 7 days), ..." for the whole report; tag thresholds named. */
export function severityBreakdown(report: Report): string {
  const counts = countBySeverity(report.findings);
  const { thresholdDays, warningDays } = report.thresholds;
  const parts: string[] = [];
  for (const severity of FLAGGED_SEVERITIES) {
    const n = counts[severity];
    if (n === 0) continue;
    if (severity === 'expired') parts.push(`${n} expired`);
    if (severity === 'critical') {
      const critical = report.findings.filter((f) => f.severity === 'critical');
      parts.push(`${n} critical (expiring within ${criticalWindow(critical, thresholdDays)})`);
    }
    if (severity === 'warning') parts.push(`${n} warning (expiring within ${plural(warningDays, 'day')})`);
    if (severity === 'unknown') parts.push(`${n} with unknown expiry`);
    if (severity === 'unused') parts.push(`${n} unused (served nowhere: tidy up)`);
  }
  return parts.join(', ');
}

function summary(view: RenderView): string[] {
  const { report } = view;
  const total = report.findings.length;
  const lines: string[] = report.test ? [...wrap(TEST_ALERT_NOTE, WIDTH), ''] : [];
  const title = `${total === 0 ? 'NO IAM SERVER CERTIFICATES NEED ATTENTION' : 'IAM SERVER CERTIFICATE EXPIRY ALERT'} - ${accountLabel(report)}`;
  lines.push(...wrap(title, WIDTH), '');

  let text =
    total === 0
      ? `No IAM server certificate in AWS account ${accountLabel(report)} is expired or about to expire.`
      : `${plural(total, 'IAM server certificate')} in AWS account ${accountLabel(report)} ` +
        `${total === 1 ? 'needs' : 'need'} attention: ${severityBreakdown(report)}.`;
  text += ` Checked ${plural(report.certificatesScanned, 'certificate')} at ${isoUtc(report.generatedAt)}.`;
  if (view.part) {
    const first = view.findings[0]?.position;
    const last = view.findings[view.findings.length - 1]?.position;
    const range =
      first === undefined
        ? 'no certificates'
        : first === last
          ? `certificate ${first}`
          : `certificates ${first}-${last}`;
    text +=
      ` This is part ${view.part.number} of ${view.part.total} of this alert (${range} of ${total} below);` +
      ' the other parts arrive as separate messages.';
  }
  if (view.omittedFindings) {
    const are = `${plural(view.omittedFindings, 'flagged certificate')} ${view.omittedFindings === 1 ? 'is' : 'are'}`;
    const fullReport =
      ` For the full report, run ${FULL_REPORT_COMMAND} in the monitor's repository with credentials` +
      ' for this account.';
    const failure = view.renderFailure;
    text += failure
      ? ` ${are} not named here: this account's alert could not be rendered (${failure.reason}).` +
        (failure.reportLocation ? ` Its report is in the run data under ${failure.reportLocation}.` : fullReport)
      : view.omittedFindingsIn === 'account-message'
        ? ` ${are} not in this digest, to keep every account's section short: this account's own messages of this` +
          ` run name them, as many as ${MAX_PARTS} messages hold, and count any others.`
        : ` ${are} in no message of this run (a run sends at most ${MAX_PARTS} messages, each under the SNS size` +
          ` limit).${fullReport}`;
  }
  const ready = report.findings.filter(renewalReady).length;
  if (ready > 0) {
    const where = report.findings.some((f) => f.renewal?.acm?.some((a) => a.state === 'found')) ? 'IAM or ACM' : 'IAM';
    text +=
      ` ${ready === 1 ? 'One of them has' : `${ready} of them have`} a renewal in ${where} already: ` +
      'the steps below finish the rollout.';
  }
  lines.push(...wrap(text, WIDTH));
  if (view.findings.length > 1 || view.findings.some((f) => f.finding.hostnames?.length)) {
    lines.push('', view.part ? 'In this part:' : 'In this message:');
    for (const { finding, position } of view.findings)
      lines.push(...wrap(summaryLine(finding, position, report), WIDTH, '      ', '  '));
  }
  return lines;
}

/**
 * `[1] shop.example.com, www.shop.example.com: expires in 2 days (payments-2026, CRITICAL, renewal ready)`:
 * the hostnames that break lead; without them (body not read) the certificate name does.
 */
function summaryLine(finding: Finding, position: number, report: Report): string {
  const severity = SEVERITY_LABEL[finding.severity];
  const when = timeLeftPhrase(expiryTier(finding), finding.daysLeft);
  const renewal = finding.renewal ? `, ${renewalLabel(finding, report)}` : '';
  if (!finding.hostnames?.length) {
    return `[${position}] ${finding.certificate.name}: ${severity}${finding.severity === 'unknown' ? '' : `, ${when}`}${renewal}`;
  }
  return `[${position}] ${hostnamesLabel(finding.hostnames)}: ${when} (${finding.certificate.name}, ${severity}${renewal})`;
}

function coverageSection(report: Report): string[] {
  return [...notCheckedSection(report), ...notDeliveredSection(report.deliveryFailures ?? [], 'alert')];
}

/**
 * The sinks that could not deliver (`alert`, or the organization's `digest`): said apart, since the findings are
 * as complete as the scan made them.
 */
export function notDeliveredSection(failures: readonly DeliveryFailure[], what: 'alert' | 'digest'): string[] {
  if (failures.length === 0) return [];
  return [
    '',
    ALERT_RULE,
    `NOT DELIVERED - these destinations did not receive this ${what}`,
    ALERT_RULE,
    ...failures.flatMap((failure) => wrap(deliveryFailureText(failure), WIDTH, '    ', '  - ')),
  ];
}

function notCheckedSection(report: Report): string[] {
  const excluded = report.coverage.regionsNotChecked.filter((r) => r.reason === 'excluded');
  const scan = report.coverage.gaps;
  if (scan.length === 0 && excluded.length === 0) return [];
  const lines = ['', ALERT_RULE, 'NOT CHECKED - findings below may be incomplete', ALERT_RULE];
  const gaps = capped(scan, TEXT_CAPS.gaps);
  for (const gap of gaps.shown) {
    lines.push(...wrap(`${gap.region}, ${serviceLabel(gap.service)}: ${gap.reason}`, WIDTH, '    ', '  - '));
  }
  if (gaps.omitted > 0) lines.push(`  …and ${gaps.omitted} more (listed in the JSON report)`);
  if (excluded.length > 0) {
    const label = `${plural(excluded.length, 'enabled region')}, ${NOT_CHECKED_LABEL.excluded}: ${regionsLabel(excluded)}`;
    lines.push(...wrap(label, WIDTH, '    ', '  - '));
  }
  if (!report.coverage.complete) {
    lines.push(
      ...wrap(
        'A certificate served only from these places is not listed as served there, so none is called unused ' +
          'and no delete command is given. Fix the access problem or check these places by hand.',
        WIDTH,
      ),
    );
  }
  return lines;
}

function usageLines(usage: CertificateUsage, partition: string): string[] {
  return [
    `    - ${USAGE_SOURCES.of(usage).names.servedBy(usage)}`,
    ...addressLines(usage),
    `      Console: ${consoleUrl(usage, partition)}`,
  ];
}

/** The names a usage answers on: a distribution's domains and its own domain name, a load balancer's DNS name. */
function addressLines(usage: CertificateUsage): string[] {
  switch (usage.kind) {
    case 'listener':
      return usage.dnsName ? [`      DNS: ${usage.dnsName}`] : [];
    case 'distribution':
      return [
        ...(usage.aliases.length > 0 ? wrap(`Domains: ${usage.aliases.join(', ')}`, WIDTH, '        ', '      ') : []),
        ...(usage.domainName ? [`      DNS: ${usage.domainName}`] : []),
      ];
    default:
      return unreachable(usage);
  }
}

function omittedLine(omitted: number): string {
  return `    …and ${omitted} more usages (left out to keep this alert within the SNS size limits)`;
}

/** Why a listing is compact, and where the full one is. Shown under "Served by" of a compact certificate. */
export const COMPACT_NOTE =
  "Compact listing: the places that serve this alert's certificates are too many to list in full within the " +
  `SNS limits (256 KB a message, ${MAX_PARTS} messages a run), so DNS names and per-listener console links are ` +
  'left out and listeners that take the same fix share one bash loop. For the full report, run this in the ' +
  "monitor's repository with credentials for this account:";

/** The laptop command that prints the full report (bin/check.ts). */
export const FULL_REPORT_COMMAND = 'npx iam-cert-expiry-monitor check --json';

/** One line per usage; one console link per list page (the EC2 load balancer list per region, CloudFront's). */
function compactUsageLines(usages: readonly CertificateUsage[], partition: string, omitted: number): string[] {
  const lines: string[] = [];
  const consoles = new Map<string, string>();
  for (const usage of usages) {
    const source = USAGE_SOURCES.of(usage);
    lines.push(`    - ${source.names.compact(usage)}`);
    const list = source.console.list(usage, partition);
    if (!consoles.has(list.label)) consoles.set(list.label, list.url);
  }
  if (omitted > 0) lines.push(omittedLine(omitted));
  lines.push('  Consoles (load balancer list per region):');
  for (const [where, url] of consoles) lines.push(`    ${where}: ${url}`);
  return lines;
}

function findingSection(item: ViewFinding, view: RenderView): string[] {
  const { finding, position, omittedUsages } = item;
  const compact = item.rendering === 'compact';
  const { report } = view;
  const cert = finding.certificate;
  const lines: string[] = ['', HEAVY_RULE];
  const tier = expiryTier(finding);
  const when = tier === 'unknown' ? '' : ` - ${timeLeftPhrase(tier, finding.daysLeft)}`;
  lines.push(...wrap(`[${position}] ${SEVERITY_LABEL[finding.severity]}: ${cert.name}${when}`, WIDTH, '    ', ''));
  lines.push(HEAVY_RULE);
  if (finding.hostnames?.length)
    lines.push(...wrap(finding.hostnames.join(', '), WIDTH, '            ', '  Hosts:    '));
  const expiryLabel = tier === 'expired' ? 'Expired:' : 'Expires:';
  // The date the days left count to, and where it came from when IAM's listing did not give it.
  const expiry = expiryText(finding) ?? 'unknown (missing from the IAM listing)';
  lines.push(...wrap(expiry, WIDTH, '            ', `  ${expiryLabel.padEnd(9)} `));
  if (thresholdFromTag(finding, report.thresholds.thresholdDays)) {
    lines.push(`  Alerting ${plural(finding.thresholdDays, 'day')} ahead (set by a tag on this certificate)`);
  }
  if (finding.owner) lines.push(`  Owner:    ${finding.owner}`);
  lines.push(`  ARN:      ${cert.arn}`);
  lines.push(`  Path:     ${cert.path}`);
  lines.push(`  ID:       ${cert.id}`);
  if (cert.uploadDate) lines.push(`  Uploaded: ${isoUtc(cert.uploadDate)}`);
  lines.push(...certificateLines(finding));
  lines.push('');

  const totalUsages = finding.usages.length + omittedUsages;
  if (totalUsages === 0) {
    lines.push(...wrap(notFoundSentence(report), WIDTH, '  '));
  } else {
    lines.push(`  Served by (${totalUsages}):`);
    if (compact) lines.push(...wrap(COMPACT_NOTE, WIDTH, '    ', '    '), `      ${FULL_REPORT_COMMAND}`);
    const partition = partitionOf(cert.arn);
    if (compact) lines.push(...compactUsageLines(finding.usages, partition, omittedUsages));
    else {
      for (const usage of finding.usages) lines.push(...usageLines(usage, partition));
      if (omittedUsages > 0) lines.push(omittedLine(omittedUsages));
    }
  }

  const renewal = renewalSentence(finding);
  if (renewal) lines.push('', ...wrap(renewal, WIDTH, '  ', '  '));

  const remediation = remediationFor(finding, {
    generatedAt: report.generatedAt,
    coverageIncomplete: !report.coverage.complete,
    notChecked: notCheckedPlaces(report),
    ...guardOf(report),
    omittedUsages,
    compact,
  });
  lines.push('', '  Fix:');
  remediation.steps.forEach((step, i) => {
    const number = `${i + 1}.`;
    lines.push(...wrap(`${number} ${step.title}`, WIDTH, '       ', '    '));
    for (const cmd of step.display ?? step.commands) lines.push(`       ${cmd}`);
    if (step.note) lines.push(...wrap(`Note: ${step.note}`, WIDTH, '       ', '       '));
  });
  return lines;
}

/** What the body says (issuer, key, serial, fingerprint), what it says that IAM does not, and what went wrong. */
function certificateLines(finding: Finding): string[] {
  const lines: string[] = [];
  const d = finding.details;
  if (d) {
    lines.push(`  Issuer:   ${d.issuer}${d.selfSigned ? ' (self-signed)' : ''}`);
    lines.push(`  Key:      ${keyLabel(d.key)}`);
    lines.push(`  Serial:   ${d.serialNumber}`);
    lines.push(`  SHA-256:  ${d.fingerprintSha256}`);
    if (d.chainExpiry) lines.push(`  Chain:    expires ${isoUtc(d.chainExpiry.notAfter)} (${d.chainExpiry.subject})`);
  }
  for (const warning of certificateWarnings(finding)) lines.push(...wrap(`WARNING: ${warning}`, WIDTH, '    ', '  '));
  for (const problem of finding.certificateProblems ?? [])
    lines.push(...wrap(`PROBLEM: ${problem}`, WIDTH, '    ', '  '));
  return lines;
}

function snoozedLine(s: SnoozedCertificate): string[] {
  const when =
    s.daysLeft === undefined
      ? 'expiry unknown'
      : timeLeftPhrase(s.daysLeft < 0 ? 'expired' : 'critical', s.daysLeft) +
        (s.certificate.expiration ? ` (${isoUtc(s.certificate.expiration)})` : '');
  const until = s.until ? `snoozed until ${isoDay(s.until)}` : 'ignored for good (ignore=true)';
  const owner = s.owner ? `, owner ${s.owner}` : '';
  return wrap(`${s.certificate.name}: ${when}; ${until}${owner}`, WIDTH, '    ', '  - ');
}

function extrasSection(view: RenderView): string[] {
  if (!view.includeSnoozedAndProblems) return [];
  const { report } = view;
  const lines: string[] = [];
  if (report.snoozed.length > 0) {
    lines.push('', `SNOOZED - not alerted (${report.snoozed.length})`, '-'.repeat(WIDTH));
    const snoozed = capped(report.snoozed, TEXT_CAPS.snoozed);
    for (const s of snoozed.shown) lines.push(...snoozedLine(s));
    if (snoozed.omitted > 0) lines.push(`  …and ${snoozed.omitted} more snoozed (JSON report; ${FULL_REPORT_COMMAND})`);
  }
  if (report.configurationProblems.length > 0) {
    lines.push(
      '',
      `CONFIGURATION PROBLEMS - tag values ignored, defaults applied (${report.configurationProblems.length})`,
      '-'.repeat(WIDTH),
    );
    const problems = capped(report.configurationProblems, TEXT_CAPS.configurationProblems);
    for (const p of problems.shown) lines.push(...wrap(`${p.certificateName}: ${p.problem}`, WIDTH, '    ', '  - '));
    if (problems.omitted > 0)
      lines.push(`  …and ${problems.omitted} more problems (JSON report; ${FULL_REPORT_COMMAND})`);
  }
  return lines;
}

/** A date two weeks after the run, for the snooze example. */
function exampleSnoozeDate(generatedAt: Date): string {
  return isoDay(new Date(generatedAt.getTime() + 14 * 86_400_000));
}

/** The line that opens the footer (RFC 3676 signature separator). */
const EMAIL_SIGNATURE = '-- ';

function footer(report: Report): string[] {
  const lines = emailFooter(report, `AWS account ${accountLabel(report)}`);
  // The run's id: a retried run sends the same alert again under the same id.
  return report.runId ? [...lines, '', `Run id: ${report.runId}`] : lines;
}

/**
 * "About this alert": `who` is checked; the tiers are named when the thresholds are known, with the thresholds the
 * flagged certificates' own tags set.
 */
export function emailFooter(
  about: {
    readonly generatedAt: Date;
    readonly thresholds?: Thresholds;
    readonly findings: readonly Pick<Finding, 'thresholdDays'>[];
  },
  who: string,
) {
  const tiers = about.thresholds
    ? `Critical = expires within ${criticalWindow(about.findings, about.thresholds.thresholdDays)}` +
      (about.thresholds.warningDays > 0
        ? `; warning = within ${plural(about.thresholds.warningDays, 'day')}.`
        : '; the warning tier is off.') +
      ' Unused = flagged, but no load balancer or CloudFront distribution serves it in any enabled region: tidy up. '
    : '';
  return [
    '',
    EMAIL_SIGNATURE,
    'About this alert',
    ...wrap(
      `The daily IAM server certificate expiry check for ${who} sends this. ` +
        `Compliance rule ${RULE_ID} asks that SSL/TLS certificates stored in IAM are renewed at least one ` +
        `week before they expire. ${tiers}Account-wide thresholds are the thresholdDays and warningDays ` +
        'CDK context values of the monitor stack.',
      WIDTH,
    ),
    '',
    'Per certificate, set IAM tags:',
    ...[
      [`${TAG_KEYS.owner}=<team or email>`, 'shown in this alert'],
      [`${TAG_KEYS.thresholdDays}=<1-365>`, 'alert earlier or later'],
      [`${TAG_KEYS.ignore}=<YYYY-MM-DD>`, 'snooze until that date'],
      [`${TAG_KEYS.ignore}=true`, 'never alert'],
    ].map(([tag, effect]) => `  ${tag.padEnd(42)}  ${effect}`),
    'For example:',
    `  aws iam tag-server-certificate --server-certificate-name NAME --tags Key=${TAG_KEYS.ignore},Value=${exampleSnoozeDate(about.generatedAt)}`,
    '',
    ...wrap(ACM_HINT, WIDTH),
  ];
}

export interface EmailTextOptions {
  /**
   * The footer ("About this alert", the run id): off for an account's section of the organization digest, which
   * carries its own once.
   * @default true
   */
  readonly footer?: boolean;
}

/** The whole email body for a report (or for one part of a split alert). */
export function renderEmailText(input: Report | RenderView, options: EmailTextOptions = {}): string {
  const view = toView(input);
  const lines = [...summary(view), ...coverageSection(view.report)];
  for (const item of view.findings) lines.push(...findingSection(item, view));
  lines.push(...extrasSection(view));
  if (options.footer ?? true) lines.push(...footer(view.report));
  // Every line passes the sanitiser, so no value (owner tag, SAN, load balancer name) can start a line of its own.
  return `${lines.map(emailText).join('\n')}\n`;
}
