/**
 * The one set of rules for what an operator configures, read on both sides: CDK context (lib/config.ts), the
 * functions' environment (lambda/settings.ts, lambda/org/org-settings.ts) and certificate tags
 * (lambda/domain/tag-settings.ts). Pure. The checks live here once. The runtime words its own errors (they name a
 * variable or tag); the deploy side reads each setting through a `Rule` below, which carries its words too, so the
 * context table and the constructs' props refuse a value alike. Schedule expressions: ./schedule.ts.
 */
import { closestName } from './closest-name';
import { parseScheduleExpression, shortestGapMinutes } from './schedule';

/** Days before expiry at which a certificate is critical (context `thresholdDays`, THRESHOLD_DAYS, the tag). */
export const THRESHOLD_DAYS = { min: 1, max: 365 } as const;
/** Days before expiry at which a certificate is a warning: `off`, or greater than the threshold and at most `max`. */
export const WARNING_DAYS = { off: 0, max: 365 } as const;

/**
 * A whole number from `min` to `max`: a JSON number, or a string of digits (blanks around it allowed), so no sign,
 * decimal point or exponent. `undefined` for anything else.
 */
export function wholeNumberIn(value: unknown, min: number, max: number): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** The critical threshold in days, or `undefined` when `value` is not one. */
export function thresholdDaysOf(value: unknown): number | undefined {
  return wholeNumberIn(value, THRESHOLD_DAYS.min, THRESHOLD_DAYS.max);
}

/** The warning tier in days (0 = off), or `undefined` when out of range; see also `warningFitsThreshold`. */
export function warningDaysOf(value: unknown): number | undefined {
  return wholeNumberIn(value, WARNING_DAYS.off, WARNING_DAYS.max);
}

/** How far ahead a snooze tag may reach, in days (context `maxSnoozeDays`, env MAX_SNOOZE_DAYS). */
export const MAX_SNOOZE_DAYS = { min: 1, max: 365 } as const;

