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

/**
 * Batches scanned at once in an organization run (context `accountConcurrency`, the Distributed Map's
 * MaxConcurrency): each batch is one scan invocation, so this is also the scan function's concurrency.
 */
export const DEFAULT_ACCOUNT_CONCURRENCY = 40;

/** Accounts in one batch (context `accountsPerBatch`, the Map's ItemBatcher MaxItemsPerBatch). */
export const DEFAULT_ACCOUNTS_PER_BATCH = 50;

/**
 * Accounts one scan invocation checks at once: their network waits overlap in one Lambda. Also the laptop
 * `check --organization`'s accounts at once.
 */
export const BATCH_ACCOUNT_CONCURRENCY = 10;

/**
 * The Lambda concurrency quota the stack assumes for the hub's region (context `lambdaConcurrencyQuota`): the
 * documented default, which a stack cannot read at synth.
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const DEFAULT_LAMBDA_CONCURRENCY_QUOTA = 1000;
