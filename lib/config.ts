/**
 * Pure: raw CDK context (strings from `-c key=value`, JSON values from cdk.json) -> typed MonitorConfig.
 * Every problem is collected and reported in one ConfigError; each line names the key and the accepted form.
 */
import {
  DEFAULT_ACCOUNT_CONCURRENCY,
  DEFAULT_MAX_SNOOZE_DAYS,
  DEFAULT_MEMBER_ROLE_NAME,
  DEFAULT_THRESHOLDS,
} from '../contract/defaults';
import { closestName } from '../contract/closest-name';
import { parseScheduleExpression, shortestGapMinutes } from '../contract/schedule';
import type { Subscriber } from '../contract/subscribers';
import {
  ACCOUNT_ID,
  ALL_REGIONS,
  eventBusOf,
  isOuOrRootId,
  listOf,
  regionsOf,
  ROLE_NAME,
  switchOf,
  THRESHOLD_DAYS,
  thresholdDaysOf,
  WARNING_DAYS,
  warningDaysOf,
  warningFitsThreshold,
  wholeNumberIn,
  MAX_SNOOZE_DAYS,
  maxSnoozeDaysOf,
} from '../contract/validation';
import type { SlackConfig } from './constructs/alert-topic';
import { unknownRegionsProblem } from './known-regions';
import type { DeployedAs } from './constructs/org/member-role-stack-set';

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
}

/** The organization deployment's settings (context keys of the same names). */
export interface OrganizationConfig {
  /** OU ids (`ou-…`) and/or the root id (`r-…`) whose ACTIVE accounts are scanned (recursively). */
  readonly organizationalUnits: readonly string[];
  /** Name of the read-only role the StackSet puts into every member account. */
  readonly memberRoleName: string;
  /** 12-digit account ids never scanned. */
  readonly excludeAccounts: readonly string[];
  /** Accounts scanned at once (the Distributed Map's MaxConcurrency). */
  readonly accountConcurrency: number;
  /** Account id -> addresses that receive that account's own messages (filter policy on `account`). */
  readonly accountAlertEmails: Readonly<Record<string, readonly string[]>>;
  readonly deployedAs: DeployedAs;
  /** Days after which run data (account list, results, large reports) expires from the bucket. */
  readonly runDataRetentionDays: number;
}

/** Values CloudWatch Logs accepts for a log group's retention (never-expire is deliberately not offered). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

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
  deployedAs: 'management' as DeployedAs,
  runDataRetentionDays: 30,
} as const;

/** Keys that only mean something with `deployment=organization`; given in account mode they are an error. */
export const ORGANIZATION_KEYS = [
  'organizationalUnits',
  'memberRoleName',
  'excludeAccounts',
  'accountConcurrency',
  'accountAlertEmails',
  'deployedAs',
  'runDataRetentionDays',
] as const;

/** The context keys this app reads; anything else that looks like a typo of one of them is an error. */
export const CONTEXT_KEYS = [
  'schedule',
  'scheduleTimezone',
  'thresholdDays',
  'warningDays',
  'maxSnoozeDays',
  'alertEmails',
  'regions',
  'slackWorkspaceId',
  'slackChannelId',
  'logRetentionDays',
  'reservedConcurrency',
  'securityHub',
  'eventBus',
  'deployment',
  'topicSubscribedElsewhere',
  ...ORGANIZATION_KEYS,
] as const;

/**
 * Context keys that belong to the CDK, never refused: what `cdk.json` and the CDK CLI put in context (feature flags
 * `@aws-cdk/…`, `aws:cdk:…` switches, lookup results `<provider>:account=…`, which all hold `@` or `:`) and the
 * CLI's plain-named ones.
 */
export function isCdkContextKey(key: string): boolean {
  return key.startsWith('@') || key.includes(':') || CDK_PLAIN_KEYS.includes(key);
}
const CDK_PLAIN_KEYS: readonly string[] = ['acknowledged-issue-numbers', 'cli-telemetry'];

/** The fewest minutes between two runs: days left change once a day, and a run may take 15 minutes. */
export const MIN_SCHEDULE_PERIOD_MINUTES = 60;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

