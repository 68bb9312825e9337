import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  EVENT_BUS_RULE,
  LOG_RETENTION_DAYS_RULE,
  MAX_SNOOZE_DAYS_RULE,
  REGIONS_RULE,
  RESERVED_CONCURRENCY_RULE,
  THRESHOLD_DAYS_RULE,
  thresholdDaysOf,
  warningDaysRule,
} from '../../contract/validation';
import { checkProps } from './prop-checks';
import { ENV, METRICS } from '../../contract/environment';
import { PUBLISH_ACTION } from '../../contract/permissions';
import { bundledFunctionProps, SOURCE_MAPS_ENVIRONMENT } from './function-bundling';
import { functionLogGroupAndRole } from './function-role';
import { grantReadPermissions } from './read-permissions';
import { grantSinkPermissions } from './sink-permissions';
import { viaServices } from './via-service';

// Bundling conventions live in function-bundling.ts (shared with the organization functions); re-exported here
// for the benchmark, which builds the checker exactly as the stack does.
export { BUNDLE_TARGET, DEFAULT_BUNDLE_AWS_SDK, ESM_REQUIRE_BANNER } from './function-bundling';

/**
 * Memory size in MB by default, chosen by `npm run bench`, which runs the handler under the CPU share Lambda gives
 * each size (1,769 MB = one vCPU) and its heap flags. At the ELB API's documented limits (Describe* bucket of 40,
 * refilled at 10/s per account and region: `npm run bench:realistic`) the large estate (1,000 certificates, 17
 * regions x 800 load balancers, 50 flagged) waits on the API, not the CPU, so more memory buys little time and costs
 * more a run. Only where the APIs answer faster (the default bench's 50/s) does the scan become CPU-bound, and there
 * every size below one vCPU costs about the same. 512 MB is the cheapest at real limits, close to the cheapest
 * elsewhere, and leaves the 15-minute timeout several times the run and its peak RSS well within the size. The
 * measured times, costs and peak memory: docs/performance.md (`npm run bench`).
 */
export const DEFAULT_MEMORY_SIZE_MB = 512;

export interface CheckerFunctionProps {
  /** The topic the checker publishes its digest to (sns:Publish on this topic only). */
  readonly topic: sns.ITopic;
  /**
   * The key that encrypts the topic, and the failed-runs queue too (kms:GenerateDataKey + kms:Decrypt on this key
   * only).
   */
  readonly topicKey: kms.IKey;
  /** Days before expiry at which a certificate is critical (THRESHOLD_DAYS). */
  readonly thresholdDays: number;
  /** Days before expiry at which a certificate is a warning; 0 = off (WARNING_DAYS). */
  readonly warningDays: number;
  /**
   * How far ahead a snooze tag may reach, in days (MAX_SNOOZE_DAYS).
   * @default the checker's own default (DEFAULT_MAX_SNOOZE_DAYS)
   */
  readonly maxSnoozeDays?: number;
  /** `all` or a comma-separated list of regions (REGIONS). */
  readonly regions: string;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Who is subscribed to the topic, as `subscribersEnvValue` writes it (ALERT_SUBSCRIBERS): the alert says where
   * the commands are from it.
   * @default - not set: the alert points at the email for the commands
   */
  readonly subscribers?: string;
  /**
   * Path of the handler module (exports `handler`), relative to the repository root or absolute.
   * @default 'lambda/handler.ts'
   */
  readonly entry?: string;
  /**
   * Memory size in MB, chosen with the benchmark (`npm run bench`); see DEFAULT_MEMORY_SIZE_MB.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Timeout. Sized for the worst case docs/performance.md promises: 1,000 certificates x 17 regions x 800 load
   * balancers (one DescribeListeners per ELBv2 load balancer and one DescribeListenerCertificates per HTTPS/TLS
   * listener, with throttling back-off), which is minutes, not seconds, so use Lambda's maximum.
   * @default Duration.minutes(15)
   */
  readonly timeout?: Duration;
  /**
   * Reserved concurrency. Off by default: a reservation fails the deployment in accounts whose concurrency quota is
   * still the new-account default (unreserved concurrency may not drop below its minimum), and overlapping runs
   * are harmless (each publishes the same digest; see docs/failure-modes.md).
   * @default - no reservation
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Bundle the AWS SDK into the artifact (pinned, tested versions) instead of using the one in the runtime.
   * @default true
   */
  readonly bundleAwsSdk?: boolean;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Import findings into this account's Security Hub CSPM in this region (SECURITY_HUB, and its two actions).
   * @default false
   */
  readonly securityHub?: boolean;
  /**
   * EventBridge bus (name or ARN) that gets one event per flagged certificate (EVENT_BUS, and events:PutEvents on it).
   * @default - no events
   */
  readonly eventBus?: string;
}

