/**
 * What an operator gets without choosing: one value each, shared by the stack's context keys (lib/config.ts),
 * the runtime and the commands that run it from a laptop (npm run check, demo, local-aws).
 */

/** The alert tiers: critical within 7 days (or expired), a warning within 30. */
export const DEFAULT_THRESHOLDS = { thresholdDays: 7, warningDays: 30 } as const;

/** A snooze tag may reach at most this many days ahead (context `maxSnoozeDays`). */
export const DEFAULT_MAX_SNOOZE_DAYS = 90;

/** The member read role's name in every member account (context `memberRoleName`, `--role-name`). */
export const DEFAULT_MEMBER_ROLE_NAME = 'IamCertExpiryMonitorReader';

/** Accounts scanned at once in an organization run (context `accountConcurrency`, the Map's MaxConcurrency). */
export const DEFAULT_ACCOUNT_CONCURRENCY = 10;