export class ConfigError extends Error {
  constructor(public readonly errors: readonly string[]) {
    super(`Invalid configuration (CDK context):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
const SLACK_WORKSPACE = /^T[A-Z0-9]{8,20}$/;
const SLACK_CHANNEL = /^[CG][A-Z0-9]{8,20}$/;
/** SNS: a filter policy may hold at most 150 value combinations (here: one per account). */
const MAX_FILTER_POLICY_VALUES = 150;

export interface ParseOptions {
  /**
   * Refuse a configuration that alerts nobody (no email, no Slack, no topicSubscribedElsewhere=true). The app
   * (bin/iam-cert-expiry-monitor.ts) sets it; tests of a single construct or key may leave it off.
   * @default false
   */
  readonly requireSubscribers?: boolean;
}

/**
 * Parses every key we know from `raw` (typically `app.node.getAllContext()`), applying defaults for absent ones.
 * Keys of CDK itself (isCdkContextKey) are ignored; any other unknown key is an error naming it (with the nearest
 * of ours when it looks like a typo) and the list of keys this app reads.
 * @throws ConfigError listing every problem found
 */
export function parseConfig(raw: Readonly<Record<string, unknown>>, options: ParseOptions = {}): MonitorConfig {
  const errors: string[] = [];
  const get = (key: ContextKey): unknown => {
    const value = raw[key];
    return value === null ? undefined : value;
  };
  const fail = (key: string, expected: string, value: unknown): undefined => {
    errors.push(`${key}: expected ${expected}, got ${show(value)}`);
    return undefined;
  };

  // schedule
  const scheduleRaw = get('schedule');
  let schedule: string | undefined = DEFAULTS.schedule;
  if (scheduleRaw !== undefined) {
    schedule = undefined;
    const expected =
      'an EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year) or rate(N minute|minutes|hour|hours|day|days)';
    if (typeof scheduleRaw !== 'string') fail('schedule', expected, scheduleRaw);
    else {
      try {
        const period = shortestGapMinutes(parseScheduleExpression(scheduleRaw.trim()));
        if (period !== undefined && period < MIN_SCHEDULE_PERIOD_MINUTES)
          errors.push(
            `schedule: runs every ${period} min, expected at most once an hour: days left change once a day, and a ` +
              `run may take up to 15 min (the checker's timeout), so more often only overlaps runs and adds ` +
              `API calls; got ${show(scheduleRaw)}`,
          );
        else schedule = scheduleRaw.trim();
      } catch (e) {
        // One error: the form expected, and what is wrong when the expression has that form.
        const reason = (e as Error).message.startsWith('expected ') ? '' : `; ${(e as Error).message}`;
        errors.push(`schedule: expected ${expected}${reason}; got ${show(scheduleRaw)}`);
      }
    }
  }

  // scheduleTimezone
  const tzRaw = get('scheduleTimezone');
  let scheduleTimezone: string = DEFAULTS.scheduleTimezone;
  if (tzRaw !== undefined) {
    if (typeof tzRaw === 'string' && timeZones().has(tzRaw.trim())) scheduleTimezone = tzRaw.trim();
    else fail('scheduleTimezone', 'an IANA time zone name such as UTC, Europe/Paris or America/New_York', tzRaw);
  }

  // thresholdDays
  const thresholdRaw = get('thresholdDays');
  const thresholdDays = thresholdRaw === undefined ? DEFAULTS.thresholdDays : thresholdDaysOf(thresholdRaw);
  if (thresholdDays === undefined)
    fail('thresholdDays', `a whole number from ${THRESHOLD_DAYS.min} to ${THRESHOLD_DAYS.max}`, thresholdRaw);

  // warningDays (0 = off, else > thresholdDays)
  const warningRaw = get('warningDays');
  const warningExpected = `${WARNING_DAYS.off} (off) or a whole number greater than thresholdDays`;
  let warningDays = warningRaw === undefined ? DEFAULTS.warningDays : warningDaysOf(warningRaw);
  if (warningDays === undefined) {
    fail('warningDays', `${warningExpected} and at most ${WARNING_DAYS.max}`, warningRaw);
  } else if (thresholdDays !== undefined && !warningFitsThreshold(warningDays, thresholdDays)) {
    errors.push(
      `warningDays: expected ${warningExpected} (${thresholdDays}) and at most ${WARNING_DAYS.max}, ` +
        `got ${warningRaw === undefined ? `${warningDays} (the default)` : show(warningRaw)}`,
    );
    warningDays = undefined;
  }

  // maxSnoozeDays
  const snoozeRaw = get('maxSnoozeDays');
  const maxSnoozeDays = snoozeRaw === undefined ? DEFAULTS.maxSnoozeDays : maxSnoozeDaysOf(snoozeRaw);
  if (maxSnoozeDays === undefined)
    fail('maxSnoozeDays', `a whole number of days from ${MAX_SNOOZE_DAYS.min} to ${MAX_SNOOZE_DAYS.max}`, snoozeRaw);

  // alertEmails
  const emailsRaw = get('alertEmails');
  const emailsExpected = 'comma-separated email addresses (or a JSON array of them in cdk.json)';
  let alertEmails: readonly string[] | undefined = DEFAULTS.alertEmails;
  if (emailsRaw !== undefined) {
    const list = listOf(emailsRaw);
    if (list === undefined || list.some((e) => !EMAIL.test(e)))
      alertEmails = fail('alertEmails', emailsExpected, emailsRaw);
    else alertEmails = [...new Set(list)];
  }

  // regions
  const regionsRaw = get('regions');
  const regionsExpected =
    'all, or comma-separated region names such as us-east-1,eu-west-1 (or a JSON array in cdk.json)';
  let regions: MonitorConfig['regions'] | undefined = DEFAULTS.regions;
  if (regionsRaw !== undefined) regions = regionsOf(regionsRaw) ?? fail('regions', regionsExpected, regionsRaw);
  const unknownRegions = regions && regions !== ALL_REGIONS ? unknownRegionsProblem(regions) : undefined;
  if (unknownRegions) {
    errors.push(`regions: ${unknownRegions}; expected ${regionsExpected}, got ${show(regionsRaw)}`);
    regions = undefined;
  }

  // slackWorkspaceId + slackChannelId: both or neither
  const workspaceRaw = optionalString(get('slackWorkspaceId'));
  const channelRaw = optionalString(get('slackChannelId'));
  let slack: SlackConfig | undefined;
  let slackOk = true;
  if (workspaceRaw !== undefined && (typeof workspaceRaw !== 'string' || !SLACK_WORKSPACE.test(workspaceRaw))) {
    slackOk = false;
    fail('slackWorkspaceId', 'an AWS Chatbot Slack workspace id such as T0123ABCD', get('slackWorkspaceId'));
  }
  if (channelRaw !== undefined && (typeof channelRaw !== 'string' || !SLACK_CHANNEL.test(channelRaw))) {
    slackOk = false;
    fail('slackChannelId', 'a Slack channel id such as C0123ABCD', get('slackChannelId'));
  }
  if (slackOk && (workspaceRaw === undefined) !== (channelRaw === undefined)) {
    const [missing, present] =
      workspaceRaw === undefined ? ['slackWorkspaceId', 'slackChannelId'] : ['slackChannelId', 'slackWorkspaceId'];
    errors.push(
      `${missing}: required when ${present} is set (set both slackWorkspaceId and slackChannelId, or neither)`,
    );
  } else if (slackOk && typeof workspaceRaw === 'string' && typeof channelRaw === 'string') {
    slack = { workspaceId: workspaceRaw, channelId: channelRaw };
  }

  // logRetentionDays
  const retentionRaw = get('logRetentionDays');
  let logRetentionDays = wholeNumber(retentionRaw, DEFAULTS.logRetentionDays, 1, 3653);
  if (logRetentionDays === undefined || !(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
    logRetentionDays = fail(
      'logRetentionDays',
      `one of the values CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
      retentionRaw,
    );
  }

  // reservedConcurrency: off (default) or a whole number of executions
  const reservedRaw = get('reservedConcurrency');
  let reservedConcurrency: number | undefined;
  if (
    reservedRaw !== undefined &&
    !(typeof reservedRaw === 'string' && reservedRaw.trim() === DEFAULTS.reservedConcurrency)
  ) {
    reservedConcurrency = wholeNumber(reservedRaw, 0, 1, 1000);
    if (reservedConcurrency === undefined)
      fail('reservedConcurrency', 'off, or a whole number from 1 to 1000', reservedRaw);
  }

  // securityHub (true / false) and eventBus (bus name or ARN): the optional sinks, on both stacks
  const securityHubRaw = get('securityHub');
  const securityHub = securityHubRaw === undefined ? false : switchOf(securityHubRaw);
  if (securityHub === undefined) fail('securityHub', 'true or false (the default)', securityHubRaw);
  const eventBusRaw = optionalString(get('eventBus'));
  const eventBus = eventBusRaw === undefined ? undefined : eventBusOf(eventBusRaw);
  if (eventBusRaw !== undefined && eventBus === undefined) {
    fail(
      'eventBus',
      'an EventBridge bus name (1-256 letters, digits and /._-, e.g. certificate-alerts) or bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)',
      get('eventBus'),
    );
  }

  // deployment, and the organization keys (only in organization mode)
  const deploymentRaw = optionalString(get('deployment'));
  let organization: OrganizationConfig | undefined;
  if (deploymentRaw === 'organization') {
    organization = parseOrganization(get, errors, alertEmails ?? []);
    // The Distributed Map's accountConcurrency bounds the organization run; a reservation would only starve it.
    if (reservedConcurrency !== undefined)
      fail('reservedConcurrency', 'off with deployment=organization (accountConcurrency bounds the run)', reservedRaw);
  } else {
    if (deploymentRaw !== undefined && deploymentRaw !== 'account')
      fail('deployment', 'account (the default) or organization', get('deployment'));
    for (const key of ORGANIZATION_KEYS) {
      if (get(key) !== undefined)
        errors.push(
          `${key}: only used with deployment=organization (add -c deployment=organization, or remove ${key})`,
        );
    }
  }

  // topicSubscribedElsewhere, then: somebody must receive the alerts
  const elsewhereRaw = optionalString(get('topicSubscribedElsewhere'));
  const topicSubscribedElsewhere = elsewhereRaw === true || elsewhereRaw === 'true';
  if (elsewhereRaw !== undefined && !topicSubscribedElsewhere && elsewhereRaw !== false && elsewhereRaw !== 'false')
    fail('topicSubscribedElsewhere', 'true or false', get('topicSubscribedElsewhere'));
  const accountEmails = Object.keys(organization?.accountAlertEmails ?? {}).length > 0;
  if (
    options.requireSubscribers &&
    alertEmails?.length === 0 &&
    !accountEmails &&
    slack === undefined &&
    slackOk &&
    workspaceRaw === undefined &&
    channelRaw === undefined &&
    !topicSubscribedElsewhere
  ) {
    errors.push(
      'nobody would be alerted: set alertEmails=you@example.com (comma-separated), or slackWorkspaceId and ' +
        'slackChannelId, or topicSubscribedElsewhere=true when you subscribe the alert topic yourself',
    );
  }

  // every other key: refused by name, unless it is CDK's own
  const unknown = Object.keys(raw).filter(
    (k) => !(CONTEXT_KEYS as readonly string[]).includes(k) && !isCdkContextKey(k),
  );
  for (const key of unknown) {
    const suggestion = closestName(key, CONTEXT_KEYS);
    errors.push(`${key}: unknown context key${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
  }
  if (unknown.length > 0)
    errors.push(`known context keys: ${CONTEXT_KEYS.join(', ')} (and CDK's own, such as @aws-cdk/… flags)`);

  if (errors.length > 0) throw new ConfigError(errors);
  return {
    schedule: schedule!,
    scheduleTimezone,
    thresholdDays: thresholdDays!,
    warningDays: warningDays!,
    maxSnoozeDays: maxSnoozeDays!,
    alertEmails: alertEmails!,
    regions: regions!,
    ...(slack ? { slack } : {}),
    logRetentionDays: logRetentionDays!,
    ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}),
    ...(organization ? { organization } : {}),
    ...(topicSubscribedElsewhere ? { topicSubscribedElsewhere } : {}),
    ...(securityHub ? { securityHub: true as const } : {}),
    ...(eventBus ? { eventBus } : {}),
  };
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

/** The organization keys; pushes one line per bad key onto `errors` (the caller throws them all at once). */
function parseOrganization(
  get: (key: ContextKey) => unknown,
  errors: string[],
  alertEmails: readonly string[],
): OrganizationConfig | undefined {
  const fail = (key: ContextKey, expected: string): undefined => {
    errors.push(`${key}: expected ${expected}, got ${show(get(key))}`);
    return undefined;
  };
  const before = errors.length;

  const units = listOf(get('organizationalUnits') ?? '');
  const unitsExpected =
    'comma-separated OU ids (ou-…) and/or the root id (r-…), e.g. r-ab12 or ou-ab12-11111111,ou-ab12-22222222; required with deployment=organization';
  const organizationalUnits =
    units === undefined || units.length === 0 || !units.every(isOuOrRootId)
      ? fail('organizationalUnits', unitsExpected)
      : [...new Set(units)];

  const roleRaw = optionalString(get('memberRoleName')) ?? ORGANIZATION_DEFAULTS.memberRoleName;
  const memberRoleName =
    typeof roleRaw === 'string' && ROLE_NAME.test(roleRaw)
      ? roleRaw
      : fail('memberRoleName', 'an IAM role name: 1-64 letters, digits or + = , . @ _ - (no path)');

  const excluded = get('excludeAccounts') === undefined ? [] : listOf(get('excludeAccounts'));
  const excludeAccounts =
    excluded === undefined || excluded.some((a) => !ACCOUNT_ID.test(a))
      ? fail('excludeAccounts', 'comma-separated 12-digit account ids')
      : [...new Set(excluded)];

  const accountConcurrency =
    wholeNumber(get('accountConcurrency'), ORGANIZATION_DEFAULTS.accountConcurrency, 1, 1000) ??
    fail('accountConcurrency', 'a whole number from 1 to 1000');

  const deployedAsRaw = optionalString(get('deployedAs')) ?? ORGANIZATION_DEFAULTS.deployedAs;
  const deployedAs =
    deployedAsRaw === 'management' || deployedAsRaw === 'delegatedAdmin'
      ? deployedAsRaw
      : fail('deployedAs', 'management (the default) or delegatedAdmin');

  const runDataRetentionDays =
    wholeNumber(get('runDataRetentionDays'), ORGANIZATION_DEFAULTS.runDataRetentionDays, 1, 3650) ??
    fail('runDataRetentionDays', 'a whole number of days from 1 to 3650');

  const accountAlertEmails = parseAccountAlertEmails(
    get('accountAlertEmails'),
    alertEmails,
    excludeAccounts ?? [],
    errors,
  );

  if (errors.length > before) return undefined;
  return {
    organizationalUnits: organizationalUnits!,
    memberRoleName: memberRoleName!,
    excludeAccounts: excludeAccounts!,
    accountConcurrency: accountConcurrency!,
    accountAlertEmails: accountAlertEmails!,
    deployedAs: deployedAs!,
    runDataRetentionDays: runDataRetentionDays!,
  };
}

/**
 * `{"111111111111": "a@example.com,b@example.com"}` (a JSON string from `-c`, or an object in cdk.json; values may
 * also be arrays). An address gets one SNS subscription, so it may not also be in alertEmails (whose digest already
 * covers every account), and may serve at most 150 accounts (the filter policy's value limit).
 */
function parseAccountAlertEmails(
  raw: unknown,
  alertEmails: readonly string[],
  excludeAccounts: readonly string[],
  errors: string[],
): Readonly<Record<string, readonly string[]>> | undefined {
  if (raw === undefined) return {};
  const expected =
    'a JSON object of 12-digit account ids to comma-separated email addresses, e.g. {"111111111111":"team@example.com"}';
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
  }
  const entries =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
  const parsed = entries?.map(([account, emails]) => [account, listOf(emails)] as const);
  if (
    !parsed ||
    parsed.some(
      ([account, emails]) =>
        !ACCOUNT_ID.test(account) || !emails || emails.length === 0 || emails.some((e) => !EMAIL.test(e)),
    )
  ) {
    errors.push(`accountAlertEmails: expected ${expected}, got ${show(raw)}`);
    return undefined;
  }
  const result = Object.fromEntries(parsed.map(([account, emails]) => [account, [...new Set(emails!)]]));
  const problems: string[] = [];
  const accountsPerEmail = new Map<string, number>();
  for (const [account, emails] of Object.entries(result)) {
    if (excludeAccounts.includes(account)) problems.push(`${account} is in excludeAccounts, so it is never scanned`);
    for (const email of emails) {
      accountsPerEmail.set(email, (accountsPerEmail.get(email) ?? 0) + 1);
      if (alertEmails.includes(email))
        problems.push(`${email} is also in alertEmails, whose digest already covers every account`);
    }
  }
  for (const [email, count] of accountsPerEmail) {
    if (count > MAX_FILTER_POLICY_VALUES)
      problems.push(
        `${email} is given for ${count} accounts; one subscription's filter policy holds at most ${MAX_FILTER_POLICY_VALUES}`,
      );
  }
  if (problems.length > 0) {
    errors.push(`accountAlertEmails: ${[...new Set(problems)].join('; ')}`);
    return undefined;
  }
  return result;
}

/** The REGIONS environment value the checker reads: `all` or a comma-separated list. */
export function regionsEnvValue(regions: MonitorConfig['regions']): string {
  return regions === ALL_REGIONS ? ALL_REGIONS : regions.join(',');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `fallback` when the key is absent, else the whole number from `min` to `max` (undefined when it is not one). */
function wholeNumber(value: unknown, fallback: number, min: number, max: number): number | undefined {
  return value === undefined ? fallback : wholeNumberIn(value, min, max);
}

/** `undefined` for absent/blank, the trimmed string, or the original value when it is not a string. */
function optionalString(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  return value.trim() === '' ? undefined : value.trim();
}

let zones: Set<string> | undefined;
function timeZones(): Set<string> {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return zones;
}
