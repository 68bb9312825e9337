/**
 * How much of the account the usage search saw (pure). "Unused" is a claim only when every enabled region and every
 * global source (CloudFront) were read without a gap; otherwise an empty usage list means "not found where we
 * looked", and the alert names where it did not look.
 */
import type { CoverageGap, NotCheckedReason, RegionNotChecked } from './types';

/** Gap services that are not part of the usage search: a tag or body read (IAM). */
const NOT_USAGE_SERVICES: ReadonlySet<string> = new Set(['iam']);

/** describeError's names for a refusal (lambda/describe-error.ts): such a region was denied, not failed. */
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)\b/;

export interface RegionCoverageInput {
  /** The regions the scan was configured to read (all enabled ones when the configuration says `all`). */
  readonly regionsTried: readonly string[];
  /** The account's enabled regions; absent when they could not be listed. */
  readonly enabledRegions?: readonly string[];
  readonly gaps: readonly CoverageGap[];
}

export interface RegionCoverage {
  /** Tried regions read without a gap. */
  readonly regionsScanned: readonly string[];
  /** Every enabled region not read in full, with why; sorted by region. */
  readonly regionsNotChecked: readonly RegionNotChecked[];
  /** Every enabled region and every global source read without a gap: an empty usage list proves "unused". */
  readonly complete: boolean;
}

/** Whether a gap is one in the usage search (a source, or the region list), not a tag or body gap. */
export function isUsageGap(gap: CoverageGap): boolean {
  return !NOT_USAGE_SERVICES.has(gap.service);
}

export function regionCoverage({ regionsTried, enabledRegions, gaps }: RegionCoverageInput): RegionCoverage {
  const usageGaps = gaps.filter(isUsageGap);
  const gapsByRegion = new Map<string, CoverageGap[]>();
  for (const gap of usageGaps) gapsByRegion.set(gap.region, [...(gapsByRegion.get(gap.region) ?? []), gap]);
  const tried = new Set(regionsTried);
  const regionsScanned = regionsTried.filter((r) => !gapsByRegion.has(r));
  const notChecked: RegionNotChecked[] = [];
  for (const region of [...new Set([...(enabledRegions ?? []), ...regionsTried])].sort()) {
    const regionGaps = gapsByRegion.get(region);
    if (!tried.has(region)) notChecked.push({ region, reason: 'excluded', detail: 'not in the configured regions' });
    else if (regionGaps) notChecked.push({ region, ...gapReason(regionGaps) });
  }
  return { regionsScanned, regionsNotChecked: notChecked, complete: usageGaps.length === 0 && notChecked.length === 0 };
}

/** `denied` when every failure in the region was a refusal, else `failed`; the detail names each service. */
function gapReason(gaps: readonly CoverageGap[]): { reason: NotCheckedReason; detail: string } {
  const reason = gaps.every((g) => DENIED.test(g.reason)) ? 'denied' : 'failed';
  return { reason, detail: gaps.map((g) => `${g.service}: ${g.reason}`).join('; ') };
}

export const NOT_CHECKED_LABEL: Record<NotCheckedReason, string> = {
  excluded: 'excluded by configuration',
  denied: 'access denied',
  failed: 'failed',
};

/** How many regions a sentence names before "+N more". */
export const LISTED_REGIONS = 5;

/** `eu-west-1, us-west-2, ap-south-1 +12 more`: the regions not checked, capped. */
export function regionsLabel(regions: readonly RegionNotChecked[], max = LISTED_REGIONS): string {
  const shown = regions.slice(0, max).map((r) => r.region);
  return regions.length > max ? `${shown.join(', ')} +${regions.length - max} more` : shown.join(', ');
}
