import { createHash } from 'node:crypto';
import { type CfnResource, type CustomResource, Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';

export interface FirstRunProps {
  /** The checker. The trigger invokes its current version, exactly as the schedule invokes the function. */
  readonly function: lambda.Function;
  /** Everything the run needs (topic, subscriptions, Slack channel, alarms, schedule); the run waits for them. */
  readonly executeAfter: readonly Construct[];
  /**
   * What the run depends on besides the function: the trigger runs again whenever this changes. The stack passes
   * its configuration and the release version, so that a deploy that changes either proves itself.
   */
  readonly revision: unknown;
  /**
   * How long the deployment waits for the run: the function's own timeout.
   * @default Duration.minutes(15)
   */
  readonly timeout?: Duration;
}

/** Time for the trigger's provider to start and report, on top of the run itself. */
const PROVIDER_START_SLACK_SECONDS = 120;

/**
 * Runs the checker once during `cdk deploy` (a CloudFormation custom resource, `aws-cdk-lib/triggers`), on create
 * and on every update that changes the function (code or settings) or the `revision`. The invocation is
 * synchronous, so a run that fails (certificates cannot be listed, the alert cannot be published) fails the
 * deployment with the function's error message and CloudFormation rolls back: nobody is left with a monitor that
 * is deployed but cannot run. A successful run publishes the same alert a scheduled run would (the handler ignores
 * its event) and emits the heartbeat metric, so the heartbeat alarm starts green.
 *
 * The trigger's provider is CDK's own Lambda (one per stack): AWSLambdaBasicExecutionRole for its logs and
 * `lambda:InvokeFunction` on the checker's versions only. CDK emits it as plain CfnResources, which cdk-nag's rules
 * do not inspect; the stack test pins its permissions instead.
 */
export class FirstRun extends Construct {
  public readonly trigger: triggers.Trigger;

  constructor(scope: Construct, id: string, props: FirstRunProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.minutes(15);
    this.trigger = new triggers.Trigger(this, 'Trigger', {
      handler: props.function,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      timeout,
      executeOnHandlerChange: true,
      executeAfter: [...props.executeAfter],
    });
    // A changed property makes CloudFormation update the custom resource, and an update runs the trigger again.
    const revision = createHash('sha256').update(JSON.stringify(props.revision)).digest('hex').slice(0, 16);
    const cfn = (this.trigger.node.defaultChild as CustomResource).node.defaultChild as CfnResource;
    cfn.addPropertyOverride('Revision', revision);
    // If the provider itself dies (its own 15-minute limit), CloudFormation would wait an hour for an answer; give
    // up shortly after the run must have ended instead.
    cfn.addPropertyOverride('ServiceTimeout', String(timeout.toSeconds() + PROVIDER_START_SLACK_SECONDS));
  }
}
