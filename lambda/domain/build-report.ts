import type { Evaluation } from './evaluate';
import { matchUsages } from './match-usages';
import type { CoverageGap, ObservedCertificateUse, Report, Thresholds } from './types';

export interface ReportInput {
  readonly accountId: string;
  readonly accountAlias?: string;
  readonly generatedAt: Date;
  readonly thresholds: Thresholds;
  readonly certificatesScanned: number;
  readonly evaluation: Evaluation;
  readonly observedUses: readonly ObservedCertificateUse[];
  readonly regionsScanned: readonly string[];
  readonly gaps: readonly CoverageGap[];
}

/** Joins the flagged certificates with where they are served, and says what could not be checked. */
export function buildReport(input: ReportInput): Report {
  const { evaluation } = input;
  const usagesByArn = matchUsages(
    evaluation.flagged.map((f) => f.certificate),
    input.observedUses,
  );
  const gappedRegions = new Set(input.gaps.map((g) => g.region));
  return {
    accountId: input.accountId,
    accountAlias: input.accountAlias,
    generatedAt: input.generatedAt,
    thresholds: input.thresholds,
    certificatesScanned: input.certificatesScanned,
    findings: evaluation.flagged.map((f) => ({ ...f, usages: usagesByArn.get(f.certificate.arn) ?? [] })),
    snoozed: evaluation.snoozed,
    configurationProblems: evaluation.configurationProblems,
    coverage: {
      regionsScanned: input.regionsScanned.filter((r) => !gappedRegions.has(r)),
      gaps: [...input.gaps].sort((a, b) => a.region.localeCompare(b.region) || a.service.localeCompare(b.service)),
    },
  };
}