/**
 * The checker: a Node.js Lambda (ARM64, newest runtime in aws-cdk-lib, minified ESM with source maps, bundled
 * locally by esbuild) with its own log group and a role that holds exactly the actions the code calls.
 */
export class CheckerFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  /** Asynchronous invocations that failed after Lambda's retries (or expired) land here, with the error. */
  public readonly failedRunsQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: CheckerFunctionProps) {
    super(scope, id);
    checkProps(this, {
      thresholdDays: [props.thresholdDays, THRESHOLD_DAYS_RULE],
      warningDays: [props.warningDays, warningDaysRule(thresholdDaysOf(props.thresholdDays))],
      maxSnoozeDays: [props.maxSnoozeDays, MAX_SNOOZE_DAYS_RULE],
      regions: [props.regions, REGIONS_RULE],
      logRetention: [props.logRetention, LOG_RETENTION_DAYS_RULE],
      reservedConcurrentExecutions: [props.reservedConcurrentExecutions, RESERVED_CONCURRENCY_RULE],
      eventBus: [props.eventBus, EVENT_BUS_RULE],
    });

    ({ logGroup: this.logGroup, role: this.role } = functionLogGroupAndRole(this, {
      description: 'IAM certificate expiry checker: read certificates and load balancer listeners, publish one alert',
      logRetention: props.logRetention,
      ...(props.logRemovalPolicy !== undefined ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
    }));

    this.failedRunsQueue = new sqs.Queue(this, 'FailedRunsQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.topicKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.failedRunsQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the on-failure destination of the checker's asynchronous invocations; nothing consumes it automatically, so it needs no DLQ of its own. An alarm fires on its first message.",
    });

    grantReadPermissions(this.role);
    grantSinkPermissions(this.role, {
      ...(props.securityHub !== undefined ? { securityHub: props.securityHub } : {}),
      ...(props.eventBus !== undefined ? { eventBus: props.eventBus } : {}),
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'PublishAlert', actions: [PUBLISH_ACTION], resources: [props.topic.topicArn] }),
    );
    // The key is used by SNS when the function publishes to the topic, and by SQS when Lambda, with the function's
    // role, sends the on-failure record to the queue: the publisher or producer needs these two actions, which the
    // service calls for it (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html,
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html). Never directly.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'UseAlertTopicKey',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.topicKey.keyArn],
        conditions: viaServices(this, 'sns', 'sqs'),
      }),
    );
    // Lambda sends the on-failure record with the function's role; the queue's key is the topic key granted above.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RecordFailedRuns',
        actions: ['sqs:SendMessage'],
        resources: [this.failedRunsQueue.queueArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: 'Lists IAM server certificates, finds the load balancer listeners serving expiring ones, alerts SNS',
      ...bundledFunctionProps(props.entry ?? 'lambda/handler.ts', props.bundleAwsSdk),
      memorySize: props.memorySize ?? DEFAULT_MEMORY_SIZE_MB,
      timeout: props.timeout ?? Duration.minutes(15),
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      // The scheduler invokes asynchronously: a failed run (certificates not listed, alert not published) is
      // retried twice by Lambda, within an hour; then the record (with the error) goes to the failed-runs queue.
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: { bind: () => ({ destination: this.failedRunsQueue.queueArn }) },
      // The first-run trigger invokes a published version; an old version is of no use once replaced.
      currentVersionOptions: { removalPolicy: RemovalPolicy.DESTROY },
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        [ENV.topicArn]: props.topic.topicArn,
        [ENV.thresholdDays]: String(props.thresholdDays),
        [ENV.warningDays]: String(props.warningDays),
        ...(props.maxSnoozeDays !== undefined ? { [ENV.maxSnoozeDays]: String(props.maxSnoozeDays) } : {}),
        [ENV.regions]: props.regions,
        ...(props.subscribers ? { [ENV.subscribers]: props.subscribers } : {}),
        ...(props.securityHub ? { [ENV.securityHub]: 'true' } : {}),
        ...(props.eventBus ? { [ENV.eventBus]: props.eventBus } : {}),
        POWERTOOLS_SERVICE_NAME: METRICS.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
        ...SOURCE_MAPS_ENVIRONMENT,
      },
    });
  }
}
