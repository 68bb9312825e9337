/**
 * Every CloudWatch metric the functions emit (Powertools EMF, namespace METRICS.namespace) and the dashboards
 * show: names, dimension names and the bounds on per-certificate and per-account series. One definition, read by
 * the emitters (lambda/metrics/) and the dashboards (lib/constructs/), so that a widget can only show a metric a
 * function emits.
 */
import { METRICS } from './environment';
import { ORG_METRICS } from './organization';

/** Dimension names. `service` is Powertools' own (its serviceName); every metric carries it. */
export const DIMENSIONS = {
  service: 'service',
  /** A certificate's name, made fit for a dimension value (lambda/text/sanitise.ts `metricDimensionText`). */
  certificate: 'certificate',
  /** A member account's 12-digit id. */
  account: 'account',
} as const;

export type DimensionName = (typeof DIMENSIONS)[keyof typeof DIMENSIONS];

/**
 * At most this many certificates get a `DaysToExpiry` series per run: the most urgent flagged ones. CloudWatch bills
 * each distinct name-and-dimensions combination as a custom metric, so the series are bounded; the flagged
 * certificates left out are counted in `FlaggedNotCharted`.
 */
export const CHARTED_CERTIFICATES = 20;

/** At most this many accounts get a `FlaggedCertificates` series per organization run: those with the most findings. */
export const CHARTED_ACCOUNTS = 20;

/** The count of flagged certificates per severity (keys as the alert's severities), account and organization. */
export const SEVERITY_METRICS = {
  expired: 'ExpiredCertificates',
  critical: 'CriticalCertificates',
  warning: 'WarningCertificates',
  unknown: 'UnknownExpiryCertificates',
  unused: 'UnusedCertificates',
} as const;

/** Metric names beside METRICS' and ORG_METRICS' own (run completed, scan incomplete, delivery failures...). */
export const METRIC_NAMES = {
  certificatesScanned: 'CertificatesScanned',
  /** Fewest whole days left of any listed certificate with a known expiry; absent when none is known. */
  minDaysLeft: 'MinDaysLeft',
  regionsScanned: 'RegionsScanned',
  regionsFailed: 'RegionsFailed',
  apiCalls: 'ApiCalls',
  apiRetries: 'ApiRetries',
  /** Whole days to expiry of one flagged certificate (negative once expired), per charted certificate. */
  daysToExpiry: 'DaysToExpiry',
  /** Flagged certificates with a known expiry that got no `DaysToExpiry` series (beyond the bound). 0 when none. */
  flaggedNotCharted: 'FlaggedNotCharted',
  /** Organization: accounts checked in this run (in full or in part). */
  accountsChecked: 'AccountsChecked',
  /** Organization: flagged certificates of one account, per charted account. */
  flaggedCertificates: 'FlaggedCertificates',
  /** Organization: accounts with findings that got no `FlaggedCertificates` series (beyond the bound). 0 when none. */
  accountsNotCharted: 'AccountsNotCharted',
} as const;

/** One metric as CloudWatch identifies it: name and the set of dimension names (their values vary). */
export interface MetricDefinition {
  readonly name: string;
  /** Always `service` first; the others in the order a dashboard's SEARCH schema names them. */
  readonly dimensions: readonly DimensionName[];
}

const byService = (...names: string[]): MetricDefinition[] =>
  names.map((name) => ({ name, dimensions: [DIMENSIONS.service] }));

/** What the single-account checker emits (dimension `service` = METRICS.serviceName). */
export const CHECKER_METRICS: readonly MetricDefinition[] = [
  ...byService(
    METRICS.runCompleted,
    METRICS.scanIncomplete,
    METRICS.deliveryFailures,
    METRIC_NAMES.certificatesScanned,
    ...Object.values(SEVERITY_METRICS),
    METRIC_NAMES.minDaysLeft,
    METRIC_NAMES.regionsScanned,
    METRIC_NAMES.regionsFailed,
    METRIC_NAMES.apiCalls,
    METRIC_NAMES.apiRetries,
    METRIC_NAMES.flaggedNotCharted,
  ),
  { name: METRIC_NAMES.daysToExpiry, dimensions: [DIMENSIONS.service, DIMENSIONS.certificate] },
];

/** What the organization's aggregate function emits (dimension `service` = ORG_METRICS.serviceName). */
export const ORG_RUN_METRICS: readonly MetricDefinition[] = [
  ...byService(
    ORG_METRICS.runCompleted,
    ORG_METRICS.deliveryFailures,
    ORG_METRICS.accountsNotChecked,
    ORG_METRICS.accountsPartlyChecked,
    METRIC_NAMES.accountsChecked,
    ...Object.values(SEVERITY_METRICS),
    METRIC_NAMES.flaggedNotCharted,
    METRIC_NAMES.accountsNotCharted,
  ),
  { name: METRIC_NAMES.flaggedCertificates, dimensions: [DIMENSIONS.service, DIMENSIONS.account] },
  {
    name: METRIC_NAMES.daysToExpiry,
    dimensions: [DIMENSIONS.service, DIMENSIONS.account, DIMENSIONS.certificate],
  },
];

/** The metrics of each `service` dimension value. */
export const EMITTED_METRICS: Readonly<Record<string, readonly MetricDefinition[]>> = {
  [METRICS.serviceName]: CHECKER_METRICS,
  [ORG_METRICS.serviceName]: ORG_RUN_METRICS,
};
