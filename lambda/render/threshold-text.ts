/**
 * How a message names the critical threshold (pure): the account's, and the ones certificates' own threshold-days
 * tags set instead, so that no count or header says "within 7 days" of a certificate flagged 15 days out.
 */
import type { Finding } from '../domain/types';
import { plural } from './format';

/** How many tag thresholds a sentence lists one by one; more are given as a range. */
const LISTED_THRESHOLDS = 3;

/** The thresholds these findings' tags set instead of the account's `thresholdDays`: distinct, ascending. */
export function tagThresholds(findings: readonly Pick<Finding, 'thresholdDays'>[], thresholdDays: number): number[] {
  return [...new Set(findings.map((f) => f.thresholdDays).filter((d) => d !== thresholdDays))].sort((a, b) => a - b);
}

/** Whether the finding's own threshold-days tag set its threshold (another than the account's). */
export function thresholdFromTag(finding: Pick<Finding, 'thresholdDays'>, thresholdDays: number): boolean {
  return finding.thresholdDays !== thresholdDays;
}

/**
 * The window in which these findings are critical: `7 days`, or, when tags set others,
 * `its threshold: 7 days, or 21 set by the certificate's own tag` (`14 or 21`, `3 to 60` for many).
 */
export function criticalWindow(findings: readonly Pick<Finding, 'thresholdDays'>[], thresholdDays: number): string {
  const tagged = tagThresholds(findings, thresholdDays);
  const account = plural(thresholdDays, 'day');
  if (tagged.length === 0) return account;
  const values =
    tagged.length > LISTED_THRESHOLDS
      ? `${tagged[0]} to ${tagged[tagged.length - 1]}`
      : tagged.length === 1
        ? `${tagged[0]}`
        : `${tagged.slice(0, -1).join(', ')} or ${tagged[tagged.length - 1]}`;
  return `its threshold: ${account}, or ${values} set by the certificate's own tag`;
}
