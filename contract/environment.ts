/** Names of the environment variables the stack sets and the checker reads (one contract, two sides). */
export const ENV = {
  topicArn: 'ALERT_TOPIC_ARN',
  thresholdDays: 'THRESHOLD_DAYS',
  warningDays: 'WARNING_DAYS',
  /** How far ahead a snooze tag may reach, in days (context `maxSnoozeDays`); unset = the default (older stacks). */
  maxSnoozeDays: 'MAX_SNOOZE_DAYS',
  regions: 'REGIONS',
  /** Who is subscribed to the alert topic (contract/subscribers.ts); unset = not known (older stacks). */
  subscribers: 'ALERT_SUBSCRIBERS',
  /** `true`: import findings into Security Hub CSPM in the function's own region (context `securityHub`). */
  securityHub: 'SECURITY_HUB',
  /** An EventBridge bus name or ARN: one event per flagged certificate (context `eventBus`); unset = off. */
  eventBus: 'EVENT_BUS',
} as const;

/** CloudWatch metric namespace and names the checker emits (Powertools EMF) and the alarms watch. */
export const METRICS = {
  namespace: 'IamCertExpiryMonitor',
  serviceName: 'iam-cert-expiry-monitor',
  /** 1 per run that listed certificates and delivered (or had no need to deliver) its alert. */
  runCompleted: 'RunCompleted',
  /** 1 when a region or service could not be checked, else 0. */
  scanIncomplete: 'ScanIncomplete',
  /** Sinks that could not deliver the run's report (failed or out of time), 0 when every one delivered. */
  deliveryFailures: 'DeliveryFailures',
} as const;
