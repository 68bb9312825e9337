/**
 * Pure: raw CDK context (strings from `-c key=value`, JSON values from cdk.json) -> typed MonitorConfig.
 * One row per context key: its rule (the accepted form in words, and the check: contract/validation.ts, which the
 * constructs' props are held to as well) and its value when absent. Then the rules between keys. Every problem is
 * collected and reported in one ConfigError; each line names the key and the accepted form.
 */
import {
  DEFAULT_ACCOUNT_CONCURRENCY,
  DEFAULT_ACCOUNTS_PER_BATCH,
  DEFAULT_LAMBDA_CONCURRENCY_QUOTA,
  DEFAULT_MAX_SNOOZE_DAYS,
  DEFAULT_MEMBER_ROLE_NAME,
  DEFAULT_THRESHOLDS,
} from '../contract/defaults';
import { closestName } from '../contract/closest-name';
import type { Subscriber } from '../contract/subscribers';
import {
  ACCOUNT_ALERT_EMAILS_RULE,
  ACCOUNT_CONCURRENCY_RULE,
  ACCOUNT_IDS_RULE,
  ACCOUNTS_PER_BATCH_RULE,
  ALL_REGIONS,
  applyRule,
  EMAILS_RULE,
  EVENT_BUS_RULE,
  LAMBDA_CONCURRENCY_QUOTA_RULE,
  LOG_RETENTION_DAYS,
  LOG_RETENTION_DAYS_RULE,
  MAX_SNOOZE_DAYS_RULE,
  maxAccountConcurrency,
  ORGANIZATIONAL_UNITS_RULE,
  REGIONS_RULE,
  Refusal,
  RESERVED_CONCURRENCY_RULE,
  ROLE_NAME_RULE,
  type Rule,
  RUN_DATA_RETENTION_DAYS_RULE,
  SCHEDULE_RULE,
  shown,
  SLACK_CHANNEL_ID_RULE,
  SLACK_WORKSPACE_ID_RULE,
  SWITCH_RULE,
  THRESHOLD_DAYS_RULE,
  TIME_ZONE_RULE,
  warningDaysRule,
} from '../contract/validation';
import type { SlackConfig } from './constructs/alert-topic';
import { unknownRegionsProblem } from './known-regions';
import type { DeployedAs } from './constructs/org/member-role-stack-set';

export { LOG_RETENTION_DAYS };

export interface MonitorConfig {
  /** EventBridge Scheduler expression: `cron(...)` (6 fields) or `rate(...)`. */
  readonly schedule: string;
  /** IANA time zone the cron expression is evaluated in. */
  readonly scheduleTimezone: string;
  /** Certificates expiring within this many days (or already expired) are critical. */
  readonly thresholdDays: number;
  /** Certificates expiring within this many days are reported as a warning; 0 = off. */
  readonly warningDays: number;
  /** How far ahead a certificate's snooze tag may reach, in days; a later date is a configuration problem. */
  readonly maxSnoozeDays: number;
  /** Email addresses subscribed to the alert topic (each must confirm the subscription). */
  readonly alertEmails: readonly string[];
  /** Regions whose load balancers are checked; `all` = every region enabled in the account. */
  readonly regions: typeof ALL_REGIONS | readonly string[];
  /** Slack channel that receives the alerts through AWS Chatbot, when configured. */
  readonly slack?: SlackConfig;
  /** Retention of the function's log group, in days. */
  readonly logRetentionDays: number;
  /**
   * Reserved concurrency of the checker; absent = none (the function draws from the account's unreserved pool).
   * Opt-in: a reservation fails the deploy in accounts whose concurrency quota is still the new-account default.
   */
  readonly reservedConcurrency?: number;
  /** Set when `deployment=organization`: one hub stack scans every account of the chosen OUs. */
  readonly organization?: OrganizationConfig;
  /**
   * True when the operator subscribes the alert topic outside this app (an SQS queue, a pager, a ticket system);
   * absent when not stated. A stack with no email, no Slack and no such statement alerts nobody and is refused.
   */
  readonly topicSubscribedElsewhere?: true;
  /** Set (true) when findings go to Security Hub CSPM (context `securityHub=true`); absent = off. */
  readonly securityHub?: true;
  /** EventBridge bus name or ARN of the per-certificate events (context `eventBus`); absent = off. */
  readonly eventBus?: string;
  /** Set (false) when the CloudWatch dashboard is switched off (context `dashboard=false`); absent = on. */
  readonly dashboard?: false;
}

