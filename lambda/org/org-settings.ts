/**
 * The organization functions' environment (names in ./contract.ts), checked at cold start: one error naming
 * every missing or invalid variable, like the single-account checker's.
 */
import { ENV } from '../../contract/environment';
import {
  readEventBus,
  readScanSettings,
  readSecurityHubSwitch,
  readThresholds,
  show,
  type ScanSettings,
} from '../settings';
import type { Thresholds } from '../domain/types';
import { ORG_ENV } from '../../contract/organization';
import { ACCOUNT_ID, isOuOrRootId, listOf, ROLE_NAME, TOPIC_ARN } from '../../contract/validation';

type Env = Readonly<Record<string, string | undefined>>;

export interface ListAccountsSettings {
  readonly runDataBucket: string;
  /** OU ids (`ou-…`) and root ids (`r-…`) whose accounts are scanned, recursively. */
  readonly organizationalUnits: readonly string[];
  readonly excludeAccounts: ReadonlySet<string>;
}

export interface ScanAccountSettings extends ScanSettings {
  readonly runDataBucket: string;
  readonly memberRoleName: string;
  /** Import each member's findings into its own Security Hub CSPM, with the member role (SECURITY_HUB). */
  readonly securityHub: boolean;
}

export interface AggregateSettings {
  readonly runDataBucket: string;
  readonly topicArn: string;
  /** The alert tiers: the test digest's sample is critical at the configured threshold (THRESHOLD_DAYS, WARNING_DAYS). */
  readonly thresholds: Thresholds;
  /** The hub's EventBridge bus for one event per flagged certificate of every account (EVENT_BUS). */
  readonly eventBus?: string;
  /** The Slack channel's digest-only topic; absent without Slack. */
  readonly chatDigestTopicArn?: string;
}

/** S3 bucket names (general purpose): 3-63 lowercase letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseListAccountsSettings(env: Env): ListAccountsSettings {
  const errors: string[] = [];
  const runDataBucket = bucket(env, errors);
  const organizationalUnits = list(env[ORG_ENV.organizationalUnits]);
  if (organizationalUnits.length === 0 || !organizationalUnits.every(isOuOrRootId)) {
    errors.push(
      `${ORG_ENV.organizationalUnits}: expected comma-separated OU ids (ou-…) or the root id (r-…), got ${show(env[ORG_ENV.organizationalUnits])}`,
    );
  }
  const excluded = list(env[ORG_ENV.excludeAccounts]);
  if (!excluded.every((id) => ACCOUNT_ID.test(id))) {
    errors.push(
      `${ORG_ENV.excludeAccounts}: expected comma-separated 12-digit account ids (or nothing), got ${show(env[ORG_ENV.excludeAccounts])}`,
    );
  }
  fail(errors);
  return { runDataBucket, organizationalUnits, excludeAccounts: new Set(excluded) };
}

/** The scan reads thresholds and regions (`ENV`), never the topic: it does not publish. */
export function parseScanAccountSettings(env: Env): ScanAccountSettings {
  const errors: string[] = [];
  const runDataBucket = bucket(env, errors);
  const memberRoleName = env[ORG_ENV.memberRoleName]?.trim() ?? '';
  if (!ROLE_NAME.test(memberRoleName)) {
    errors.push(
      `${ORG_ENV.memberRoleName}: expected an IAM role name (up to 64 letters, digits and +=,.@_-), got ${show(env[ORG_ENV.memberRoleName])}`,
    );
  }
  const scan = readScanSettings(env, errors);
  const securityHub = readSecurityHubSwitch(env, errors);
  fail(errors);
  return { ...scan, runDataBucket, memberRoleName, securityHub };
}

export function parseAggregateSettings(env: Env): AggregateSettings {
  const errors: string[] = [];
  const runDataBucket = bucket(env, errors);
  const topicArn = env[ENV.topicArn]?.trim() ?? '';
  if (!TOPIC_ARN.test(topicArn))
    errors.push(`${ENV.topicArn}: expected an SNS topic ARN, got ${show(env[ENV.topicArn])}`);
  const thresholds = readThresholds(env, errors);
  const eventBus = readEventBus(env, errors);
  const chatDigestTopicArn = env[ORG_ENV.chatDigestTopicArn]?.trim() || undefined;
  if (chatDigestTopicArn !== undefined && !TOPIC_ARN.test(chatDigestTopicArn)) {
    errors.push(
      `${ORG_ENV.chatDigestTopicArn}: expected an SNS topic ARN (or nothing), got ${show(env[ORG_ENV.chatDigestTopicArn])}`,
    );
  }
  fail(errors);
  return {
    runDataBucket,
    topicArn,
    thresholds,
    ...(eventBus ? { eventBus } : {}),
    ...(chatDigestTopicArn ? { chatDigestTopicArn } : {}),
  };
}

function bucket(env: Env, errors: string[]): string {
  const value = env[ORG_ENV.runDataBucket]?.trim() ?? '';
  if (!BUCKET.test(value))
    errors.push(`${ORG_ENV.runDataBucket}: expected an S3 bucket name, got ${show(env[ORG_ENV.runDataBucket])}`);
  return value;
}

function list(raw: string | undefined): string[] {
  return [...new Set(listOf(raw) ?? [])];
}

function fail(errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Invalid organization function environment:\n  ${errors.join('\n  ')}`);
}
