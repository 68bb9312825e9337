import { ENV } from '../contract/environment';
import type { Thresholds } from './domain/types';

/** What the stack tells the checker, through environment variables. */
export interface CheckerSettings {
  readonly topicArn: string;
  readonly thresholds: Thresholds;
  readonly regions: readonly string[] | 'all';
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** What a scan needs without publishing (the organization's per-account scan). */
export type ScanSettings = Omit<CheckerSettings, 'topicArn'>;

/** Reads and checks the settings; throws one error naming every missing or invalid variable. */
export function parseSettings(env: Readonly<Record<string, string | undefined>>): CheckerSettings {
  const errors: string[] = [];
  const topicArn = env[ENV.topicArn]?.trim() ?? '';
  if (!TOPIC_ARN.test(topicArn))
    errors.push(`${ENV.topicArn}: expected an SNS topic ARN, got ${show(env[ENV.topicArn])}`);
  const scan = readScanSettings(env, errors);
  if (errors.length > 0) throw new Error(`Invalid checker environment:\n  ${errors.join('\n  ')}`);
  return { topicArn, ...scan };
}

/** Thresholds and regions; appends one line per missing or invalid variable to `errors`. */
export function readScanSettings(env: Readonly<Record<string, string | undefined>>, errors: string[]): ScanSettings {
  const thresholdDays = wholeNumber(env[ENV.thresholdDays], 1, 365);
  if (thresholdDays === undefined)
    errors.push(`${ENV.thresholdDays}: expected a whole number from 1 to 365, got ${show(env[ENV.thresholdDays])}`);

  const rawWarning = env[ENV.warningDays];
  const warningDays = rawWarning === undefined || rawWarning.trim() === '' ? 0 : wholeNumber(rawWarning, 0, 365);
  if (warningDays === undefined || (warningDays > 0 && thresholdDays !== undefined && warningDays <= thresholdDays)) {
    errors.push(
      `${ENV.warningDays}: expected 0 (off) or a whole number greater than ${ENV.thresholdDays} and at most 365, got ${show(rawWarning)}`,
    );
  }

  const regions = parseRegions(env[ENV.regions]);
  if (regions === undefined) {
    errors.push(
      `${ENV.regions}: expected "all" or comma-separated region names such as us-east-1,eu-west-1, got ${show(env[ENV.regions])}`,
    );
  }

  return { thresholds: { thresholdDays: thresholdDays!, warningDays: warningDays! }, regions: regions! };
}

function wholeNumber(raw: string | undefined, min: number, max: number): number | undefined {
  const value = raw !== undefined && /^\s*\d{1,4}\s*$/.test(raw) ? Number(raw) : NaN;
  return value >= min && value <= max ? value : undefined;
}

function parseRegions(raw: string | undefined): readonly string[] | 'all' | undefined {
  const value = raw?.trim() ?? '';
  if (value === 'all') return 'all';
  const regions = [
    ...new Set(
      value
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  return regions.length > 0 && regions.every((r) => REGION.test(r)) ? regions : undefined;
}

export function show(value: string | undefined): string {
  if (value === undefined) return 'nothing (the variable is not set)';
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
