import { regionCoverage } from './coverage';
import { sortByUrgency, type Evaluation } from './evaluate';
import { matchUsages } from './match-usages';
import type { CoverageGap, ObservedCertificateUse, Report, Thresholds } from './types';

export interface ReportInput {
  /** @default - not known */
  readonly runId?: string;
  readonly accountId: string;
  readonly accountAlias?: string;
  readonly generatedAt: Date;
  readonly thresholds: Thresholds;
  readonly certificatesScanned: number;
  readonly evaluation: Evaluation;
  readonly observedUses: readonly ObservedCertificateUse[];
  /** The regions the scan tried. */
  readonly regionsScanned: readonly string[];
  /** The account's enabled regions; absent when they could not be listed. */
  readonly enabledRegions?: readonly string[];
  readonly gaps: readonly CoverageGap[];
}

/**
 * Joins the flagged certificates with where they are served, and says what could not be checked. A certificate
 * served nowhere is `unused` only when the search was complete; otherwise it keeps its expiry severity.
 */
export function buildReport(input: ReportInput): Report {
  const { evaluation } = input;
  const usagesByArn = matchUsages(
    evaluation.flagged.map((f) => f.certificate),
    input.observedUses,
  );
  const coverage = regionCoverage({
    regionsTried: input.regionsScanned,
    ...(input.enabledRegions ? { enabledRegions: input.enabledRegions } : {}),
    gaps: input.gaps,
  });
  const findings = evaluation.flagged.map((f) => {
    const usages = usagesByArn.get(f.certificate.arn) ?? [];
    if (!coverage.complete || usages.length > 0) return { ...f, usages };
    return { ...f, usages, severity: 'unused' as const, expirySeverity: f.severity };
  });
  return {
    ...(input.runId ? { runId: input.runId } : {}),
    accountId: input.accountId,
    ...(input.accountAlias !== undefined ? { accountAlias: input.accountAlias } : {}),
    generatedAt: input.generatedAt,
    thresholds: input.thresholds,
    certificatesScanned: input.certificatesScanned,
    findings: sortByUrgency(findings),
    snoozed: evaluation.snoozed,
    configurationProblems: evaluation.configurationProblems,
    coverage: {
      regionsScanned: coverage.regionsScanned,
      regionsNotChecked: coverage.regionsNotChecked,
      complete: coverage.complete,
      gaps: [...input.gaps].sort((a, b) => a.region.localeCompare(b.region) || a.service.localeCompare(b.service)),
    },
  };
}
