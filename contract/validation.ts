/**
 * The one set of rules for what an operator configures, read on both sides: CDK context (lib/config.ts), the
 * functions' environment (lambda/settings.ts, lambda/org/org-settings.ts) and certificate tags
 * (lambda/domain/tag-settings.ts). Pure. Each caller words its own errors (they name its context key, variable or
 * tag); the rules live here once. Schedule expressions: ./schedule.ts.
 */
import { closestName } from './closest-name';

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
