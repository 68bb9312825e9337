/**
 * Pure: how the "no completed run" alarm is shaped for a given schedule.
 *
 * The window is the longest gap between two scheduled runs plus slack for the run itself (up to 15 min), Scheduler
 * retries (up to 1 h) and daylight-saving shifts: slack = gap / 12, at least 30 min, at most 2 h (daily -> 26 h).
 * CloudWatch limits: period x evaluationPeriods <= 1 day for periods under 1 h, <= 7 days otherwise
 * (PutMetricAlarm). Windows up to 1 day use one period of the window's length; longer windows use 1-hour
 * periods that must all be breaching (M of N with M = N), capped at 7 days. A schedule whose gap cannot be
 * derived (L, W or # fields, a fixed year) or exceeds ~7 days gets the 7-day maximum: such a monitor may report
 * a missed run late, or briefly around a late weekly run.
 */
import { longestGapMinutes, parseScheduleExpression } from '../../contract/schedule';

export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

export interface HeartbeatPlan {
  /** The longest gap between two runs, in minutes, when it could be derived and fits the alarm limits. */
  readonly gapMinutes?: number;
  /** The window in which at least one run must complete, in minutes. */
  readonly windowMinutes: number;
  /** Alarm period in seconds (a multiple of 60). */
  readonly periodSeconds: number;
  /** Evaluation periods (and datapoints to alarm). */
  readonly evaluationPeriods: number;
  /** True when the window is the CloudWatch maximum rather than derived from the schedule. */
  readonly capped: boolean;
}

export function heartbeatPlan(expression: string): HeartbeatPlan {
  const gap = longestGapMinutes(parseScheduleExpression(expression), MAX_WINDOW_MINUTES);
  const slack = gap === undefined ? 0 : Math.min(120, Math.max(30, Math.ceil(gap / 12)));
  const wanted = gap === undefined ? Number.POSITIVE_INFINITY : gap + slack;
  const capped = wanted > MAX_WINDOW_MINUTES;
  const windowMinutes = capped ? MAX_WINDOW_MINUTES : wanted;
  // A gap that cannot be derived always gives a capped window: the gap is named exactly when the window is not capped.
  const derived = capped || gap === undefined ? {} : { gapMinutes: gap };
  if (windowMinutes <= 24 * 60) {
    return {
      ...derived,
      windowMinutes,
      periodSeconds: windowMinutes * 60,
      evaluationPeriods: 1,
      capped,
    };
  }
  const hours = Math.ceil(windowMinutes / 60);
  return {
    ...derived,
    windowMinutes: hours * 60,
    periodSeconds: 3600,
    evaluationPeriods: hours,
    capped,
  };
}

/** "26 h", "45 min", "7 days" */
export function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes > 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
}