/** The organization deployment's settings (context keys of the same names). */
export interface OrganizationConfig {
  /** OU ids (`ou-…`) and/or the root id (`r-…`) whose ACTIVE accounts are scanned (recursively). */
  readonly organizationalUnits: readonly string[];
  /** Name of the read-only role the StackSet puts into every member account. */
  readonly memberRoleName: string;
  /** 12-digit account ids never scanned. */
  readonly excludeAccounts: readonly string[];
  /** Batches scanned at once (the Distributed Map's MaxConcurrency), each one scan invocation. */
  readonly accountConcurrency: number;
  /** Accounts in one batch (the Distributed Map's ItemBatcher MaxItemsPerBatch). */
  readonly accountsPerBatch: number;
  /** The region's Lambda concurrency quota, which `accountConcurrency` is held to (a stack cannot read it). */
  readonly lambdaConcurrencyQuota: number;
  /** Account id -> addresses that receive that account's own messages (filter policy on `account`). */
  readonly accountAlertEmails: Readonly<Record<string, readonly string[]>>;
  readonly deployedAs: DeployedAs;
  /** Days after which run data (account list, results, large reports) expires from the bucket. */
  readonly runDataRetentionDays: number;
}

export const DEFAULTS = {
  schedule: 'cron(0 8 * * ? *)',
  scheduleTimezone: 'UTC',
  thresholdDays: DEFAULT_THRESHOLDS.thresholdDays,
  warningDays: DEFAULT_THRESHOLDS.warningDays,
  maxSnoozeDays: DEFAULT_MAX_SNOOZE_DAYS,
  alertEmails: [] as readonly string[],
  regions: ALL_REGIONS,
  logRetentionDays: 90,
  reservedConcurrency: 'off' as const,
} as const;

export const ORGANIZATION_DEFAULTS = {
  memberRoleName: DEFAULT_MEMBER_ROLE_NAME,
  accountConcurrency: DEFAULT_ACCOUNT_CONCURRENCY,
  accountsPerBatch: DEFAULT_ACCOUNTS_PER_BATCH,
  lambdaConcurrencyQuota: DEFAULT_LAMBDA_CONCURRENCY_QUOTA,
  deployedAs: 'management' as DeployedAs,
  runDataRetentionDays: 30,
} as const;

/** One context key: its rule, and what it means when absent. */
interface KeyRow<T> extends Rule<T> {
  /** The value when the key is absent (or null). */
  readonly absent?: T;
  /** Absent is an error (`got nothing`) instead. */
  readonly required?: true;
  /** A blank string means absent too. */
  readonly blankIsAbsent?: true;
}

/** The value a row gives: what its rule accepts, or its `absent`. */
type ValueOf<R> = R extends KeyRow<infer T> ? T : never;

/** One of `words` (blanks around it allowed), as a rule. */
function oneOf<const W extends string>(describe: string, ...words: W[]): Rule<W> {
  return { describe, parse: (value) => words.find((w) => typeof value === 'string' && w === value.trim()) };
}

