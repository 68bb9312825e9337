import { createHash } from 'node:crypto';
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FirstRun, type FirstRunProps } from '../../../lib/constructs/first-run';
import { bareStack, inlineFunction, type Json } from './support';

function build(options: Partial<Omit<FirstRunProps, 'function' | 'executeAfter'>> = {}) {
  const stack = bareStack();
  const fn = inlineFunction(stack, 'Checker');
  const topic = new sns.Topic(stack, 'Topic');
  const firstRun = new FirstRun(stack, 'FirstRun', {
    function: fn,
    executeAfter: [topic],
    revision: { release: '1.0.0' },
    ...options,
  });
  const template = Template.fromStack(stack);
  const [id, trigger] = Object.entries(template.findResources('Custom::Trigger'))[0]!;
  return {
    stack,
    fn,
    topic,
    firstRun,
    template,
    trigger: { id, ...(trigger as { Properties: Json; DependsOn: string[] }) },
  };
}

describe('FirstRun', () => {
  test("invokes the function's current version synchronously, once per change of the function", () => {
    const { template, trigger } = build();
    template.resourceCountIs('Custom::Trigger', 1);
    const versions = Object.keys(template.findResources('AWS::Lambda::Version'));
    expect(versions).toHaveLength(1);
    expect(trigger.Properties).toMatchObject({
      HandlerArn: { Ref: versions[0] },
      InvocationType: 'RequestResponse',
      ExecuteOnHandlerChange: true,
    });
  });

  test('waits 15 minutes by default, and CloudFormation gives up 2 minutes after that', () => {
    expect(build().trigger.Properties).toMatchObject({ Timeout: String(900_000), ServiceTimeout: '1020' });
  });

  test('timeout: the wait and the service timeout follow it', () => {
    expect(build({ timeout: Duration.minutes(5) }).trigger.Properties).toMatchObject({
      Timeout: String(300_000),
      ServiceTimeout: '420',
    });
  });

  test('runs after everything in executeAfter', () => {
    const { stack, topic, trigger } = build();
    expect(trigger.DependsOn).toContain(stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic));
  });

  test('revision: a short hash of the value, which changes when the value does', () => {
    const revision = { release: '1.0.0' };
    const expected = createHash('sha256').update(JSON.stringify(revision)).digest('hex').slice(0, 16);
    expect(build({ revision }).trigger.Properties.Revision).toBe(expected);
    expect(build({ revision: { release: '1.0.1' } }).trigger.Properties.Revision).not.toBe(expected);
  });
});
