/** Small pure formatting helpers shared by the renderers. No I/O, no clock: every date comes from the Report. */
import type { FlaggedSeverity, ScanService, Severity } from '../domain/types';
import { USAGE_SOURCES } from '../sources/registry';

/** ISO 8601 UTC to the second: `2025-03-14T06:00:00Z` (milliseconds are noise in an alert). */
export function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2025-03-14` (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "expires in 5 days" / "expires within 24 hours" / "expired today" / "expired 3 days ago" / "expiry unknown". */
export function timeLeftPhrase(severity: FlaggedSeverity, daysLeft: number | undefined): string {
  if (severity === 'unknown' || daysLeft === undefined) return 'expiry unknown';
  if (severity === 'expired' || daysLeft < 0) {
    const ago = Math.abs(daysLeft);
    return ago === 0 ? 'expired today' : `expired ${plural(ago, 'day')} ago`;
  }
  return daysLeft === 0 ? 'expires within 24 hours' : `expires in ${plural(daysLeft, 'day')}`;
}

/** Short form for chat: "3 days ago" / "5 days left" / "<1 day left" / "expiry unknown". */
export function shortTimeLeft(severity: FlaggedSeverity, daysLeft: number | undefined): string {
  if (severity === 'unknown' || daysLeft === undefined) return 'expiry unknown';
  if (severity === 'expired' || daysLeft < 0) {
    const ago = Math.abs(daysLeft);
    return ago === 0 ? 'expired today' : `expired ${plural(ago, 'day')} ago`;
  }
  return daysLeft === 0 ? '<1 day left' : `${plural(daysLeft, 'day')} left`;
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  expired: 'EXPIRED',
  critical: 'CRITICAL',
  warning: 'WARNING',
  unknown: 'UNKNOWN EXPIRY',
  unused: 'UNUSED',
  ok: 'OK',
};

/** The services the pipeline reads besides the usage sources (each source names its own). */
const PIPELINE_SERVICE_LABEL: Partial<Record<ScanService, string>> = {
  ec2: 'EC2 (region list)',
  iam: 'IAM server certificates',
  acm: 'ACM certificates (renewals)',
};

/** How a coverage gap names the service that could not be read. */
export function serviceLabel(service: ScanService): string {
  return PIPELINE_SERVICE_LABEL[service] ?? USAGE_SOURCES.forService(service).service.label;
}

/** UTF-8 byte length, as AWS counts message sizes. */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/**
 * Greedy word wrap to `width` columns at spaces. Words longer than the width (ARNs, URLs) stay whole on their own line
 * so they remain copyable. `indent` prefixes every line; `firstIndent` the first one.
 */
export function wrap(text: string, width = 78, indent = '', firstIndent = indent): string[] {
  // Only spaces and tabs break words: a line break or U+2028 inside a value must not start a line of its own.
  const words = text.split(/[ \t]+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  for (const word of words) {
    const candidate = lineHasWord ? `${line} ${word}` : `${line}${word}`;
    if (candidate.length <= width || !lineHasWord) {
      line = candidate;
      lineHasWord = true;
    } else {
      lines.push(line);
      line = `${indent}${word}`;
    }
  }
  if (lineHasWord) lines.push(line);
  return lines;
}

/** Cuts to `max` characters, ending with "…" when cut. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  return `${value.slice(0, Math.max(0, max - 1))}…`;
}