/** The snooze maximum in days, or `undefined` when `value` is not one. */
export function maxSnoozeDaysOf(value: unknown): number | undefined {
  return wholeNumberIn(value, MAX_SNOOZE_DAYS.min, MAX_SNOOZE_DAYS.max);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO 8601 date (optionally with a time and offset) naming a real calendar day, or `undefined`: 2026-02-31 is
 * not one (`Date.parse` would roll it over to 3 March).
 */
export function calendarDateOf(value: string): Date | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/** A warning tier must start before the critical one: off, or more days than the threshold. */
export function warningFitsThreshold(warningDays: number, thresholdDays: number): boolean {
  return warningDays === WARNING_DAYS.off || warningDays > thresholdDays;
}

/** The regions keyword for "every region enabled in the account". */
export const ALL_REGIONS = 'all';

/**
 * AWS region names: an area code of 2-4 letters, one or more words, a number. Covers every partition's form:
 * `us-east-1`, `ap-southeast-5`, `cn-north-1`, `us-gov-west-1`, `us-isob-east-1`, `eu-isoe-west-1`,
 * `eusc-de-east-1` (AWS European Sovereign Cloud); the tests hold it against aws-cdk-lib's list of regions.
 */
export const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/**
 * The regions to check: exactly `all`, or region names (trimmed, duplicates dropped), from a comma-separated
 * string or an array of strings. `undefined` when it is neither (empty, `all` among names, a name of bad form).
 */
export function regionsOf(value: unknown): typeof ALL_REGIONS | string[] | undefined {
  const items = listOf(value);
  if (items === undefined || items.length === 0) return undefined;
  if (items.length === 1 && items[0] === ALL_REGIONS) return ALL_REGIONS;
  return items.every((r) => REGION_NAME.test(r)) ? [...new Set(items)] : undefined;
}

/** A configured region that cannot be scanned: no region at all, or one the account has not enabled. */
export interface RegionProblem {
  readonly region: string;
  readonly problem: 'unknown' | 'not-enabled';
  /** `unknown` only: the known region it looks like a typo of. */
  readonly suggestion?: string;
}

/**
 * The configured regions that cannot be scanned, in their order: each one not among `known` (every region of the
 * account's partition, or aws-cdk-lib's list when no AWS can be read), with the known name nearest to it; and each
 * known one that is not among `enabled` (an opt-in region the account has not opted in to).
 */
export function regionProblems(
  configured: readonly string[],
  known: readonly string[],
  enabled: readonly string[] = known,
): RegionProblem[] {
  const knownSet = new Set(known);
  const enabledSet = new Set(enabled);
  return configured.flatMap((region): RegionProblem[] => {
    if (!knownSet.has(region)) {
      const suggestion = closestName(region, known);
      return [{ region, problem: 'unknown', ...(suggestion ? { suggestion } : {}) }];
    }
    return enabledSet.has(region) ? [] : [{ region, problem: 'not-enabled' }];
  });
}

/** ` (did you mean us-east-1?)`, or nothing when there is no suggestion. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` (did you mean ${suggestion}?)` : '';
}

/** A comma-separated string or an array of strings -> trimmed non-empty items; `undefined` when neither. */
export function listOf(value: unknown): string[] | undefined {
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? (value as string[])
        : undefined;
  return items?.map((s) => s.trim()).filter((s) => s !== '');
}

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** Organizations ids (API reference, ListChildren ParentId): root `r-` + 4-32, OU `ou-` + 4-32 + `-` + 8-32. */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;

/** Where an organization scan may start: an OU id or the root id. */
export function isOuOrRootId(id: string): boolean {
  return ROOT_ID.test(id) || OU_ID.test(id);
}

/** IAM role names: 1-64 letters, digits and `+=,.@_-` (no path). */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** An SNS topic ARN, in any partition. */
export const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** An on/off switch: a JSON boolean, or the strings `true` / `false` (any case, blanks around). */
export function switchOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/**
 * An EventBridge bus, by name or ARN, as PutEvents' `EventBusName` takes it (API_PutEventsRequestEntry.html:
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html). Names: 1-256 of
 * letters, digits and `/._-`; partner buses (`aws.partner/...`) take no custom events.
 */
export const EVENT_BUS_NAME = /^(?!aws\.)[/.\-_A-Za-z0-9]{1,256}$/;
export const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/(?!aws\.)[/.\-_A-Za-z0-9]{1,256}$/;

/** The bus name or ARN (trimmed), or `undefined` when it is neither. */
export function eventBusOf(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  return text !== undefined && (EVENT_BUS_NAME.test(text) || EVENT_BUS_ARN.test(text)) ? text : undefined;
}

// Rules: a setting's accepted form in words, with its check. The deploy side reads every setting through one,
// in the context table (lib/config.ts) and in the constructs' props (lib/constructs/prop-checks.ts), so both refuse
// the same values in the same words.

/** A rule's own wording of a refusal: the whole text after `<name>: `. */
export class Refusal {
  constructor(public readonly message: string) {}
}

export interface Rule<T> {
  /** The accepted form, as a refusal says it: `<name>: expected <describe>, got <value>`. */
  readonly describe: string;
  /** The value (trimmed, de-duplicated), `undefined` when it is not of that form, or a Refusal worded by the rule. */
  readonly parse: (value: unknown) => T | undefined | Refusal;
}

/** How a refusal shows a value: as JSON, `nothing` when absent. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The value `rule` makes of `value`, or the line that refuses it under `name` (a context key or a prop). */
export function applyRule<T>(
  name: string,
  rule: Rule<T>,
  value: unknown,
): { readonly value: T } | { readonly refused: string } {
  const parsed = rule.parse(value);
  if (parsed instanceof Refusal) return { refused: `${name}: ${parsed.message}` };
  if (parsed === undefined) return { refused: `${name}: expected ${rule.describe}, got ${shown(value)}` };
  return { value: parsed };
}

/** A whole number from `min` to `max` (see wholeNumberIn), of `unit` when given ("a whole number of days from …"). */
export function wholeNumberRule(min: number, max: number, unit?: string): Rule<number> {
  return {
    describe: `a whole number ${unit ? `of ${unit} ` : ''}from ${min} to ${max}`,
    parse: (value) => wholeNumberIn(value, min, max),
  };
}

export const THRESHOLD_DAYS_RULE = wholeNumberRule(THRESHOLD_DAYS.min, THRESHOLD_DAYS.max);

/**
 * The warning tier: off, or above the critical threshold. Given the threshold, the rule holds the value to it and
 * names it; without one (an invalid threshold), only the range.
 */
export function warningDaysRule(thresholdDays?: number): Rule<number> {
  const above = thresholdDays === undefined ? 'thresholdDays' : `thresholdDays (${thresholdDays})`;
  return {
    describe: `${WARNING_DAYS.off} (off) or a whole number greater than ${above} and at most ${WARNING_DAYS.max}`,
    parse: (value) => {
      const days = warningDaysOf(value);
      return days !== undefined && (thresholdDays === undefined || warningFitsThreshold(days, thresholdDays))
        ? days
        : undefined;
    },
  };
}

export const MAX_SNOOZE_DAYS_RULE = wholeNumberRule(MAX_SNOOZE_DAYS.min, MAX_SNOOZE_DAYS.max, 'days');

/** The fewest minutes between two runs: days left change once a day, and a run may take 15 minutes. */
export const MIN_SCHEDULE_PERIOD_MINUTES = 60;

const SCHEDULE_FORM =
  'an EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year) or rate(N minute|minutes|hour|hours|day|days)';

/** An EventBridge Scheduler expression (trimmed) that runs at most once an hour. */
export const SCHEDULE_RULE: Rule<string> = {
  describe: SCHEDULE_FORM,
  parse(value) {
    if (typeof value !== 'string') return undefined;
    const expression = value.trim();
    let period: number | undefined;
    try {
      period = shortestGapMinutes(parseScheduleExpression(expression));
    } catch (e) {
      // One line: the form expected, and what is wrong when the expression has that form.
      const reason = (e as Error).message.startsWith('expected ') ? '' : `; ${(e as Error).message}`;
      return new Refusal(`expected ${SCHEDULE_FORM}${reason}; got ${shown(value)}`);
    }
    if (period !== undefined && period < MIN_SCHEDULE_PERIOD_MINUTES) {
      return new Refusal(
        `runs every ${period} min, expected at most once an hour: days left change once a day, and a run may take ` +
          `up to 15 min (the checker's timeout), so more often only overlaps runs and adds API calls; got ${shown(value)}`,
      );
    }
    return expression;
  },
};

let zones: Set<string> | undefined;
/** An IANA time zone name (trimmed), as Scheduler's `ScheduleExpressionTimezone` takes it. */
export const TIME_ZONE_RULE: Rule<string> = {
  describe: 'an IANA time zone name such as UTC, Europe/Paris or America/New_York',
  parse(value) {
    zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
    return typeof value === 'string' && zones.has(value.trim()) ? value.trim() : undefined;
  },
};

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

const EMAILS_FORM = 'comma-separated email addresses (or a JSON array of them in cdk.json)';

/**
 * Email addresses: a comma-separated string or a list (trimmed, duplicates dropped; empty = none). A refusal quotes
 * the bad addresses alone: in a list of twenty, the whole list would hide which one it is.
 */
export const EMAILS_RULE: Rule<string[]> = {
  describe: EMAILS_FORM,
  parse(value) {
    const list = listOf(value);
    if (list === undefined) return undefined;
    const bad = list.filter((e) => !EMAIL.test(e));
    if (bad.length === 0) return [...new Set(list)];
    const semicolon = bad.some((e) => e.includes(';')) ? ' (separate addresses with commas)' : '';
    return new Refusal(
      `${bad.map((e) => shown(e)).join(', ')} ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}` +
        `${semicolon}; expected ${EMAILS_FORM}`,
    );
  },
};

/** A string matching `pattern`, trimmed. */
function patternRule(describe: string, pattern: RegExp): Rule<string> {
  return {
    describe,
    parse: (value) => (typeof value === 'string' && pattern.test(value.trim()) ? value.trim() : undefined),
  };
}

export const SLACK_WORKSPACE_ID_RULE = patternRule(
  'an AWS Chatbot Slack workspace id such as T0123ABCD',
  /^T[A-Z0-9]{8,20}$/,
);
export const SLACK_CHANNEL_ID_RULE = patternRule('a Slack channel id such as C0123ABCD', /^[CG][A-Z0-9]{8,20}$/);

/** Values CloudWatch Logs accepts for a log group's retention (never-expire is deliberately not offered). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const LOG_RETENTION_DAYS_RULE: Rule<number> = {
  describe: `one of the values CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
  parse(value) {
    const days = wholeNumberIn(value, 1, 3653);
    return days !== undefined && (LOG_RETENTION_DAYS as readonly number[]).includes(days) ? days : undefined;
  },
};

/** Reserved concurrent executions of the checker (when reserved at all). */
export const RESERVED_CONCURRENCY_RULE = wholeNumberRule(1, 1000);

export const SWITCH_RULE: Rule<boolean> = { describe: 'true or false', parse: switchOf };

export const EVENT_BUS_RULE: Rule<string> = {
  describe:
    'an EventBridge bus name (1-256 letters, digits and /._-, e.g. certificate-alerts) or bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)',
  parse: eventBusOf,
};

/** The regions to check, as regionsOf reads them. */
export const REGIONS_RULE: Rule<typeof ALL_REGIONS | string[]> = {
  describe: 'all, or comma-separated region names such as us-east-1,eu-west-1 (or a JSON array in cdk.json)',
  parse: regionsOf,
};

/** Where an organization scan starts: OU ids and/or the root id (trimmed, duplicates dropped; at least one). */
export const ORGANIZATIONAL_UNITS_RULE: Rule<string[]> = {
  describe: 'comma-separated OU ids (ou-…) and/or the root id (r-…), e.g. r-ab12 or ou-ab12-11111111,ou-ab12-22222222',
  parse(value) {
    const units = listOf(value);
    return units === undefined || units.length === 0 || !units.every(isOuOrRootId) ? undefined : [...new Set(units)];
  },
};

export const ROLE_NAME_RULE = patternRule(
  'an IAM role name: 1-64 letters, digits or + = , . @ _ - (no path)',
  ROLE_NAME,
);

/** Account ids (trimmed, duplicates dropped; empty = none). */
export const ACCOUNT_IDS_RULE: Rule<string[]> = {
  describe: 'comma-separated 12-digit account ids',
  parse(value) {
    const ids = listOf(value);
    return ids === undefined || ids.some((a) => !ACCOUNT_ID.test(a)) ? undefined : [...new Set(ids)];
  },
};

/** Batches scanned at once (the Distributed Map's MaxConcurrency, at most 10,000 child executions). */
export const ACCOUNT_CONCURRENCY_RULE = wholeNumberRule(1, 10_000);
/**
 * Accounts in one batch (the ItemBatcher's MaxItemsPerBatch). One invocation has 15 minutes for its batch and
 * returns one result per account; 200 keeps both far inside their limits.
 */
export const ACCOUNTS_PER_BATCH_RULE = wholeNumberRule(1, 200);
/** The region's Lambda concurrent executions quota (1,000 by default; new accounts start lower). */
export const LAMBDA_CONCURRENCY_QUOTA_RULE = wholeNumberRule(1, 1_000_000);

/**
 * The organization run may take at most half the region's Lambda concurrency: it shares the pool with every other
 * function of the hub account, which a daily scan must not throttle.
 */
export function maxAccountConcurrency(lambdaConcurrencyQuota: number): number {
  return Math.floor(lambdaConcurrencyQuota / 2);
}
export const RUN_DATA_RETENTION_DAYS_RULE = wholeNumberRule(1, 3650, 'days');

/** SNS: a filter policy may hold at most 150 value combinations (here: one per account). */
const MAX_ACCOUNTS_PER_ADDRESS = 150;

/**
 * Account id -> the addresses that get that account's own messages: an object, or its JSON (from `-c`); each value
 * a comma-separated string or a list, at least one address. Addresses are trimmed and de-duplicated. An address
 * is one subscription, whose filter policy holds at most 150 accounts.
 */
export const ACCOUNT_ALERT_EMAILS_RULE: Rule<Record<string, string[]>> = {
  describe:
    'a JSON object of 12-digit account ids to comma-separated email addresses, e.g. {"111111111111":"team@example.com"}',
  parse(value) {
    let object: unknown = value;
    if (typeof value === 'string') {
      try {
        object = JSON.parse(value);
      } catch {
        return undefined;
      }
    }
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
    const entries = Object.entries(object).map(([account, emails]) => [account, EMAILS_RULE.parse(emails)] as const);
    if (!entries.every(([account, emails]) => ACCOUNT_ID.test(account) && Array.isArray(emails) && emails.length > 0))
      return undefined;
    const byAccount = Object.fromEntries(entries as (readonly [string, string[]])[]);
    const accountsPerEmail = new Map<string, number>();
    for (const email of Object.values(byAccount).flat())
      accountsPerEmail.set(email, (accountsPerEmail.get(email) ?? 0) + 1);
    const overfull = [...accountsPerEmail].filter(([, count]) => count > MAX_ACCOUNTS_PER_ADDRESS);
    if (overfull.length === 0) return byAccount;
    return new Refusal(
      overfull
        .map(
          ([email, count]) =>
            `${email} is given for ${count} accounts; one subscription's filter policy holds at most ${MAX_ACCOUNTS_PER_ADDRESS}`,
        )
        .join('; '),
    );
  },
};
