import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV, METRICS } from '../../lambda/environment-names';
import { PUBLISH_ACTION } from '../../lambda/aws/permissions';
import { bundledFunctionProps, SOURCE_MAPS_ENVIRONMENT } from './function-bundling';
import { grantReadPermissions } from './read-permissions';

// Bundling conventions live in function-bundling.ts (shared with the organization functions); re-exported here
// for the benchmark, which builds the checker exactly as the stack does.
export { BUNDLE_TARGET, DEFAULT_BUNDLE_AWS_SDK, ESM_REQUIRE_BANNER } from './function-bundling';

/**
 * Memory size in MB by default. From `npm run bench` (handler process under the V8 heap flags Lambda derives
 * from the memory size): the large estate (1,000 certificates, 17 regions x 800 load balancers) peaks at about
 * 240 MB RSS at 256 MB (6% headroom: too tight) and 200 MB at 128 MB (over the limit), and about 260 MB at
 * 512 MB. The peak comes while the 50-part alert is rendered, not during the scan. 512 MB also doubles the CPU
 * share (Lambda scales CPU with memory), and the scan is CPU-heavy (tens of seconds of SDK work per 20,000 calls).
 */
export const DEFAULT_MEMORY_SIZE_MB = 512;

export interface CheckerFunctionProps {
  /** The topic the checker publishes its digest to (sns:Publish on this topic only). */
  readonly topic: sns.ITopic;
  /** The key that encrypts the topic (kms:GenerateDataKey + kms:Decrypt on this key only). */
  readonly topicKey: kms.IKey;
  /** Days before expiry at which a certificate is critical (THRESHOLD_DAYS). */
  readonly thresholdDays: number;
  /** Days before expiry at which a certificate is a warning; 0 = off (WARNING_DAYS). */
  readonly warningDays: number;
  /** `all` or a comma-separated list of regions (REGIONS). */
  readonly regions: string;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
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
   * Timeout. Sized for the worst case the README promises: 1,000 certificates x 17 regions x 800 load
   * balancers (one DescribeListeners per ELBv2 load balancer and one DescribeListenerCertificates per HTTPS/TLS
   * listener, with throttling back-off), which is minutes, not seconds, so use Lambda's maximum.
   * @default Duration.minutes(15)
   */
  readonly timeout?: Duration;
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
}

/**
 * The checker: a Node.js Lambda (ARM64, newest runtime in aws-cdk-lib, minified ESM with source maps, bundled
 * locally by esbuild) with its own log group and a role that holds exactly the actions the code calls.
 */
export class CheckerFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CheckerFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    // No AWSLambdaBasicExecutionRole: every permission below is inline and scoped.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'IAM certificate expiry checker: read certificates and load balancer listeners, publish one alert',
    });

    grantReadPermissions(this.role);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishAlert', actions: [PUBLISH_ACTION], resources: [props.topic.topicArn] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'UseAlertTopicKey', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.topicKey.keyArn] }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: 'Lists IAM server certificates, finds the load balancer listeners serving expiring ones, alerts SNS',
      ...bundledFunctionProps(props.entry ?? 'lambda/handler.ts', props.bundleAwsSdk),
      memorySize: props.memorySize ?? DEFAULT_MEMORY_SIZE_MB,
      timeout: props.timeout ?? Duration.minutes(15),
      // One scan at a time: a retried or manual invocation waits (throttled, retried by Scheduler) instead of
      // doubling the API load and the alerts.
      reservedConcurrentExecutions: 1,
      // The scheduler invokes asynchronously: a failed run (certificates not listed, alert not published) is
      // retried twice by Lambda, within an hour, before the error alarm is all that is left.
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        [ENV.topicArn]: props.topic.topicArn,
        [ENV.thresholdDays]: String(props.thresholdDays),
        [ENV.warningDays]: String(props.warningDays),
        [ENV.regions]: props.regions,
        POWERTOOLS_SERVICE_NAME: METRICS.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
        ...SOURCE_MAPS_ENVIRONMENT,
      },
    });
  }
}
