/** One more coverage gap in a report (pure): how a sink that failed is named in what the later sinks deliver. */
import type { OrgReport } from './org-report';
import type { CoverageGap, Report } from './types';

export function withGap(report: Report, gap: CoverageGap): Report {
  return { ...report, coverage: { ...report.coverage, gaps: [...report.coverage.gaps, gap] } };
}

/** Every account report gains the gap, so the digest's sections and each account's message name it. */
export function withOrgGap(org: OrgReport, gap: CoverageGap): OrgReport {
  return { ...org, accounts: org.accounts.map((item) => ({ ...item, report: withGap(item.report, gap) })) };
}
