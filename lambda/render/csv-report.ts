/**
 * The findings as CSV (`check --format csv`, pure): one row per flagged certificate and place that serves it, a
 * certificate served nowhere as one row with empty place columns; a header row first, so a quiet day is the
 * header alone. Every cell passes the CSV sink's sanitiser (RFC 4180 quoting, no formula), rows end in CRLF as
 * RFC 4180 writes them. Several reports (an organization run) share one header: the account columns tell them
 * apart.
 */
import type { CertificateUsage, Finding, Report } from '../domain/types';
import { chosenRenewal } from '../domain/renewal';
import { expiryUsed } from '../domain/effective-expiry';
import { csvCell } from '../text/sanitise';
import { expiryTier } from './coverage-text';
import { renewalStateOf, usagesComplete } from './finding-facts';
import { isoUtc } from './format';
import { usageRecord } from './usage-record';

type Cell = string | number | boolean;

/** What is known about the certificate, the same on each of its rows. */
const CERTIFICATE_COLUMNS = [
  'checked_at',
  'account_id',
  'account_name',
  'certificate_name',
  'certificate_id',
  'certificate_arn',
  'severity',
  'expiry_severity',
  'days_left',
  'expires_at',
  'expiry_source',
  'threshold_days',
  'owner',
  'hostnames',
  'renewal_state',
  'renewal_certificate',
  'places_complete',
] as const;

/** One place that serves the certificate; empty for a certificate served nowhere. */
const PLACE_COLUMNS = [
  'place_type',
  'place_region',
  'place_name',
  'place_protocol',
  'place_port',
  'place_role',
  'place_arn',
  'place_listener_arn',
  'place_dns_name',
] as const;

export const CSV_COLUMNS = [...CERTIFICATE_COLUMNS, ...PLACE_COLUMNS] as const;

const ROW_END = '\r\n';

export function renderCsv(reports: readonly Report[]): string {
  const rows = [
    CSV_COLUMNS.map(csvCell),
    ...reports.flatMap((report) => report.findings.flatMap((f) => rowsOf(f, report))),
  ];
  return rows.map((cells) => cells.join(',') + ROW_END).join('');
}

function rowsOf(finding: Finding, report: Report): string[][] {
  const certificate = certificateCells(finding, report);
  const places: (readonly Cell[])[] =
    finding.usages.length === 0 ? [PLACE_COLUMNS.map(() => '')] : finding.usages.map(placeCells);
  return places.map((place) => [...certificate, ...place].map(csvCell));
}

function certificateCells(finding: Finding, report: Report): Cell[] {
  const { certificate } = finding;
  const expiry = expiryUsed(finding);
  const cells: Record<(typeof CERTIFICATE_COLUMNS)[number], Cell> = {
    checked_at: isoUtc(report.generatedAt),
    account_id: report.accountId,
    account_name: report.accountAlias ?? '',
    certificate_name: certificate.name,
    certificate_id: certificate.id,
    certificate_arn: certificate.arn,
    severity: finding.severity,
    expiry_severity: expiryTier(finding),
    days_left: finding.daysLeft ?? '',
    expires_at: expiry ? isoUtc(expiry.at) : '',
    expiry_source: expiry?.source ?? '',
    threshold_days: finding.thresholdDays,
    owner: finding.owner ?? '',
    hostnames: (finding.hostnames ?? []).join(' '),
    renewal_state: renewalStateOf(finding),
    renewal_certificate: chosenRenewal(finding.renewal)?.certificate.name ?? '',
    // False when a region or service could not be read: more places may serve it.
    places_complete: usagesComplete(report),
  };
  return CERTIFICATE_COLUMNS.map((column) => cells[column]);
}

function placeCells(usage: CertificateUsage): Cell[] {
  const record = usageRecord(usage);
  const cells: Record<(typeof PLACE_COLUMNS)[number], Cell> = {
    place_type: record.type,
    place_region: record.region,
    place_name: record.name,
    place_protocol: record.protocol,
    place_port: record.port,
    place_role: record.role,
    place_arn: record.arn ?? '',
    place_listener_arn: record.listenerArn ?? '',
    place_dns_name: record.dnsName ?? '',
  };
  return PLACE_COLUMNS.map((column) => cells[column]);
}
