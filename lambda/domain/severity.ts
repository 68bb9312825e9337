/** Severity rules over findings (pure): the urgency order, counts per severity, the most urgent one present. */
import type { FlaggedSeverity, Severity } from './types';

/** Most urgent first (the order findings arrive in). */
export const FLAGGED_SEVERITIES: readonly FlaggedSeverity[] = ['expired', 'critical', 'warning', 'unknown', 'unused'];

export type SeverityCounts = Record<FlaggedSeverity, number>;

export function countBySeverity(items: readonly { readonly severity: FlaggedSeverity }[]): SeverityCounts {
  const counts: SeverityCounts = { expired: 0, critical: 0, warning: 0, unknown: 0, unused: 0 };
  for (const item of items) counts[item.severity] += 1;
  return counts;
}

/** The most urgent severity present, or `ok` when there is none. */
export function worstSeverity(items: readonly { readonly severity: FlaggedSeverity }[]): Severity {
  for (const severity of FLAGGED_SEVERITIES) if (items.some((i) => i.severity === severity)) return severity;
  return 'ok';
}
