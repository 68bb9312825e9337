/**
 * What the renderers say about where a certificate was looked for (pure): "unused" and a delete command only with
 * complete coverage (domain/coverage.ts); otherwise where it was looked for and where not, every list capped.
 */
import { LISTED_REGIONS, NOT_CHECKED_LABEL, isUsageGap, regionsLabel } from '../domain/coverage';
import type { ExpirySeverity, Finding, RenewalState, Report } from '../domain/types';
import { RENEWAL_STATE_LABEL } from './certificate-text';
import { plural, serviceLabel } from './format';

/** The tier a finding's expiry alone gives: an `unused` finding keeps it for "expired 3 days ago" wording. */
export function expiryTier(finding: Finding): ExpirySeverity {
  return finding.severity === 'unused' ? finding.expirySeverity : finding.severity;
}

/** Global sources (CloudFront) and the region list that could not be read: places beside the regions. */
function globalGaps(report: Report): string[] {
  const labels = report.coverage.gaps
    .filter((g) => isUsageGap(g) && (g.region === 'global' || g.region === 'all'))
    .map((g) => (g.region === 'all' ? 'the list of enabled regions' : serviceLabel(g.service)));
  return [...new Set(labels)];
}

/**
 * `15 enabled regions not checked: ap-south-1 (excluded by configuration), … +10 more; CloudFront distributions
 * not checked`: every place the search did not read; empty when coverage is complete.
 */
export function notCheckedPlaces(report: Report): string {
  const regions = report.coverage.regionsNotChecked;
  const parts: string[] = [];
  if (regions.length > 0) {
    const reasons = [...new Set(regions.map((r) => r.reason))];
    const label =
      reasons.length === 1
        ? `${regionsLabel(regions)} (${NOT_CHECKED_LABEL[reasons[0]]})`
        : [
            ...regions.slice(0, LISTED_REGIONS).map((r) => `${r.region} (${NOT_CHECKED_LABEL[r.reason]})`),
            ...(regions.length > LISTED_REGIONS ? [`+${regions.length - LISTED_REGIONS} more`] : []),
          ].join(', ');
    parts.push(`${plural(regions.length, 'enabled region')} not checked: ${label}`);
  }
  for (const place of globalGaps(report)) parts.push(`${place} not read`);
  if (parts.length === 0 && !report.coverage.complete) parts.push('some places not checked (see NOT CHECKED)');
  return parts.join('; ');
}

/** `the 2 regions checked and CloudFront`, or what of it was read. */
function checkedPlaces(report: Report): string {
  const regions = plural(report.coverage.regionsScanned.length, 'region');
  const cloudFront = report.coverage.gaps.some((g) => g.region === 'global' && isUsageGap(g)) ? '' : ' and CloudFront';
  return `the ${regions} checked${cloudFront}`;
}

/**
 * The sentence for a certificate found nowhere. Complete: it is unused. Otherwise: "Not found in the 2 regions
 * checked and CloudFront; 15 enabled regions not checked: …. Whether it is served there is unknown: no delete
 * command until a complete run."
 */
export function notFoundSentence(report: Report): string {
  if (report.coverage.complete) {
    return (
      'Unused: no load balancer or CloudFront distribution serves it (every enabled region and CloudFront were ' +
      'checked). Safe to delete.'
    );
  }
  return (
    `Not found in ${checkedPlaces(report)}; ${notCheckedPlaces(report)}. Whether it is served there is unknown, ` +
    'so no delete command is given.'
  );
}

/** The short chat/table form: `unused: safe to delete`, or `not found in 2 regions checked; usage unknown`. */
export function notFoundShort(report: Report): string {
  if (report.coverage.complete) return 'unused: safe to delete';
  return `not found in ${checkedPlaces(report).replace(/^the /, '')}; usage unknown`;
}

/** The renewal state's label, and the regions whose ACM holds a qualifying renewal: `…; renewal in ACM (eu-west-1)`. */
export function renewalLabel(finding: Finding, report: Report): string {
  if (!finding.renewal) return '';
  const acm = (finding.renewal.acm ?? []).filter((a) => a.state === 'found').map((a) => a.region);
  const inAcm = acm.length > 0 ? `; renewal in ACM (${acm.join(', ')})` : '';
  return `${renewalStateLabel(finding.renewal.state, report)}${inAcm}`;
}

/** `replaced where checked`: a rollout looks finished only as far as the search reached. */
export function renewalStateLabel(state: RenewalState, report: Report): string {
  const label = RENEWAL_STATE_LABEL[state];
  return state === 'rolled-out' && !report.coverage.complete ? `${label} where checked` : label;
}
