import { type CfnResource, CustomResourceProviderBase, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, IConstruct } from 'constructs';

/** Construct id of the stack-level log group of CDK's AwsCustomResource function. */
const AWS_CUSTOM_RESOURCE_LOGS_ID = 'AwsCustomResourceLogs';

/**
 * The log group of CDK's AwsCustomResource function, for the `logGroup` prop of every AwsCustomResource in the stack.
 * That function is one per stack, made by the first AwsCustomResource and shared by the others, which cannot change
 * its log group: so is this group (get-or-create), and one stack has one retention for it.
 * @throws when the stack's group already exists with another retention
 */
export function awsCustomResourceLogGroup(scope: Construct, retention: logs.RetentionDays): logs.LogGroup {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_LOGS_ID);
  if (existing) {
    const kept = (existing.node.defaultChild as logs.CfnLogGroup).retentionInDays;
    if (kept !== retention) {
      throw new Error(
        `awsCustomResourceLogGroup: the stack's AwsCustomResource function logs to one group, kept ${kept} days; ` +
          `got ${retention}`,
      );
    }
    return existing as logs.LogGroup;
  }
  return new logs.LogGroup(stack, AWS_CUSTOM_RESOURCE_LOGS_ID, { retention, removalPolicy: RemovalPolicy.DESTROY });
}

/**
 * Gives each of CDK's custom resource provider functions in `stack` (a CustomResourceProvider, one per kind and
 * stack: the first-run trigger's, the auto-delete of a bucket's objects) a log group of its own with `retention`,
 * through the function's `LoggingConfig.LogGroup`. CDK offers no prop for these functions' logs (they are plain
 * CloudFormation resources), so without this Lambda creates `/aws/lambda/<name>` at the first invocation, never
 * expiring (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html). Linked by
 * reference, the group is created before the function and deleted after it: a provider that runs while the stack
 * is deleted (the auto-delete) still logs to it. Their role (AWSLambdaBasicExecutionRole) may write any log group.
 *
 * Call it once the stack holds every construct of the monitor; a provider that already has its group is left alone,
 * and so is each one in `leave` (in a user's stack: the providers it held before the monitor, which are not ours).
 */
export function retainProviderLogs(
  stack: Stack,
  retention: logs.RetentionDays,
  leave: ReadonlySet<IConstruct> = new Set(),
): void {
  for (const provider of stack.node.children) {
    if (!(provider instanceof CustomResourceProviderBase) || leave.has(provider)) continue;
    if (provider.node.tryFindChild('LogGroup')) continue;
    const logGroup = new logs.LogGroup(provider, 'LogGroup', { retention, removalPolicy: RemovalPolicy.DESTROY });
    (provider.node.findChild('Handler') as CfnResource).addPropertyOverride('LoggingConfig', {
      LogGroup: logGroup.logGroupName,
    });
  }
}
