/** Builders for the organization tests: accounts and account reports derived from the realistic report. */
import { buildOrgReport, type AccountOutcome, type OrgReport } from '../../../lambda/domain/org-report';
import type { Report } from '../../../lambda/domain/types';
import type { AccountItem } from '../../../contract/organization';
import { realisticReport, REALISTIC_NOW } from '../../fixtures/reports/realistic';

export const account = (
  accountId: string,
  accountName = `name-${accountId.slice(0, 3)}`,
  hub = false,
): AccountItem => ({ accountId, accountName, hub });

/** The realistic report as another account's, keeping only the findings whose index is given. */
export function reportFor(
  accountId: string,
  keep: readonly number[] = [0],
  alias: string | undefined = undefined,
): Report {
  const swap = (arn: string) => arn.replace('123456789012', accountId);
  const { accountId: realisticAccount, accountAlias, ...rest } = realisticReport;
  return {
    accountId,
    ...(alias !== undefined ? { accountAlias: alias } : {}),
    ...rest,
    findings: keep.map((i) => {
      const f = realisticReport.findings[i]!;
      return {
        ...f,
        certificate: { ...f.certificate, arn: swap(f.certificate.arn) },
        usages: f.usages.map((u) =>
          u.kind === 'listener' && u.type !== 'classic'
            ? {
                ...u,
                ...(u.arn ? { arn: swap(u.arn) } : {}),
                ...(u.listenerArn ? { listenerArn: swap(u.listenerArn) } : {}),
              }
            : u,
        ),
      };
    }),
  };
}

/** The org report of these outcomes (every account listed) at the realistic report's time. */
export function orgReportOf(outcomes: readonly AccountOutcome[]): OrgReport {
  return buildOrgReport({ generatedAt: REALISTIC_NOW, listed: outcomes.map((o) => o.account), outcomes });
}
