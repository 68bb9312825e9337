/**
 * One account's section of the organization digest (pure): the account's own alert as one message of at most
 * `budget` bytes, its most urgent certificates first, the rest counted (the account's own message names them
 * all). When even the counts do not fit, or the account's report cannot be rendered at all, the section is one
 * line saying so: one account never fails the digest.
 */
import type { AccountWithFindings } from '../domain/org-report';
import { renderEmailText } from './email-text';
import { buildJsonReport, type JsonReport } from './json-report';
import { measurePublishRequest, packParts } from './publish-requests';
import type { RenderView } from './render-view';

export type AccountSection =
  | {
      readonly account: AccountWithFindings;
      /** The account alert's email text, within the section's budget. */
      readonly email: string;
      /** The same view's machine report. */
      readonly json: JsonReport;
    }
  | {
      readonly account: AccountWithFindings;
      /** Why this account's section is one line (its own message and the run data still carry its report). */
      readonly unrendered: string;
    };

/** Longest error text an unrendered section quotes. */
const REASON_MAX_CHARS = 200;

export function renderAccountSection(account: AccountWithFindings, budget: number): AccountSection {
  const { report } = account;
  try {
    const { groups, rest } = packParts(report, budget, 1, undefined);
    const omitted = (n: number) => (n > 0 ? { omittedFindings: n, omittedFindingsIn: 'account-message' as const } : {});
    const views: RenderView[] = [
      { report, findings: groups[0]?.items ?? [], includeSnoozedAndProblems: true, ...omitted(rest) },
      // The counts alone, as the last resort of a single-account alert.
      { report, findings: [], includeSnoozedAndProblems: false, ...omitted(report.findings.length) },
    ];
    const view = views.find((v) => measurePublishRequest(v) <= budget);
    if (!view) return { account, unrendered: `its section does not fit in ${budget} bytes` };
    return { account, email: renderEmailText(view), json: buildJsonReport(view) };
  } catch (error) {
    return { account, unrendered: `its section could not be rendered (${errorText(error)})` };
  }
}

/** A render error, bounded, for the one line that stands in for what it stopped. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, REASON_MAX_CHARS);
}
