/**
 * The regions a `regions` context value may name at synth, when no AWS can be read: aws-cdk-lib's own list
 * (its region-info fact table, every partition). A name outside it is refused, with the nearest known one. A
 * region newer than this aws-cdk-lib is refused too: upgrading aws-cdk-lib adds it, and `regions=all` reads the
 * account's enabled regions at run time, new ones included. The deployed checker still compares the configured
 * names with the account's enabled regions on every run (lambda/scan-usages.ts).
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { didYouMean, regionProblems } from '../contract/validation';

export const KNOWN_REGIONS: readonly string[] = RegionInfo.regions.map((r) => r.name);

/**
 * `us-eest-1 (did you mean us-east-1?) is not a region aws-cdk-lib knows; …`, naming every unknown name;
 * `undefined` when every name is known.
 */
export function unknownRegionsProblem(regions: readonly string[]): string | undefined {
  const unknown = regionProblems(regions, KNOWN_REGIONS);
  if (unknown.length === 0) return undefined;
  const names = unknown.map((p) => `${p.region}${didYouMean(p.suggestion)}`).join(', ');
  return (
    `${names} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} aws-cdk-lib knows; for a region ` +
    'newer than aws-cdk-lib, upgrade aws-cdk-lib or use all'
  );
}