/** The keys of both deployments, in the order errors are reported. */
const CONTEXT_ROWS = {
  schedule: { ...SCHEDULE_RULE, absent: DEFAULTS.schedule },
  scheduleTimezone: { ...TIME_ZONE_RULE, absent: DEFAULTS.scheduleTimezone },
  thresholdDays: { ...THRESHOLD_DAYS_RULE, absent: DEFAULTS.thresholdDays },
  // Held to thresholdDays among the rules between keys.
  warningDays: { ...warningDaysRule(), absent: DEFAULTS.warningDays },
  maxSnoozeDays: { ...MAX_SNOOZE_DAYS_RULE, absent: DEFAULTS.maxSnoozeDays },
  alertEmails: { ...EMAILS_RULE, absent: [] as string[] },
  // At synth no account can be read: a name must at least be a region aws-cdk-lib knows.
  regions: {
    ...REGIONS_RULE,
    parse(value) {
      const regions = REGIONS_RULE.parse(value);
      if (regions === undefined || regions === ALL_REGIONS || regions instanceof Refusal) return regions;
      const unknown = unknownRegionsProblem(regions);
      return unknown ? new Refusal(`${unknown}; expected ${REGIONS_RULE.describe}, got ${shown(value)}`) : regions;
    },
    absent: DEFAULTS.regions,
  },
  slackWorkspaceId: { ...SLACK_WORKSPACE_ID_RULE, absent: undefined, blankIsAbsent: true },
  slackChannelId: { ...SLACK_CHANNEL_ID_RULE, absent: undefined, blankIsAbsent: true },
  logRetentionDays: { ...LOG_RETENTION_DAYS_RULE, absent: DEFAULTS.logRetentionDays },
  reservedConcurrency: {
    describe: `off, or ${RESERVED_CONCURRENCY_RULE.describe}`,
    parse: (value) =>
      typeof value === 'string' && value.trim() === DEFAULTS.reservedConcurrency
        ? DEFAULTS.reservedConcurrency
        : RESERVED_CONCURRENCY_RULE.parse(value),
    absent: DEFAULTS.reservedConcurrency,
  },
  securityHub: { ...SWITCH_RULE, describe: 'true or false (the default)', absent: false },
  eventBus: { ...EVENT_BUS_RULE, absent: undefined, blankIsAbsent: true },
  dashboard: { ...SWITCH_RULE, describe: 'true (the default) or false', absent: true },
  deployment: {
    ...oneOf('account (the default) or organization', 'account', 'organization'),
    absent: 'account',
    blankIsAbsent: true,
  },
  topicSubscribedElsewhere: { ...SWITCH_RULE, absent: false, blankIsAbsent: true },
} satisfies Record<string, KeyRow<unknown>>;

/** The keys only `deployment=organization` reads; given in account mode they are an error. */
const ORGANIZATION_ROWS = {
  organizationalUnits: {
    ...ORGANIZATIONAL_UNITS_RULE,
    describe: `${ORGANIZATIONAL_UNITS_RULE.describe}; required with deployment=organization`,
    required: true,
  },
  memberRoleName: { ...ROLE_NAME_RULE, absent: ORGANIZATION_DEFAULTS.memberRoleName, blankIsAbsent: true },
  excludeAccounts: { ...ACCOUNT_IDS_RULE, absent: [] as string[] },
  // Held to lambdaConcurrencyQuota among the rules between keys.
  accountConcurrency: { ...ACCOUNT_CONCURRENCY_RULE, absent: ORGANIZATION_DEFAULTS.accountConcurrency },
  accountsPerBatch: { ...ACCOUNTS_PER_BATCH_RULE, absent: ORGANIZATION_DEFAULTS.accountsPerBatch },
  lambdaConcurrencyQuota: {
    ...LAMBDA_CONCURRENCY_QUOTA_RULE,
    absent: ORGANIZATION_DEFAULTS.lambdaConcurrencyQuota,
  },
  accountAlertEmails: { ...ACCOUNT_ALERT_EMAILS_RULE, absent: {} as Record<string, string[]> },
  deployedAs: {
    ...oneOf<DeployedAs>('management (the default) or delegatedAdmin', 'management', 'delegatedAdmin'),
    absent: ORGANIZATION_DEFAULTS.deployedAs,
    blankIsAbsent: true,
  },
  runDataRetentionDays: { ...RUN_DATA_RETENTION_DAYS_RULE, absent: ORGANIZATION_DEFAULTS.runDataRetentionDays },
} satisfies Record<string, KeyRow<unknown>>;

type Values<Rows> = { -readonly [K in keyof Rows]: ValueOf<Rows[K]> };

/** Keys that only mean something with `deployment=organization`; given in account mode they are an error. */
export const ORGANIZATION_KEYS = Object.keys(ORGANIZATION_ROWS) as (keyof typeof ORGANIZATION_ROWS)[];

/** The context keys this app reads; anything else that looks like a typo of one of them is an error. */
export const CONTEXT_KEYS = [...(Object.keys(CONTEXT_ROWS) as (keyof typeof CONTEXT_ROWS)[]), ...ORGANIZATION_KEYS];

export type ContextKey = (typeof CONTEXT_KEYS)[number];

/**
 * Context keys that belong to the CDK, never refused: what `cdk.json` and the CDK CLI put in context (feature flags
 * `@aws-cdk/…`, `aws:cdk:…` switches, lookup results `<provider>:account=…`, which all hold `@` or `:`) and the
 * CLI's plain-named ones.
 */
