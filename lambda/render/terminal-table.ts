/**
 * A compact, aligned table of a report for a terminal (the laptop `check` command). Pure. Every line fits
 * TERMINAL_COLUMNS terminal columns (wide CJK characters count two): names from the account pass the sanitiser,
 * then are cut with an ellipsis; prose is wrapped.
 */
import type { Finding, FlaggedSeverity, Report } from '../domain/types';
import { displayWidth, fitColumns } from '../text/display-width';
import { emailText } from '../text/sanitise';
import { expirySource, hostnamesLabel } from './certificate-text';
import { expiryUsed } from '../domain/effective-expiry';
import { chosenRenewal } from '../domain/renewal';
import { TAG_KEYS } from '../domain/tag-settings';
import { criticalWindow, tagThresholds, thresholdFromTag } from './threshold-text';
import { expiryTier, notCheckedPlaces, notFoundShort, renewalStateLabel } from './coverage-text';
import { USAGE_SOURCES } from '../sources/registry';
import { SEVERITY_LABEL, isoUtc, plural, serviceLabel, shortTimeLeft, wrap } from './format';

/** The widest line the table prints. */
export const TERMINAL_COLUMNS = 120;

/** Widest hostnames and certificate cells: with the other columns at their widest, a row stays within 120. */
const NAME_COLUMNS = 28;

/** Places listed under a certificate before "… and N more". */
const MAX_PLACES = 10;

/** The SEVERITY column's index in a row. */
const SEVERITY_COLUMN = 1;

/** Indent of the lines under a row (the places that serve it, its renewal state). */
const UNDER = '    ';

/** ANSI colours of the SEVERITY cells: red for what breaks (bold when it already has), yellow, magenta, cyan. */
export const SEVERITY_COLOURS: Readonly<Record<FlaggedSeverity, string>> = {
  expired: '\x1b[1;31m',
  critical: '\x1b[31m',
  warning: '\x1b[33m',
  unknown: '\x1b[35m',
  unused: '\x1b[36m',
};
const RESET = '\x1b[0m';

export interface TerminalTableOptions {
  /** Colour the SEVERITY cells (a terminal that wants colour: the caller decides). @default false */
  readonly colour?: boolean;
}

export function renderTerminalTable(report: Report, options: TerminalTableOptions = {}): string {
  const alias = report.accountAlias ? ` (${emailText(report.accountAlias)})` : '';
  const { thresholdDays, warningDays } = report.thresholds;
  const head = [
    ...wrap(
      `${report.findings.length} of ${report.certificatesScanned} IAM server certificates need attention in account ${report.accountId}${alias}.`,
      TERMINAL_COLUMNS,
    ),
    ...wrap(
      // A tag's threshold makes the sentence a list: the warning tier then stands apart.
      `Critical within ${criticalWindow(report.findings, thresholdDays)}` +
        (warningDays > 0
          ? `${tagThresholds(report.findings, thresholdDays).length > 0 ? ';' : ','} warning within ${warningDays}`
          : '') +
        '.',
      TERMINAL_COLUMNS,
    ),
    '',
  ];
  const lines: string[] = [];
  if (report.snoozed.length > 0)
    lines.push(
      '',
      ...wrap(
        `Snoozed: ${report.snoozed.map((s) => emailText(s.certificate.name)).join(', ')}`,
        TERMINAL_COLUMNS,
        '  ',
      ),
    );
  for (const p of report.configurationProblems)
    lines.push(
      ...wrap(`Tag problem on ${emailText(p.certificateName)}: ${emailText(p.problem)}`, TERMINAL_COLUMNS, '  '),
    );
  const scan = report.coverage.gaps;
  if (scan.length > 0) {
    lines.push('', 'NOT CHECKED (results may be incomplete):');
    for (const g of scan)
      lines.push(
        ...wrap(`${g.region} ${serviceLabel(g.service)}: ${emailText(g.reason)}`, TERMINAL_COLUMNS, UNDER, '  '),
      );
  }
  if (!report.coverage.complete)
    lines.push('', ...wrap(`Not checked, so nothing is called unused: ${notCheckedPlaces(report)}.`, TERMINAL_COLUMNS));
  // A single word longer than the line (wrap keeps those whole) is the only thing left to cut. The rows fit
  // already: cut after their colour went in, the codes would count as columns.
  const fit = (text: readonly string[]) => text.map((line) => fitColumns(line, TERMINAL_COLUMNS));
  return [...fit(head), ...rowsOf(report, options.colour ?? false), ...fit(lines)].join('\n');
}

