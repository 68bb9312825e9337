/**
 * One account's section of the organization digest (pure): the account's own alert as one message of at most
 * `budget` bytes, its most urgent certificates first, the rest counted (the account's own messages name them, as
 * many as MAX_PARTS messages hold). When even the counts do not fit, or the account's report cannot be rendered
 * at all, the section is one line saying so and where the alert is: one account never fails the digest.
 */
import type { AccountWithFindings } from '../domain/org-report';
import type { Report } from '../domain/types';
import { renderEmailText } from './email-text';
import { buildJsonReport, type JsonReport } from './json-report';
import { measurePublishRequest, packFindings } from './publish-requests';
import { countsOnlyView, fullView, type RenderView } from './render-view';

export type AccountSection =
  | {
      readonly kind: 'rendered';
      readonly account: AccountWithFindings;
      /** The account alert's email text, within the section's budget, without the footer. */
      readonly email: string;
      /** The same view's machine report. */
      readonly json: JsonReport;
    }
  | {
      readonly kind: 'unrendered';
      readonly account: AccountWithFindings;
      /** Why this account's section is one line (its own message and the run data still carry its report). */
      readonly reason: string;
    };

/** Longest error text an unrendered section quotes. */
const REASON_MAX_CHARS = 200;

/** The line of a section that fits no budget: its own message (rendered at full size) still carries it. */
export const NO_ROOM =
  "its section does not fit in this digest part; this account's own message of this run carries its alert";

/** `reportLocation`: where the run data is, named when the account's alert cannot be rendered at all. */
export function renderAccountSection(
  account: AccountWithFindings,
  budget: number,
  reportLocation?: string,
): AccountSection {
  const { report } = account;
  try {
    // The counts alone, as the last resort of a single-account alert.
    const view =
      namedView(report, budget) ??
      countsOnlyView({ ...fullView(report), includeSnoozedAndProblems: false, omittedFindingsIn: 'account-message' });
    if (measurePublishRequest(view) > budget) return { kind: 'unrendered', account, reason: NO_ROOM };
    return { kind: 'rendered', account, email: renderEmailText(view, { footer: false }), json: buildJsonReport(view) };
  } catch (error) {
    // Its own message fails the same way (it is sent as counts only): say where its report is.
    const where = reportLocation ? `; its report is in the run data under ${reportLocation}` : '';
    return {
      kind: 'unrendered',
      account,
      reason: `its alert could not be rendered (${renderErrorReason(error)})${where}`,
    };
  }
}

/** Plans of a section's certificates tried before it falls back to counts only. */
const PLAN_ATTEMPTS = 3;

/**
 * The section's most urgent certificates within `budget`, the others counted as its own messages' to name; none
 * when not even one fits. packFindings plans with a stand-in part and without the section's own wording, so a plan
 * can come out a few bytes over: it is planned again for a smaller budget, rather than dropping every certificate
 * for the counts.
 */
function namedView(report: Report, budget: number): RenderView | undefined {
  let planned = budget;
  for (let attempt = 0; attempt < PLAN_ATTEMPTS && planned > 0; attempt++) {
    const { parts, rest } = packFindings(report, planned, 1, undefined);
    const findings = parts[0]!;
    if (findings.length === 0) return undefined;
    const view: RenderView = {
      report,
      findings,
      includeSnoozedAndProblems: true,
      omittedFindings: rest,
      omittedFindingsIn: 'account-message',
    };
    const bytes = measurePublishRequest(view);
    if (bytes <= budget) return view;
    // The planner's shortfall is not known, only that it is more than this overshoot: step back further each time.
    planned -= (bytes - budget) * 4 ** (attempt + 1);
  }
  return undefined;
}

/** A rendering error as one bounded line (the renderers' own errors: an unknown usage type, a bad date). */
export function renderErrorReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, REASON_MAX_CHARS);
}