export function isCdkContextKey(key: string): boolean {
  return key.startsWith('@') || key.includes(':') || CDK_PLAIN_KEYS.includes(key);
}
const CDK_PLAIN_KEYS: readonly string[] = ['acknowledged-issue-numbers', 'cli-telemetry'];

export class ConfigError extends Error {
  constructor(public readonly errors: readonly string[]) {
    super(`Invalid configuration (CDK context):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ParseOptions {
  /**
   * Refuse a configuration that alerts nobody (no email, no Slack, no topicSubscribedElsewhere=true). The app
   * (bin/iam-cert-expiry-monitor.ts) sets it; tests of a single construct or key may leave it off.
   * @default false
   */
  readonly requireSubscribers?: boolean;
  /**
   * How a refusal names a key, where the constructs' props call it otherwise (`slack.workspaceId`).
   * @default - the context key
   */
  readonly names?: Partial<Record<ContextKey, string>>;
}

/** A problem with the context: the key it belongs to (for the order of the report) and its line. */
interface Problem {
  readonly key?: ContextKey;
  readonly line: string;
}

/**
 * Parses every key we know from `raw` (typically `app.node.getAllContext()`), applying defaults for absent ones.
 * Keys of CDK itself (isCdkContextKey) are ignored; any other unknown key is an error naming it (with the nearest
 * of ours when it looks like a typo) and the list of keys this app reads.
 * @throws ConfigError listing every problem found, in the order of CONTEXT_KEYS
 */
export function parseConfig(raw: Readonly<Record<string, unknown>>, options: ParseOptions = {}): MonitorConfig {
  const unknown = Object.keys(raw).filter(
    (k) => !(CONTEXT_KEYS as readonly string[]).includes(k) && !isCdkContextKey(k),
  );
  const read = readConfig(raw, options);
  const problems = 'problems' in read ? [...read.problems] : [];
  for (const key of unknown) {
    const suggestion = closestName(key, CONTEXT_KEYS);
    problems.push(`${key}: unknown context key${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
  }
  if (unknown.length > 0)
    problems.push(`known context keys: ${CONTEXT_KEYS.join(', ')} (and CDK's own, such as @aws-cdk/… flags)`);
  if (problems.length > 0 || 'problems' in read) throw new ConfigError(problems);
  return read.config;
}

/**
 * The configuration from our keys of `raw` (others are not looked at), or every problem, one line each in the
 * order of CONTEXT_KEYS, under the names `options.names` gives: the one reading of the context table and of the
 * constructs' props.
 */
export function readConfig(
  raw: Readonly<Record<string, unknown>>,
  options: ParseOptions = {},
): { readonly config: MonitorConfig } | { readonly problems: readonly string[] } {
  const name = (key: ContextKey): string => options.names?.[key] ?? key;
  const common = readRows(CONTEXT_ROWS, raw, name);
  const value = common.values;
  const org = value.deployment === 'organization' ? readRows(ORGANIZATION_ROWS, raw, name) : undefined;
  const organization = org?.values;
  const parsed: Parsed = { raw, value, ...(organization ? { organization } : {}), options, name };
  const problems = [...common.problems, ...(org?.problems ?? []), ...BETWEEN_KEYS.flatMap((rule) => rule(parsed))];
  problems.sort((a, b) => orderOf(a.key) - orderOf(b.key));
  if (problems.length > 0) return { problems: problems.map((p) => p.line) };

  const v = value as Values<typeof CONTEXT_ROWS>;
  const slack =
    v.slackWorkspaceId !== undefined && v.slackChannelId !== undefined
      ? { workspaceId: v.slackWorkspaceId, channelId: v.slackChannelId }
      : undefined;
  const config: MonitorConfig = {
    schedule: v.schedule,
    scheduleTimezone: v.scheduleTimezone,
    thresholdDays: v.thresholdDays,
    warningDays: v.warningDays,
    maxSnoozeDays: v.maxSnoozeDays,
    alertEmails: v.alertEmails,
    regions: v.regions,
    ...(slack ? { slack } : {}),
    logRetentionDays: v.logRetentionDays,
    ...(v.reservedConcurrency !== DEFAULTS.reservedConcurrency ? { reservedConcurrency: v.reservedConcurrency } : {}),
    ...(organization ? { organization: organization as Values<typeof ORGANIZATION_ROWS> } : {}),
    ...(v.topicSubscribedElsewhere ? { topicSubscribedElsewhere: true as const } : {}),
    ...(v.securityHub ? { securityHub: true as const } : {}),
    ...(v.eventBus ? { eventBus: v.eventBus } : {}),
    ...(v.dashboard ? {} : { dashboard: false as const }),
  };
  return { config };
}

/**
 * Each row's value from `raw`: a key absent (or null) gets the row's `absent`; a key its rule refuses is left out
 * and reported. A row's key is present in the result exactly when its value is valid (it may be `undefined`).
 */
function readRows<Rows extends Record<string, KeyRow<unknown>>>(
  rows: Rows,
  raw: Readonly<Record<string, unknown>>,
  name: (key: ContextKey) => string,
): { values: Partial<Values<Rows>>; problems: Problem[] } {
  const values: Partial<Record<string, unknown>> = {};
  const problems: Problem[] = [];
  for (const [key, row] of Object.entries(rows)) {
    const given = raw[key] ?? undefined;
    const blank = row.blankIsAbsent && typeof given === 'string' && given.trim() === '';
    if (given === undefined || blank) {
      if (row.required)
        problems.push({
          key: key as ContextKey,
          line: `${name(key as ContextKey)}: expected ${row.describe}, got ${shown(given)}`,
        });
      else values[key] = row.absent;
      continue;
    }
    const result = applyRule(name(key as ContextKey), row, given);
    if ('refused' in result) problems.push({ key: key as ContextKey, line: result.refused });
    else values[key] = result.value;
  }
  return { values: values as Partial<Values<Rows>>, problems };
}

/** What the rules between keys read: the context as given and each key's own value (absent when refused). */
interface Parsed {
  readonly raw: Readonly<Record<string, unknown>>;
  readonly value: Partial<Values<typeof CONTEXT_ROWS>>;
  readonly organization?: Partial<Values<typeof ORGANIZATION_ROWS>>;
  readonly options: ParseOptions;
  /** How a problem names a key (ParseOptions.names). */
  readonly name: (key: ContextKey) => string;
}

/** The key's own value was valid (it may be `undefined`: absent, no default). */
const valid = (values: object | undefined, key: string): boolean => values !== undefined && Object.hasOwn(values, key);

/**
 * The rules between keys, each over the keys' own values: a key its own rule refused is reported once, by that
 * rule, not again here.
 */
const BETWEEN_KEYS: readonly ((parsed: Parsed) => Problem[])[] = [
  function warningStartsBeforeCritical({ raw, value, name }) {
    if (value.thresholdDays === undefined || value.warningDays === undefined) return [];
    const rule = warningDaysRule(value.thresholdDays);
    if (rule.parse(value.warningDays) !== undefined) return [];
    const given = raw.warningDays ?? undefined;
    const got = given === undefined ? `${value.warningDays} (the default)` : shown(given);
    return [{ key: 'warningDays', line: `${name('warningDays')}: expected ${rule.describe}, got ${got}` }];
  },

  function slackNeedsBothIds({ value, name }) {
    if (!valid(value, 'slackWorkspaceId') || !valid(value, 'slackChannelId')) return [];
    if ((value.slackWorkspaceId === undefined) === (value.slackChannelId === undefined)) return [];
    const [missing, present] =
      value.slackWorkspaceId === undefined
        ? (['slackWorkspaceId', 'slackChannelId'] as const)
        : (['slackChannelId', 'slackWorkspaceId'] as const);
    return [
      {
        key: missing,
        line: `${name(missing)}: required when ${name(present)} is set (set both ${name('slackWorkspaceId')} and ${name('slackChannelId')}, or neither)`,
      },
    ];
  },

  // The Distributed Map's accountConcurrency bounds the organization run; a reservation would only starve it.
  function noReservationInOrganizationMode({ raw, value }) {
    if (value.deployment !== 'organization') return [];
    if (value.reservedConcurrency === undefined || value.reservedConcurrency === DEFAULTS.reservedConcurrency)
      return [];
    return [
      {
        key: 'reservedConcurrency',
        line: `reservedConcurrency: expected off with deployment=organization (accountConcurrency bounds the run), got ${shown(raw.reservedConcurrency)}`,
      },
    ];
  },

  // Each batch is one scan invocation: the run's batches at once draw on the region's Lambda concurrency.
  function batchesWithinLambdaConcurrency({ raw, organization }) {
    if (organization?.accountConcurrency === undefined || organization.lambdaConcurrencyQuota === undefined) return [];
    const quota = organization.lambdaConcurrencyQuota;
    const max = maxAccountConcurrency(quota);
    if (organization.accountConcurrency <= max) return [];
    const given = raw.lambdaConcurrencyQuota ?? undefined;
    const source = given === undefined ? `the default regional quota ${quota}` : `lambdaConcurrencyQuota ${quota}`;
    return [
      {
        key: 'accountConcurrency',
        line:
          `accountConcurrency: expected at most ${max} (half of ${source}: each batch scanned at once is one Lambda ` +
          `invocation, and the hub's other functions share the pool; set lambdaConcurrencyQuota to your region's ` +
          `quota if it is higher), got ${shown(raw.accountConcurrency ?? organization.accountConcurrency)}`,
      },
    ];
  },

  function organizationKeysOnlyInOrganizationMode({ raw, value }) {
    if (value.deployment === 'organization') return [];
    return ORGANIZATION_KEYS.filter((key) => (raw[key] ?? undefined) !== undefined).map((key) => ({
      key,
      line: `${key}: only used with deployment=organization (add -c deployment=organization, or remove ${key})`,
    }));
  },

  // An address gets one subscription, so it may not also be in alertEmails (whose digest already covers every
  // account); and an excluded account is never scanned.
  function oneSubscriptionPerAddress({ value, organization, name }) {
    const accountEmails = organization?.accountAlertEmails;
    if (!accountEmails) return [];
    const found: string[] = [];
    for (const [account, emails] of Object.entries(accountEmails)) {
      if (organization.excludeAccounts?.includes(account))
        found.push(`${account} is in excludeAccounts, so it is never scanned`);
      for (const email of emails) {
        if (value.alertEmails?.includes(email))
          found.push(`${email} is also in alertEmails, whose digest already covers every account`);
      }
    }
    return found.length > 0
      ? [{ key: 'accountAlertEmails', line: `${name('accountAlertEmails')}: ${[...new Set(found)].join('; ')}` }]
      : [];
  },

  // Said only when every key that names a subscriber is valid (a bad one is reported alone) and none names one.
  function somebodyIsAlerted({ value, organization, options }) {
    if (!options.requireSubscribers) return [];
    const accountEmails = value.deployment === 'organization' ? organization?.accountAlertEmails : {};
    const nobody =
      value.alertEmails?.length === 0 &&
      accountEmails !== undefined &&
      Object.keys(accountEmails).length === 0 &&
      valid(value, 'slackWorkspaceId') &&
      value.slackWorkspaceId === undefined &&
      valid(value, 'slackChannelId') &&
      value.slackChannelId === undefined &&
      value.topicSubscribedElsewhere === false;
    if (!nobody) return [];
    return [
      {
        line:
          'nobody would be alerted: set alertEmails=you@example.com (comma-separated), or slackWorkspaceId and ' +
          'slackChannelId, or topicSubscribedElsewhere=true when you subscribe the alert topic yourself',
      },
    ];
  },
];

/** Where a problem goes in the report: the order of CONTEXT_KEYS; one of no key after every key's. */
function orderOf(key: ContextKey | undefined): number {
  return key === undefined ? CONTEXT_KEYS.length : CONTEXT_KEYS.indexOf(key);
}

/** Who the stack subscribes to the alert topic (ENV.subscribers); organization accounts' addresses are email. */
export function subscribersOf(config: MonitorConfig): Subscriber[] {
  const email = config.alertEmails.length > 0 || Object.keys(config.organization?.accountAlertEmails ?? {}).length > 0;
  return [
    ...(email ? (['email'] as const) : []),
    ...(config.slack ? (['slack'] as const) : []),
    ...(config.topicSubscribedElsewhere ? (['elsewhere'] as const) : []),
  ];
}

/** The REGIONS environment value the checker reads: `all` or a comma-separated list. */
export function regionsEnvValue(regions: MonitorConfig['regions']): string {
  return regions === ALL_REGIONS ? ALL_REGIONS : regions.join(',');
}