/** The header, then per finding one aligned row and, under it, where it is served and its renewal state. */
function rowsOf(report: Report, colour: boolean): string[] {
  const rows = report.findings.map((f) => [
    hostnamesCell(f.hostnames ?? []),
    SEVERITY_LABEL[f.severity],
    shortTimeLeft(expiryTier(f), f.daysLeft),
    fitColumns(emailText(f.certificate.name), NAME_COLUMNS),
    expiryCell(f),
  ]);
  const paint = (row: number, column: number, cell: string) => {
    const severity = report.findings[row - 1]?.severity;
    return colour && column === SEVERITY_COLUMN && severity !== undefined
      ? `${SEVERITY_COLOURS[severity]}${cell}${RESET}`
      : cell;
  };
  const [header, ...body] = aligned([['HOSTNAMES', 'SEVERITY', 'WHEN', 'CERTIFICATE', 'EXPIRES'], ...rows], paint);
  return [header, ...body.flatMap((row, i) => [row, ...linesUnder(report.findings[i], report)])];
}

/** The date the days left count to (IAM's, else the body's or a chain certificate's: said under the row). */
function expiryCell(f: Finding): string {
  const used = expiryUsed(f);
  return used ? isoUtc(used.at) : 'unknown';
}

/** Two hostnames when they fit, else one, so that "+N more" stays readable; then cut. */
function hostnamesCell(hostnames: readonly string[]): string {
  if (hostnames.length === 0) return '-';
  const two = emailText(hostnamesLabel(hostnames, 2));
  return fitColumns(displayWidth(two) <= NAME_COLUMNS ? two : emailText(hostnamesLabel(hostnames, 1)), NAME_COLUMNS);
}

/** `    ALB legacy-web:443 (us-east-1)` for each place (the port tells two listeners apart), then the renewal. */
function linesUnder(f: Finding, report: Report): string[] {
  const places =
    f.usages.length === 0
      ? [notFoundShort(report)]
      : f.usages.slice(0, MAX_PLACES).map((u) => emailText(USAGE_SOURCES.of(u).names.table(u)));
  const rest = f.usages.length - MAX_PLACES;
  if (rest > 0) places.push(`… and ${plural(rest, 'more place')} (--json lists every one)`);
  const notes = [thresholdNote(f, report), expiryNote(f), renewalNote(f, report)].flatMap((n) => (n ? [n] : []));
  return [...places, ...notes].map((line) => fitColumns(`${UNDER}${line}`, TERMINAL_COLUMNS));
}

/** `[threshold 21 days: its own threshold-days tag]` where a tag set another threshold than the header's. */
function thresholdNote(f: Finding, report: Report): string | undefined {
  if (!thresholdFromTag(f, report.thresholds.thresholdDays)) return undefined;
  return `[threshold ${plural(f.thresholdDays, 'day')}: its own ${TAG_KEYS.thresholdDays} tag]`;
}

/** `[expiry from the certificate body; IAM lists none]` when the EXPIRES date is not IAM's. */
function expiryNote(f: Finding): string | undefined {
  const source = expirySource(f);
  return source ? `[expiry ${emailText(source)}]` : undefined;
}

/** `[renewal partly rolled out: api-2027]`, or a body problem; undefined when there is nothing to say. */
function renewalNote(f: Finding, report: Report): string | undefined {
  if (f.certificateProblems?.length) return `[${emailText(f.certificateProblems[0])}]`;
  if (!f.renewal) return undefined;
  const chosen = chosenRenewal(f.renewal);
  const name = chosen ? `: ${emailText(chosen.certificate.name)}` : '';
  return `[${renewalStateLabel(f.renewal.state, report)}${name}]`;
}

/** Pads every column but the last to its widest cell; `paint` wraps a cell's text (not its padding). */
function aligned(rows: readonly string[][], paint: (row: number, column: number, cell: string) => string): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
  return rows.map((r, row) =>
    r
      .map((cell, i) =>
        i === r.length - 1 ? paint(row, i, cell) : paint(row, i, cell) + ' '.repeat(widths[i] - displayWidth(cell)),
      )
      .join('  ')
      .trimEnd(),
  );
}
