/**
 * A quiet account's scan gaps on their way from the scan step to the aggregate step (pure): capped on the way out
 * (a state's payload is at most 256 KiB, and the ResultWriter gathers many results per file), checked on the way
 * back in (a result is read from S3 as untrusted JSON). A sink that failed to deliver is not a scan gap: it stays
 * in the scan step's log.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_TaskSucceededEventDetails.html (output ≤ 262,144 bytes)
 */
import { RESULT_GAP_REASON_MAX_CHARS, RESULT_GAPS_MAX, type ScanResultGap } from '../../contract/organization';
import type { CoverageGap, ScanService } from '../domain/types';

export interface CarriedGaps {
  readonly gaps?: readonly ScanResultGap[];
  readonly gapsOmitted?: number;
}

/** The gaps a checked result carries: at most `RESULT_GAPS_MAX`, reasons shortened. */
export function carriedGaps(gaps: readonly CoverageGap[]): CarriedGaps {
  if (gaps.length === 0) return {};
  const kept = gaps.slice(0, RESULT_GAPS_MAX).map((g) => ({
    region: g.region,
    service: g.service,
    reason: shorten(g.reason),
  }));
  return { gaps: kept, ...(gaps.length > kept.length ? { gapsOmitted: gaps.length - kept.length } : {}) };
}

/** Every service a scan gap can name; the compiler keeps this in step with `ScanService`. */
const SCAN_SERVICES: Record<ScanService, true> = {
  ec2: true,
  elb: true,
  elbv2: true,
  cloudfront: true,
  iam: true,
  acm: true,
};

/**
 * The gaps of a result read back: well-formed scan gaps are kept; any other entry is counted in `omitted`, never
 * dropped silently (the account is still partly checked).
 */
export function gapsOfResult(value: { readonly gaps?: unknown; readonly gapsOmitted?: unknown }): {
  readonly gaps: CoverageGap[];
  readonly omitted: number;
} {
  const entries: unknown[] = Array.isArray(value.gaps) ? value.gaps : [];
  const gaps = entries.filter(isScanGap).map((g) => ({ region: g.region, service: g.service, reason: g.reason }));
  const declared = typeof value.gapsOmitted === 'number' && value.gapsOmitted > 0 ? Math.floor(value.gapsOmitted) : 0;
  return { gaps, omitted: declared + entries.length - gaps.length };
}

function isScanGap(value: unknown): value is CoverageGap & { readonly service: ScanService } {
  const g = value as Partial<Record<keyof ScanResultGap, unknown>> | null;
  return (
    typeof g?.region === 'string' &&
    typeof g.reason === 'string' &&
    typeof g.service === 'string' &&
    Object.hasOwn(SCAN_SERVICES, g.service)
  );
}

function shorten(reason: string): string {
  return reason.length > RESULT_GAP_REASON_MAX_CHARS ? `${reason.slice(0, RESULT_GAP_REASON_MAX_CHARS - 1)}…` : reason;
}
