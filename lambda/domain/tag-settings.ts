import { calendarDateOf, THRESHOLD_DAYS, thresholdDaysOf } from '../../contract/validation';
import type { CertificateTagSettings } from './types';

/** Tag keys an owner sets on an IAM server certificate to tune its alerts. */
export const TAG_KEYS = {
  ignore: 'cert-expiry-monitor:ignore',
  thresholdDays: 'cert-expiry-monitor:threshold-days',
  owner: 'cert-expiry-monitor:owner',
} as const;

const DAY_MS = 86_400_000;
const MAX_OWNER_LENGTH = 200;
const MAX_QUOTED_LENGTH = 60;

/** Quotes a tag value for a problem message, cut short so a hostile value cannot flood the alert. */
function quoted(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value);
}

/** What bounds a snooze: the run's "now" and how many days ahead a snooze may reach. */
export interface SnoozeLimits {
  readonly now: Date;
  readonly maxSnoozeDays: number;
}

/**
 * Reads the monitor's tags from a certificate's tag list. A value that cannot be understood (or a snooze that is
 * not a real date, or reaches further than `maxSnoozeDays`) is recorded as a problem (shown in the alert) and the
 * default applies, so a typo never hides a certificate.
 */
export function parseTagSettings(
  tags: Readonly<Record<string, string>>,
  { now, maxSnoozeDays }: SnoozeLimits,
): CertificateTagSettings {
  const problems: string[] = [];
  let ignored: boolean | undefined;
  let snoozedUntil: Date | undefined;
  let thresholdDays: number | undefined;
  let owner: string | undefined;

  const ignore = tags[TAG_KEYS.ignore]?.trim();
  if (ignore !== undefined) {
    if (ignore.toLowerCase() === 'true') ignored = true;
    else if (ignore.toLowerCase() === 'false' || ignore === '') ignored = false;
    else {
      const date = calendarDateOf(ignore);
      if (date === undefined)
        problems.push(
          `${TAG_KEYS.ignore}=${quoted(ignore)}: expected true, false or a real calendar date (ISO 8601) such as 2026-12-31`,
        );
      else if (date.getTime() > now.getTime() + maxSnoozeDays * DAY_MS)
        problems.push(
          `${TAG_KEYS.ignore}=${quoted(ignore)}: a snooze may reach at most ${maxSnoozeDays} days ahead (maxSnoozeDays), so it was not applied`,
        );
      else snoozedUntil = date;
    }
  }

  const threshold = tags[TAG_KEYS.thresholdDays]?.trim();
  if (threshold !== undefined) {
    thresholdDays = thresholdDaysOf(threshold);
    if (thresholdDays === undefined)
      problems.push(
        `${TAG_KEYS.thresholdDays}=${quoted(threshold)}: expected a whole number of days from ${THRESHOLD_DAYS.min} to ${THRESHOLD_DAYS.max}`,
      );
  }

  const ownerTag = tags[TAG_KEYS.owner]?.trim();
  if (ownerTag) owner = ownerTag.length > MAX_OWNER_LENGTH ? `${ownerTag.slice(0, MAX_OWNER_LENGTH)}…` : ownerTag;

  return {
    ...(ignored !== undefined ? { ignored } : {}),
    ...(snoozedUntil ? { snoozedUntil } : {}),
    ...(thresholdDays !== undefined ? { thresholdDays } : {}),
    ...(owner !== undefined ? { owner } : {}),
    problems,
  };
}
