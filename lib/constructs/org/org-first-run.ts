import { createHash } from 'node:crypto';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS_RULE } from '../../../contract/validation';
import { checkProps } from '../prop-checks';
import { awsCustomResourceLogGroup } from '../provider-logs';

export interface OrgFirstRunProps {
  /** The organization run; started once as the schedule would (input `{}`). */
  readonly stateMachine: sfn.IStateMachine;
  /** Everything the run needs (topics, subscriptions, Slack channel, member role, alarms); the start waits for them. */
  readonly executeAfter: readonly Construct[];
  /** What the run depends on: a change (configuration, release) starts it again. */
  readonly revision: unknown;
  /** Retention of the log group of CDK's AwsCustomResource function, which starts the run. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * Starts the organization run once during `cdk deploy` (an AwsCustomResource calling states:StartExecution), on
 * create and on every update that changes the `revision`, like the account stack's FirstRun. Unlike that one it does
 * not wait: a run over many accounts can outlast a custom resource, so the deployment proves only that the run
 * starts. A run that then fails rolls nothing back; the run's own alarms (failed, timed out, accounts not checked)
 * report it on the alarm topic within minutes, and the execution stays in the Step Functions console by its name.
 *
 * The execution is named `deploy-<revision>`: names are unique per state machine for 90 days, and a repeated start
 * with the same name answers ExecutionAlreadyExists, which is ignored, so a redeploy of the same revision does not
 * run twice (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
 */
export class OrgFirstRun extends Construct {
  /** The execution's name (also its run id in the run-data bucket). */
  public readonly executionName: string;

  constructor(scope: Construct, id: string, props: OrgFirstRunProps) {
    super(scope, id);
    checkProps(this, { logRetention: [props.logRetention, LOG_RETENTION_DAYS_RULE] });
    const revision = createHash('sha256').update(JSON.stringify(props.revision)).digest('hex').slice(0, 16);
    this.executionName = `deploy-${revision}`;
    const start: cr.AwsSdkCall = {
      service: 'SFN',
      action: 'startExecution',
      parameters: { stateMachineArn: props.stateMachine.stateMachineArn, name: this.executionName, input: '{}' },
      physicalResourceId: cr.PhysicalResourceId.of(this.executionName),
      ignoreErrorCodesMatching: 'ExecutionAlreadyExists',
    };
    const resource = new cr.AwsCustomResource(this, 'StartExecution', {
      onCreate: start,
      onUpdate: start,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['states:StartExecution'],
          resources: [props.stateMachine.stateMachineArn],
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup: awsCustomResourceLogGroup(this, props.logRetention),
    });
    for (const dependency of props.executeAfter) resource.node.addDependency(dependency);
  }
}
