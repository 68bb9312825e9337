import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { OrgFirstRun } from '../../../../lib/constructs/org/org-first-run';
import { logRetentionOfEachFunction } from '../../function-log-groups';
import { bareStack, ref } from '../support';

function build(revision: unknown) {
  const stack = bareStack();
  const stateMachine = new sfn.StateMachine(stack, 'Run', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
  });
  const topic = new sns.Topic(stack, 'Topic');
  const firstRun = new OrgFirstRun(stack, 'FirstRun', {
    stateMachine,
    executeAfter: [topic],
    revision,
    logRetention: logs.RetentionDays.ONE_MONTH,
  });
  return { stateMachine, template: Template.fromStack(stack), firstRun };
}

describe('OrgFirstRun', () => {
  const { template, firstRun, stateMachine } = build({ release: '1.0.0', config: { a: 1 } });

  test('starts the state machine once with {} as the schedule does, named by the revision, after its dependencies', () => {
    const [resource] = Object.values(template.findResources('Custom::AWS')) as {
      readonly Properties: { readonly Create: unknown; readonly Update: unknown };
      readonly DependsOn: string[];
    }[];
    const create = JSON.stringify(resource!.Properties.Create);
    expect(create).toContain('startExecution');
    expect(create).toContain(`\\"name\\":\\"${firstRun.executionName}\\"`);
    expect(create).toContain('\\"input\\":\\"{}\\"');
    expect(create).toContain('ExecutionAlreadyExists');
    expect(resource!.Properties.Update).toEqual(resource!.Properties.Create);
    expect(resource!.DependsOn.some((d) => d.startsWith('Topic'))).toBe(true);
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: string; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      expect.objectContaining({ Action: 'states:StartExecution', Resource: ref(stateMachine) }),
    ]);
  });

  test("CDK's AwsCustomResource function logs to a group with the given retention", () => {
    expect(Object.values(logRetentionOfEachFunction(template))).toEqual([30]);
  });

  test('a new revision is a new execution name; the same revision keeps it', () => {
    expect(build({ release: '1.0.1', config: { a: 1 } }).firstRun.executionName).not.toBe(firstRun.executionName);
    expect(build({ release: '1.0.0', config: { a: 1 } }).firstRun.executionName).toBe(firstRun.executionName);
  });
});
