import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV, METRICS } from '../../lambda/environment-names';
import { PUBLISH_ACTION, READ_PERMISSIONS } from '../../lambda/aws/permissions';

/**
 * Whether the AWS SDK is bundled into the artifact by default. Chosen by measurement (`npm run bench`, see
 * bench/results.json): bundled and minified, 1,155 KB (296 KB gzip), cold-start init 246 ms median and 90 MB RSS
 * after init; external (the runtime's SDK, resolved from node_modules), 84 KB but init 752 ms and 150 MB RSS:
 * loading the SDK's many modules from disk costs far more than parsing one minified file.
 */
export const DEFAULT_BUNDLE_AWS_SDK = true;

/**
 * Memory size in MB by default, chosen by `npm run bench` (bench/results.json), which runs the handler under the
 * CPU share Lambda gives each size (1,769 MB = one vCPU) and its heap flags. The large estate (1,000
 * certificates, 17 regions x 800 load balancers) costs $0.00059 a run at 512 MB (88 s), against $0.00065 at
 * 256 MB (195 s), $0.00069 at 1,024 MB (52 s) and $0.00076 at 1,769 MB (33 s): below one vCPU the CPU-bound
 * scan costs the same GB-seconds at any size, above it the waiting costs more. 512 MB is also the cheapest for
 * the typical day, fits the 15-minute timeout ten times over, and peaks at 214 MB RSS (42% of the memory).
 */
export const DEFAULT_MEMORY_SIZE_MB = 512;

/** Repository root (this file lives in lib/constructs/). */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** esbuild target of the bundle: the runtime below. The benchmark builds with the same settings. */
export const BUNDLE_TARGET = 'node24';

/** Lets CommonJS dependencies that call require() work inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

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
    const stack = Stack.of(this);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    // No AWSLambdaBasicExecutionRole: every permission below is inline and scoped.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'IAM certificate expiry checker: read certificates and load balancer listeners, publish one alert',
    });

    const unscoped = READ_PERMISSIONS.filter((p) => p.resource === '*').map((p) => p.action);
    const certificateScoped = READ_PERMISSIONS.filter((p) => p.resource === 'server-certificate').map((p) => p.action);
    if (unscoped.length > 0) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadActionsWithoutResourceLevelPermissions', actions: unscoped, resources: ['*'] }));
    }
    if (certificateScoped.length > 0) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReadServerCertificates',
          actions: certificateScoped,
          resources: [stack.formatArn({ service: 'iam', region: '', resource: 'server-certificate', resourceName: '*' })],
        }),
      );
    }
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishAlert', actions: [PUBLISH_ACTION], resources: [props.topic.topicArn] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'UseAlertTopicKey', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.topicKey.keyArn] }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );

    const defaultPolicy = this.role.node.findChild('DefaultPolicy');
    Validations.of(defaultPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        `Only for ${unscoped.join(', ')}: the IAM service authorization reference lists no resource types for these ` +
        'List/Describe actions, so "*" is the only valid resource. All are read-only and the role holds nothing broader.',
    });
    Validations.of(defaultPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:server-certificate/*]',
      reason:
        `Only for ${certificateScoped.join(', ')} (read-only): the checker reads the tags of whichever server ` +
        'certificates exist in this account, whose names are not known at deploy time; scoped to server certificates of this account.',
    });

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: 'Lists IAM server certificates, finds the load balancer listeners serving expiring ones, alerts SNS',
      entry: path.resolve(PROJECT_ROOT, props.entry ?? 'lambda/handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
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
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        [ENV.topicArn]: props.topic.topicArn,
        [ENV.thresholdDays]: String(props.thresholdDays),
        [ENV.warningDays]: String(props.warningDays),
        [ENV.regions]: props.regions,
        POWERTOOLS_SERVICE_NAME: METRICS.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // Linked map: a separate .map file plus the sourceMappingURL comment that --enable-source-maps follows.
        sourceMapMode: nodejs.SourceMapMode.DEFAULT,
        sourcesContent: false,
        target: BUNDLE_TARGET,
        bundleAwsSDK: props.bundleAwsSdk ?? DEFAULT_BUNDLE_AWS_SDK,
        banner: ESM_REQUIRE_BANNER,
      },
    });
  }
}
