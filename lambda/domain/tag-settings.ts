import { THRESHOLD_DAYS, thresholdDaysOf } from '../../contract/validation';
import type { CertificateTagSettings } from './types';

/** Tag keys an owner sets on an IAM server certificate to tune its alerts. */
export const TAG_KEYS = {
  ignore: 'cert-expiry-monitor:ignore',
  thresholdDays: 'cert-expiry-monitor:threshold-days',
  owner: 'cert-expiry-monitor:owner',
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const MAX_OWNER_LENGTH = 200;
const MAX_QUOTED_LENGTH = 60;

/** Quotes a tag value for a problem message, cut short so a hostile value cannot flood the alert. */
function quoted(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value);
}

/**
 * Reads the monitor's tags from a certificate's tag list. A value that cannot be understood is recorded as a
 * problem (shown in the alert) and the default applies, so a typo never hides a certificate.
 */
export function parseTagSettings(tags: Readonly<Record<string, string>>): CertificateTagSettings {
  const problems: string[] = [];
  let ignored: boolean | undefined;
  let snoozedUntil: Date | undefined;
  let thresholdDays: number | undefined;
  let owner: string | undefined;

  const ignore = tags[TAG_KEYS.ignore]?.trim();
  if (ignore !== undefined) {
    if (ignore.toLowerCase() === 'true') ignored = true;
    else if (ignore.toLowerCase() === 'false' || ignore === '') ignored = false;
    else if (ISO_DATE.test(ignore) && !Number.isNaN(Date.parse(ignore))) snoozedUntil = new Date(ignore);
    else
      problems.push(
        `${TAG_KEYS.ignore}=${quoted(ignore)}: expected true, false or an ISO 8601 date such as 2026-12-31`,
      );
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

  return { ignored, snoozedUntil, thresholdDays, owner, problems };
}
