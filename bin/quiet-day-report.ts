/**
 * Pure: the report of a quiet day (nothing flagged), so that `check --json` prints one schema every day. Nothing was
 * flagged, so no region was scanned for usages: the coverage says so rather than claiming regions it never read.
 */
import type { CoverageGap, Report, Thresholds } from '../lambda/domain/types';

export interface QuietDay {
  readonly accountId: string;
  readonly generatedAt: Date;
  readonly thresholds: Thresholds;
  readonly certificatesScanned: number;
  /** What could not be checked even on a quiet day (tags that could not be read). @default none */
  readonly gaps?: readonly CoverageGap[];
}

export function quietDayReport({ gaps = [], ...day }: QuietDay): Report {
  return {
    ...day,
    findings: [],
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: [], gaps, regionsNotChecked: [], complete: gaps.length === 0 },
  };
}
