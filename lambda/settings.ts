import { DEFAULT_MAX_SNOOZE_DAYS } from '../contract/defaults';
import { ENV } from '../contract/environment';
import {
  ALL_REGIONS,
  eventBusOf,
  MAX_SNOOZE_DAYS,
  maxSnoozeDaysOf,
  regionsOf,
  switchOf,
  THRESHOLD_DAYS,
  thresholdDaysOf,
  TOPIC_ARN,
  WARNING_DAYS,
  warningDaysOf,
  warningFitsThreshold,
} from '../contract/validation';
import { type Subscriber, SUBSCRIBERS, subscribersOf } from '../contract/subscribers';
import type { Thresholds } from './domain/types';

/** What the stack tells the checker, through environment variables. */
export interface CheckerSettings {
  readonly topicArn: string;
  readonly thresholds: Thresholds;
  readonly regions: readonly string[] | typeof ALL_REGIONS;
  /** Who the topic alerts (ALERT_SUBSCRIBERS); absent when the stack does not say. */
  readonly subscribers?: readonly Subscriber[];
  /** Import findings into Security Hub CSPM (SECURITY_HUB). */
  readonly securityHub: boolean;
  /** The EventBridge bus of the per-certificate events (EVENT_BUS); absent = off. */
  readonly eventBus?: string;
  /** How far ahead a snooze tag may reach (MAX_SNOOZE_DAYS). @default DEFAULT_MAX_SNOOZE_DAYS */
  readonly maxSnoozeDays?: number;
}

/** What a scan needs without publishing (the organization's per-account scan). */
export type ScanSettings = Omit<CheckerSettings, 'topicArn' | 'securityHub' | 'eventBus'>;

/** Reads and checks the settings; throws one error naming every missing or invalid variable. */
export function parseSettings(env: Readonly<Record<string, string | undefined>>): CheckerSettings {
  const errors: string[] = [];
  const topicArn = env[ENV.topicArn]?.trim() ?? '';
  if (!TOPIC_ARN.test(topicArn))
    errors.push(`${ENV.topicArn}: expected an SNS topic ARN, got ${show(env[ENV.topicArn])}`);
  const scan = readScanSettings(env, errors);
  const rawSubscribers = env[ENV.subscribers];
  const subscribers = subscribersOf(rawSubscribers);
  if (subscribers === undefined && rawSubscribers !== undefined && rawSubscribers.trim() !== '')
    errors.push(`${ENV.subscribers}: expected comma-separated ${SUBSCRIBERS.join(', ')}, got ${show(rawSubscribers)}`);
  const securityHub = readSecurityHubSwitch(env, errors);
  const eventBus = readEventBus(env, errors);
  if (errors.length > 0) throw new Error(`Invalid checker environment:\n  ${errors.join('\n  ')}`);
  return { topicArn, ...scan, securityHub, ...(eventBus ? { eventBus } : {}), ...(subscribers ? { subscribers } : {}) };
}

/** SECURITY_HUB: `true` or `false`; unset or blank = false. Appends a line to `errors` for anything else. */
export function readSecurityHubSwitch(env: Readonly<Record<string, string | undefined>>, errors: string[]): boolean {
  const raw = env[ENV.securityHub];
  if (raw === undefined || raw.trim() === '') return false;
  const on = switchOf(raw);
  if (on === undefined) errors.push(`${ENV.securityHub}: expected true or false, got ${show(raw)}`);
  return on ?? false;
}

/** EVENT_BUS: an EventBridge bus name or ARN; unset or blank = no events. Appends a line to `errors` when invalid. */
export function readEventBus(env: Readonly<Record<string, string | undefined>>, errors: string[]): string | undefined {
  const raw = env[ENV.eventBus];
  if (raw === undefined || raw.trim() === '') return undefined;
  const bus = eventBusOf(raw);
  if (bus === undefined)
    errors.push(
      `${ENV.eventBus}: expected an EventBridge bus name (letters, digits and /._-) or bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME), got ${show(raw)}`,
    );
  return bus;
}

/** The alert tiers (THRESHOLD_DAYS, WARNING_DAYS); appends one line per missing or invalid variable to `errors`. */
export function readThresholds(env: Readonly<Record<string, string | undefined>>, errors: string[]): Thresholds {
  const thresholdDays = thresholdDaysOf(env[ENV.thresholdDays]);
  if (thresholdDays === undefined)
    errors.push(
      `${ENV.thresholdDays}: expected a whole number from ${THRESHOLD_DAYS.min} to ${THRESHOLD_DAYS.max}, got ${show(env[ENV.thresholdDays])}`,
    );

  // Unset or blank: no warning tier.
  const rawWarning = env[ENV.warningDays];
  const warningDays =
    rawWarning === undefined || rawWarning.trim() === '' ? WARNING_DAYS.off : warningDaysOf(rawWarning);
  if (warningDays === undefined || (thresholdDays !== undefined && !warningFitsThreshold(warningDays, thresholdDays))) {
    errors.push(
      `${ENV.warningDays}: expected ${WARNING_DAYS.off} (off) or a whole number greater than ${ENV.thresholdDays} and at most ${WARNING_DAYS.max}, got ${show(rawWarning)}`,
    );
  }
  return { thresholdDays: thresholdDays!, warningDays: warningDays! };
}

/** Thresholds and regions; appends one line per missing or invalid variable to `errors`. */
export function readScanSettings(env: Readonly<Record<string, string | undefined>>, errors: string[]): ScanSettings {
  const thresholds = readThresholds(env, errors);

  const regions = regionsOf(env[ENV.regions]);
  if (regions === undefined) {
    errors.push(
      `${ENV.regions}: expected "all" or comma-separated region names such as us-east-1,eu-west-1, got ${show(env[ENV.regions])}`,
    );
  }

  // Unset or blank: the default (a stack older than the setting).
  const rawSnooze = env[ENV.maxSnoozeDays];
  const maxSnoozeDays =
    rawSnooze === undefined || rawSnooze.trim() === '' ? DEFAULT_MAX_SNOOZE_DAYS : maxSnoozeDaysOf(rawSnooze);
  if (maxSnoozeDays === undefined)
    errors.push(
      `${ENV.maxSnoozeDays}: expected a whole number of days from ${MAX_SNOOZE_DAYS.min} to ${MAX_SNOOZE_DAYS.max}, got ${show(rawSnooze)}`,
    );

  return {
    thresholds,
    regions: regions!,
    maxSnoozeDays: maxSnoozeDays!,
  };
}

export function show(value: string | undefined): string {
  if (value === undefined) return 'nothing (the variable is not set)';
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
