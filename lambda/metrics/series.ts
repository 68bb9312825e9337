/**
 * The per-certificate and per-account series of a run (pure): which flagged certificates and which accounts get a
 * series of their own, within CloudWatch's per-metric billing, and how many are left to the counts. Dimension
 * values are untrusted text made fit for CloudWatch (metricDimensionText).
 */
import { CHARTED_ACCOUNTS, CHARTED_CERTIFICATES, DIMENSIONS, METRIC_NAMES } from '../../contract/metrics';
import { sortByUrgency } from '../domain/evaluate';
import type { Finding } from '../domain/types';
import { metricDimensionText } from '../text/sanitise';

/** One datapoint of a series with dimensions beside `service` (which every metric of the function carries). */
export interface SeriesPoint {
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The series of a run, and how many certificates (or accounts) were left to the counts. */
export interface ChartedSeries {
  readonly points: readonly SeriesPoint[];
  readonly notCharted: number;
}

/** A finding as charted: its certificate, severity and days left, and in an organization its account. */
export type ChartableFinding = Pick<Finding, 'certificate' | 'severity' | 'daysLeft'> & { readonly account?: string };

/**
 * `DaysToExpiry` of the `limit` most urgent flagged certificates with a known expiry (sortByUrgency: severity, then
 * days left), one series per certificate (and account). Two names that read the same once made fit for CloudWatch
 * would be one series: the less urgent one is left to the count instead. The others with a known expiry are
 * `notCharted`; a certificate whose expiry is unknown has no days to chart (it is in UnknownExpiryCertificates).
 */
export function daysToExpirySeries(
  findings: readonly ChartableFinding[],
  limit: number = CHARTED_CERTIFICATES,
): ChartedSeries {
  const dated = sortByUrgency(findings.filter((f) => f.daysLeft !== undefined));
  const points: SeriesPoint[] = [];
  const seen = new Set<string>();
  for (const finding of dated) {
    if (points.length >= limit) break;
    const dimensions = {
      ...(finding.account !== undefined ? { [DIMENSIONS.account]: metricDimensionText(finding.account) } : {}),
      [DIMENSIONS.certificate]: metricDimensionText(finding.certificate.name),
    };
    const key = JSON.stringify(dimensions);
    if (seen.has(key)) continue;
    seen.add(key);
    points.push({ name: METRIC_NAMES.daysToExpiry, dimensions, value: finding.daysLeft! });
  }
  return { points, notCharted: dated.length - points.length };
}

/** An account of an organization run and how many certificates were flagged in it. */
export interface AccountFindings {
  readonly accountId: string;
  readonly flagged: number;
}

/**
 * `FlaggedCertificates` of the `limit` accounts with the most findings (ties by account id), one series per
 * account; accounts with nothing flagged get none. The other accounts with findings are `notCharted`.
 */
export function flaggedPerAccountSeries(
  accounts: readonly AccountFindings[],
  limit: number = CHARTED_ACCOUNTS,
): ChartedSeries {
  const flagged = accounts
    .filter((a) => a.flagged > 0)
    .sort((a, b) => b.flagged - a.flagged || a.accountId.localeCompare(b.accountId));
  const points = flagged.slice(0, limit).map((a) => ({
    name: METRIC_NAMES.flaggedCertificates,
    dimensions: { [DIMENSIONS.account]: metricDimensionText(a.accountId) },
    value: a.flagged,
  }));
  return { points, notCharted: flagged.length - points.length };
}
