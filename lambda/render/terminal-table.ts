/** A compact, aligned table of a report for a terminal (the laptop `check` command). Pure. */
import type { Finding, Report } from '../domain/types';
import { hostnamesLabel } from './certificate-text';
import { USAGE_SOURCES } from '../sources/registry';
import { emailText } from '../text/sanitise';
import { SEVERITY_LABEL, isoUtc, serviceLabel, shortTimeLeft } from './format';
import { expiryTier, notCheckedPlaces, notFoundShort, renewalStateLabel } from './coverage-text';

export function renderTerminalTable(report: Report): string {
  const rows = report.findings.map((f) =>
    [
      f.hostnames?.length ? hostnamesLabel(f.hostnames, 2) : '-',
      SEVERITY_LABEL[f.severity],
      shortTimeLeft(expiryTier(f), f.daysLeft),
      f.certificate.name,
      f.certificate.expiration ? isoUtc(f.certificate.expiration) : 'unknown',
      f.usages.length === 0
        ? notFoundShort(report)
        : f.usages.map((u) => USAGE_SOURCES.of(u).names.table(u)).join('; '),
    ].map((cell, i, row) => (i === row.length - 1 ? cell + renewalNote(f, report) : cell)),
  );
  const lines = [
    `${report.findings.length} of ${report.certificatesScanned} IAM server certificates need attention in account ${report.accountId}` +
      (report.accountAlias ? ` (${report.accountAlias})` : '') +
      ` (critical within ${report.thresholds.thresholdDays} days${report.thresholds.warningDays > 0 ? `, warning within ${report.thresholds.warningDays}` : ''}).`,
    '',
    ...aligned([['HOSTNAMES', 'SEVERITY', 'WHEN', 'CERTIFICATE', 'EXPIRES', 'SERVED BY'], ...rows]),
  ];
  if (report.snoozed.length > 0) lines.push('', `Snoozed: ${report.snoozed.map((s) => s.certificate.name).join(', ')}`);
  for (const p of report.configurationProblems) lines.push(`Tag problem on ${p.certificateName}: ${p.problem}`);
  if (report.coverage.gaps.length > 0) {
    lines.push('', 'NOT CHECKED (results may be incomplete):');
    for (const g of report.coverage.gaps) lines.push(`  ${g.region} ${serviceLabel(g.service)}: ${g.reason}`);
  }
  if (!report.coverage.complete) {
    lines.push('', `Not checked, so nothing is called unused: ${notCheckedPlaces(report)}.`);
  }
  // A terminal acts on control characters (escape sequences): every line passes the email sanitiser.
  return lines.map(emailText).join('\n');
}

/** ` [renewal partly rolled out: api-2027]`, or a body problem; empty when there is nothing to say. */
function renewalNote(f: Finding, report: Report): string {
  if (f.certificateProblems?.length) return ` [${f.certificateProblems[0]}]`;
  if (!f.renewal) return '';
  const name = f.renewal.certificate ? `: ${f.renewal.certificate.name}` : '';
  return ` [${renewalStateLabel(f.renewal.state, report)}${name}]`;
}

/** Pads every column but the last to its widest cell. */
function aligned(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}
