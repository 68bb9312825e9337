/**
 * The SNS Subject (the email subject line): at most 100 printable ASCII characters, no line breaks, most
 * useful part first so a truncating mail client still shows severity, count and account.
 * `[EXPIRED] 6 IAM certificates need renewal - acme-prod (123456789012) (1/3)`;
 * `[CRITICAL] 1 IAM certificate needs renewal (renewal ready) - acme-prod (123456789012)` when it is in IAM already.
 */
import type { Report } from '../domain/types';
import { renewalReady } from './certificate-text';
import { countBySeverity, worstSeverity } from '../domain/severity';
import { type RenderView, toView } from './render-view';
import { subjectText } from '../text/sanitise';
import { testMarked } from './test-alert-text';

export const SNS_SUBJECT_MAX_LENGTH = 100;

const TAG: Record<string, string> = {
  expired: '[EXPIRED]',
  critical: '[CRITICAL]',
  warning: '[WARNING]',
  unknown: '[UNKNOWN]',
  unused: '[UNUSED]',
  ok: '[OK]',
};

function headline(report: Report, worst: string): string {
  const n = report.findings.length;
  if (n === 0) return 'No IAM certificates need renewal';
  const certs = n === 1 ? '1 IAM certificate' : `${n} IAM certificates`;
  if (worst === 'unknown') return `${certs} with unknown expiry`;
  if (worst === 'unused') return `${certs} unused, to delete`;
  return `${certs} ${n === 1 ? 'needs' : 'need'} renewal${readyNote(report)}`;
}

/** ` (renewal ready)` when every flagged certificate has its renewal in IAM, ` (2 renewals ready)` when some do. */
function readyNote(report: Report): string {
  const ready = report.findings.filter(renewalReady).length;
  if (ready === 0) return '';
  if (ready === report.findings.length) return ready === 1 ? ' (renewal ready)' : ' (renewals ready)';
  return ` (${ready} ${ready === 1 ? 'renewal' : 'renewals'} ready)`;
}

function breakdown(report: Report): string {
  const c = countBySeverity(report.findings);
  const parts = [
    c.expired ? `${c.expired} expired` : '',
    c.critical ? `${c.critical} critical` : '',
    c.warning ? `${c.warning} warning` : '',
    c.unknown ? `${c.unknown} unknown` : '',
    c.unused ? `${c.unused} unused` : '',
  ].filter(Boolean);
  return parts.length > 1 ? ` (${parts.join(', ')})` : '';
}

export function renderSubject(input: Report | RenderView): string {
  const view = toView(input);
  const { report } = view;
  const worst = worstSeverity(view.findings.length > 0 ? view.findings.map((f) => f.finding) : report.findings);
  const head = testMarked(report, `${TAG[worst]} ${headline(report, worst)}`);
  const accountId = subjectText(report.accountId);
  const part = view.part ? ` (${view.part.number}/${view.part.total})` : '';
  const alias = subjectText(report.accountAlias ?? '');
  const max = SNS_SUBJECT_MAX_LENGTH;

  // Never cut the severity, count or account id; the alias gives way first, then the breakdown is skipped.
  const fixed = head.length + ` (${accountId})`.length + part.length;
  let aliasPart = '';
  if (alias) {
    const room = max - fixed - ' - '.length;
    if (alias.length <= room) aliasPart = ` - ${alias}`;
    else if (room >= 4) aliasPart = ` - ${alias.slice(0, room - 3).trimEnd()}...`;
  }
  // With an alias: "- acme-prod (123456789012)"; without one: "- 123456789012".
  const account = aliasPart ? ` (${accountId})` : ` - ${accountId}`;
  const extra = breakdown(report);
  const withBreakdown = `${head}${extra}${aliasPart}${account}${part}`;
  const subject = withBreakdown.length <= max ? withBreakdown : `${head}${aliasPart}${account}${part}`;
  return subject.slice(0, max);
}
