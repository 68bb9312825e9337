/**
 * How many entries of each list one message names; the rest are counted ("…and 380 more"). The caps keep a
 * message bounded whatever the account holds: an alert about a few flagged certificates stays one message even
 * next to a thousand snoozed ones. The machine report (JSON) names more than the text. Pure.
 */

/** Entries named in the email and Slack text. */
export const TEXT_CAPS = {
  snoozed: 10,
  configurationProblems: 20,
  gaps: 20,
  /** Other certificates that also cover a renewal's names. */
  alsoQualifying: 5,
} as const;

/** Entries listed in the JSON report of one message (three copies of it travel in each SNS message). */
export const JSON_CAPS = {
  snoozed: 50,
  configurationProblems: 50,
  gaps: 50,
} as const;

/** At most this many messages a run (per alert); the last one summarises what did not fit. */
export const MAX_PARTS = 10;

export interface Capped<T> {
  readonly shown: readonly T[];
  readonly omitted: number;
}

/** The first `max` items and how many were left out. */
export function capped<T>(items: readonly T[], max: number): Capped<T> {
  return { shown: items.slice(0, max), omitted: Math.max(0, items.length - max) };
}
