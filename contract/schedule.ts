/**
 * Pure helpers for EventBridge Scheduler recurring expressions: `cron(min hour dom month dow year)` and
 * `rate(N unit)`. The schedule rule of the contract's validator (lib/config.ts checks the context key with it), and
 * the simulation the heartbeat alarm is sized from (lib/constructs/heartbeat.ts: how long between two runs).
 *
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */

/**
 * The key of the account schedule's input that names the run (lambda/run-id.ts reads it). The schedule sets it to
 * `<aws.scheduler.scheduled-time>`, "the time you specified for the schedule to invoke its target": the same for
 * every retry of one invocation, unlike `<aws.scheduler.execution-id>`, which is per attempt
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html).
 */
export const RUN_ID_INPUT_KEY = 'id';

export type ParsedSchedule =
  | { readonly kind: 'rate'; readonly minutes: number }
  | { readonly kind: 'cron'; readonly fields: readonly CronField[] };

/** One cron field: the set of matching values, or `undefined` when it uses L/W/# (not simulated). */
export interface CronField {
  readonly raw: string;
  readonly values?: ReadonlySet<number>;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Extra syntax allowed besides `, - * /` (and `?` for the day fields). */
  readonly special?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  // L (last day), L-n? not supported by Scheduler; nW (nearest weekday), LW.
  { name: 'day-of-month', min: 1, max: 31, special: /^(L|LW|([1-9]|[12]\d|3[01])W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // AWS numbers days 1-7 with 1 = SUN. nL (last weekday n of the month), n#k (k-th weekday n), L.
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: /^(L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/ },
  { name: 'year', min: 1970, max: 2199 },
];

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const UNIT_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

/** Parses a schedule expression; throws an Error whose message says what is wrong (without the key name). */
export function parseScheduleExpression(expression: string): ParsedSchedule {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    const singular = unit.replace(/s$/, '');
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error('the rate value must be a whole number of 1 or more');
    if ((value === 1) !== (unit === singular)) {
      throw new Error(`use "${value} ${value === 1 ? singular : `${singular}s`}" (singular unit only for 1)`);
    }
    return { kind: 'rate', minutes: value * UNIT_MINUTES[singular]! };
  }
  const cron = CRON.exec(expression);
  if (!cron)
    throw new Error('expected cron(minutes hours day-of-month month day-of-week year) or rate(N minutes|hours|days)');
  const parts = cron[1]!.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new Error(
      `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length}`,
    );
  const [, , dom, , dow] = parts;
  if ((dom === '?') === (dow === '?')) {
    throw new Error('exactly one of day-of-month and day-of-week must be "?" (e.g. cron(0 8 * * ? *))');
  }
  return { kind: 'cron', fields: parts.map((raw, i) => parseField(raw, FIELDS[i]!)) };
}

function parseField(raw: string, spec: FieldSpec): CronField {
  const upper = raw.toUpperCase();
  if (upper === '?') {
    if (spec.name !== 'day-of-month' && spec.name !== 'day-of-week')
      throw new Error(`"?" is only allowed in day-of-month or day-of-week`);
    return { raw };
  }
  if (spec.special?.test(upper)) return { raw };
  const values = new Set<number>();
  for (const part of upper.split(',')) {
    const m = /^(\*|[A-Z0-9]+(?:-[A-Z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`${spec.name} field "${raw}" is not valid`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw new Error(`${spec.name} field "${raw}": the step must be 1 or more`);
    let from = spec.min;
    let to = spec.max;
    if (m[1] !== '*') {
      const [a, b] = m[1]!.split('-');
      from = fieldValue(a!, spec, raw);
      to = b === undefined ? (m[2] === undefined ? from : spec.max) : fieldValue(b, spec, raw);
      if (to < from) throw new Error(`${spec.name} field "${raw}": range ${a}-${b} runs backwards`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { raw, values };
}

function fieldValue(token: string, spec: FieldSpec, raw: string): number {
  const named = spec.names?.indexOf(token) ?? -1;
  const value = named >= 0 ? named + spec.min : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!(value >= spec.min && value <= spec.max)) {
    throw new Error(`${spec.name} field "${raw}": ${token} is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

/** How far ahead the cron simulation looks; long enough to see every month and a leap day. */
const HORIZON_DAYS = 800;
/** A fixed start keeps synthesized templates deterministic. */
const SIMULATION_START = Date.UTC(2025, 0, 1);

/**
 * The longest gap between two consecutive runs, in minutes, or `undefined` when it cannot be derived
 * (L/W/# fields, a restricted year, or fewer than two runs in the simulated horizon). The simulation runs
 * in UTC; a time zone with daylight saving can stretch a gap by one hour, which the caller's slack absorbs.
 * Stops early once a gap exceeds `stopAboveMinutes` (the caller cannot use anything longer anyway).
 */
export function longestGapMinutes(
  schedule: ParsedSchedule,
  stopAboveMinutes = Number.POSITIVE_INFINITY,
): number | undefined {
  if (schedule.kind === 'rate') return schedule.minutes;
  let longest: number | undefined;
  for (const gap of gaps(schedule) ?? []) {
    longest = Math.max(longest ?? 0, gap);
    if (longest > stopAboveMinutes) return longest;
  }
  return longest;
}

/**
 * The shortest gap between two consecutive runs, in minutes (how often the schedule can fire), or `undefined` when
 * it runs at most once a day at one time of day. L/W/# day fields and a fixed year are not simulated: the gap
 * between the times of one day is used then.
 */
export function shortestGapMinutes(schedule: ParsedSchedule): number | undefined {
  if (schedule.kind === 'rate') return schedule.minutes;
  const simulated = gaps(schedule);
  if (simulated) {
    let shortest: number | undefined;
    for (const gap of simulated) shortest = Math.min(shortest ?? gap, gap);
    return shortest;
  }
  const times = timesOfDay(schedule.fields);
  if (!times) return undefined;
  let shortest: number | undefined;
  for (let i = 1; i < times.length; i++) shortest = Math.min(shortest ?? Infinity, times[i]! - times[i - 1]!);
  return shortest;
}

/** The minutes of the day a cron runs at, ascending; `undefined` when the minutes or hours use no plain values. */
function timesOfDay(fields: readonly CronField[]): number[] | undefined {
  const [minutes, hours] = fields;
  if (!minutes!.values || !hours!.values) return undefined;
  const dayMinutes: number[] = [];
  for (const h of [...hours!.values].sort((a, b) => a - b)) {
    for (const m of [...minutes!.values].sort((a, b) => a - b)) dayMinutes.push(h * 60 + m);
  }
  return dayMinutes;
}

/** The gaps between consecutive runs over the horizon, or `undefined` when the cron cannot be simulated. */
function gaps(schedule: ParsedSchedule & { kind: 'cron' }): Iterable<number> | undefined {
  const [, , dom, month, dow, year] = schedule.fields;
  const dayMinutes = timesOfDay(schedule.fields);
  if (year!.raw !== '*' || !dayMinutes || !month!.values) return undefined;
  if (dom!.raw !== '?' && !dom!.values) return undefined;
  if (dow!.raw !== '?' && !dow!.values) return undefined;
  return (function* () {
    let previous: number | undefined;
    for (let day = 0; day < HORIZON_DAYS; day++) {
      const date = new Date(SIMULATION_START + day * 86_400_000);
      if (!month!.values!.has(date.getUTCMonth() + 1)) continue;
      if (dom!.values && !dom!.values.has(date.getUTCDate())) continue;
      if (dow!.values && !dow!.values.has(date.getUTCDay() + 1)) continue;
      for (const minuteOfDay of dayMinutes) {
        const at = day * 1440 + minuteOfDay;
        if (previous !== undefined) yield at - previous;
        previous = at;
      }
    }
  })();
}
