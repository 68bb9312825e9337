/**
 * The options both exported constructs take: the CDK context keys of the same names, typed (the Slack ids as one
 * object). A construct reads its props through the context table's own reading (readConfig in config.ts), so a
 * prop is refused exactly when its context key would be, in the same words, under the prop's name.
 */
import type { IConstruct } from 'constructs';
import type { ALL_REGIONS } from '../contract/validation';
import { type ContextKey, type MonitorConfig, readConfig } from './config';
import type { SlackConfig } from './constructs/alert-topic';
import { PropsError } from './constructs/prop-checks';

export interface CommonMonitorProps {
  /**
   * When the check runs: an EventBridge Scheduler expression, `cron(minutes hours day-of-month month day-of-week
   * year)` or `rate(N unit)`, at most once an hour.
   * @default 'cron(0 8 * * ? *)' (08:00 every day)
   */
  readonly schedule?: string;
  /**
   * IANA time zone the cron expression is evaluated in, such as `Europe/Paris`.
   * @default 'UTC'
   */
  readonly scheduleTimezone?: string;
  /**
   * Certificates expiring within this many days (or expired) are critical: 1 to 365.
   * @default 7
   */
  readonly thresholdDays?: number;
  /**
   * Certificates expiring within this many days are a warning: 0 (off), or more than `thresholdDays` and at most 365.
   * @default 30
   */
  readonly warningDays?: number;
  /**
   * How far ahead a certificate's snooze tag may reach, in days (1 to 365); a later date is a tag problem.
   * @default 90
   */
  readonly maxSnoozeDays?: number;
  /**
   * Email addresses subscribed to the alert topic (each must confirm the subscription).
   * @default - no email subscriptions
   */
  readonly alertEmails?: readonly string[];
  /**
   * Regions whose load balancers are checked: `'all'` (every region enabled in the account) or region names.
   * @default 'all'
   */
  readonly regions?: typeof ALL_REGIONS | readonly string[];
  /**
   * Slack channel that receives the alerts through AWS Chatbot; the workspace must already be authorised in the
   * AWS Chatbot console.
   * @default - no Slack delivery
   */
  readonly slack?: SlackConfig;
  /**
   * Retention of the functions' log groups, in days: one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30,
   * 60, 90, ...).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Import each flagged certificate as a finding into this account's Security Hub CSPM (home region).
   * @default false
   */
  readonly securityHub?: boolean;
  /**
   * EventBridge bus (name or ARN) that gets one event per flagged certificate.
   * @default - no events
   */
  readonly eventBus?: string;
  /**
   * A CloudWatch dashboard of the flagged certificates' days to expiry, counts by severity and the monitor's health.
   * @default true
   */
  readonly dashboard?: boolean;
  /**
   * Say that the alert topic is subscribed outside these props (`monitor.alerts.topic.addSubscription(...)`, a
   * pager, a queue): the alert then says where its commands are instead of pointing at the email.
   * @default false
   */
  readonly topicSubscribedElsewhere?: boolean;
}

/** The props' names where they differ from the context keys. */
const PROP_NAMES: Partial<Record<ContextKey, string>> = {
  slackWorkspaceId: 'slack.workspaceId',
  slackChannelId: 'slack.channelId',
};

/**
 * The configuration the props give, read like context with `deployment`: the props by their context keys (an
 * absent prop is an absent key, so it takes the key's default).
 * @throws PropsError naming every bad prop and its accepted form
 */
export function configOfProps(
  construct: IConstruct,
  props: CommonMonitorProps,
  deployment: 'account' | 'organization',
): MonitorConfig {
  const { slack, ...rest } = props;
  const raw: Readonly<Record<string, unknown>> = {
    ...rest,
    slackWorkspaceId: slack?.workspaceId,
    slackChannelId: slack?.channelId,
    deployment,
  };
  const read = readConfig(raw, { names: PROP_NAMES });
  if ('problems' in read) throw new PropsError(construct, read.problems);
  return read.config;
}

/** The props that build what `config` describes (the app's stacks: context -> config -> props). */
export function commonPropsOf(config: MonitorConfig): CommonMonitorProps {
  return {
    schedule: config.schedule,
    scheduleTimezone: config.scheduleTimezone,
    thresholdDays: config.thresholdDays,
    warningDays: config.warningDays,
    maxSnoozeDays: config.maxSnoozeDays,
    alertEmails: config.alertEmails,
    regions: config.regions,
    ...(config.slack ? { slack: config.slack } : {}),
    logRetentionDays: config.logRetentionDays,
    ...(config.securityHub ? { securityHub: true } : {}),
    ...(config.eventBus ? { eventBus: config.eventBus } : {}),
    ...(config.topicSubscribedElsewhere ? { topicSubscribedElsewhere: true } : {}),
    ...(config.dashboard === false ? { dashboard: false } : {}),
  };
}
