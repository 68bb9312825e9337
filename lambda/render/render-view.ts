/**
 * What one rendered message shows: the whole report (for account, totals, thresholds and coverage) and the
 * findings that go into this message. A large report is split into numbered parts; each part is a view.
 */
import type { Subscriber } from '../../contract/subscribers';
import type { Finding, Report } from '../domain/types';

export interface PartInfo {
  /** 1-based. */
  readonly number: number;
  readonly total: number;
}

export interface ViewFinding {
  readonly finding: Finding;
  /** 1-based position in the whole report (most urgent first), so parts keep one numbering. */
  readonly position: number;
  /** Usages left out of `finding.usages` to keep the message under the SNS size limit. */
  readonly omittedUsages: number;
  /**
   * `compact` when the full listing of this certificate would not fit in one SNS message: one line per usage,
   * one fix loop per region and action, no per-usage DNS names or console links. Absent: the full rendering.
   */
  readonly rendering?: 'compact';
}

export interface RenderView {
  readonly report: Report;
  readonly findings: readonly ViewFinding[];
  /** Absent when everything fits in one message. */
  readonly part?: PartInfo;
  /** Snoozed certificates and configuration problems appear once, in the first (or only) message. */
  readonly includeSnoozedAndProblems: boolean;
  /** Who the deployment alerts, so the Chatbot message can say where the commands are. @default - not known */
  readonly subscribers?: readonly Subscriber[];
  /**
   * Flagged certificates that no message of this run names (a run sends at most MAX_PARTS messages); said in the
   * last part with where the full report is. Absent: none.
   */
  readonly omittedFindings?: number;
  /**
   * Where the omitted findings are: `account-message` in an organization digest's section (the account's own
   * messages of the same run name them, as many as MAX_PARTS messages hold).
   * @default - in no message (run the full report)
   */
  readonly omittedFindingsIn?: 'account-message';
  /**
   * Why this message names none of the flagged certificates: the account's alert could not be rendered (an
   * organization run's account message), and where its report is instead. @default - rendered
   */
  readonly renderFailure?: RenderFailure;
}

export interface RenderFailure {
  /** The error, one bounded line (untrusted: sanitised by each sink). */
  readonly reason: string;
  /** Where the run's reports are (the organization run data in S3). @default - run the full report */
  readonly reportLocation?: string;
}

/** The whole report as one message. */
export function fullView(report: Report): RenderView {
  return {
    report,
    findings: report.findings.map((finding, i) => ({ finding, position: i + 1, omittedUsages: 0 })),
    includeSnoozedAndProblems: true,
  };
}

/**
 * The same message naming none of its certificates, counting them with any it already counts: the last resort
 * when they do not fit, or cannot be rendered.
 */
export function countsOnlyView(view: RenderView): RenderView {
  return { ...view, findings: [], omittedFindings: (view.omittedFindings ?? 0) + view.findings.length };
}

/** Accepts either a Report (one message) or a prepared view (one part). */
export function toView(input: Report | RenderView): RenderView {
  return 'report' in input ? input : fullView(input);
}
