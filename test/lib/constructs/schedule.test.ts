import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CheckerSchedule, type CheckerScheduleProps } from '../../../lib/constructs/schedule';
import { arnOf, bareStack, inlineFunction, ref, sortedActions, statementsOf, viaServiceCondition } from './support';

const setup = () => {
  const stack = bareStack();
  const fn = inlineFunction(stack, 'Fn');
  const sm = new sfn.StateMachine(stack, 'Sm', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')),
  });
  return { stack, fn, sm, key: new kms.Key(stack, 'K') };
};
const base = { expression: 'rate(1 day)' };

/** A schedule of the function, with `options`. */
function build(options: Partial<CheckerScheduleProps> = {}) {
  const { stack, fn, key } = setup();
  const schedule = new CheckerSchedule(stack, 'Schedule', {
    expression: 'cron(0 8 * * ? *)',
    deadLetterKey: key,
    function: fn,
    ...options,
  });
  return { stack, fn, key, schedule, template: Template.fromStack(stack) };
}

describe('CheckerSchedule target', () => {
  test('exactly one of function and stateMachine', () => {
    const { stack, fn, sm, key } = setup();
    expect(() => new CheckerSchedule(stack, 'Neither', { ...base, deadLetterKey: key })).toThrow(
      'give exactly one of function and stateMachine',
    );
    expect(
      () => new CheckerSchedule(stack, 'Both', { ...base, deadLetterKey: key, function: fn, stateMachine: sm }),
    ).toThrow('give exactly one of function and stateMachine');
    expect(() => new CheckerSchedule(stack, 'Fn1', { ...base, deadLetterKey: key, function: fn })).not.toThrow();
    expect(() => new CheckerSchedule(stack, 'Sm1', { ...base, deadLetterKey: key, stateMachine: sm })).not.toThrow();
  });
});

describe('CheckerSchedule of the function', () => {
  test('the expression in UTC, no flexible window, two retries within an hour, then the dead-letter queue', () => {
    const { template, fn, schedule } = build();
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: arnOf(fn),
        RoleArn: arnOf(schedule.role),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: arnOf(schedule.deadLetterQueue) },
        // The run id: the scheduled time, which every retry of one invocation keeps (Scheduler fills it in).
        Input: '{"id":"<aws.scheduler.scheduled-time>"}',
      },
    });
  });

  test('the dead-letter queue: encrypted with the key, TLS only, only the scheduler role may send', () => {
    const { template, key, schedule } = build();
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: arnOf(key),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const policy = Object.values(template.findResources('AWS::SQS::QueuePolicy'))[0]!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        {
          Sid: 'AllowTheSchedulerRoleToDeadLetter',
          Effect: 'Allow',
          Principal: { AWS: arnOf(schedule.role) },
          Action: 'sqs:SendMessage',
          Resource: arnOf(schedule.deadLetterQueue),
        },
      ]),
    );
  });

  test("the role: assumed by Scheduler for this account's default group only; invokes the unqualified function, dead-letters", () => {
    const { template, fn, key, schedule } = build();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':scheduler:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ':schedule-group/default',
                    ],
                  ],
                },
              },
            },
          },
        ],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const statements = statementsOf(template, schedule.role);
    expect(sortedActions(statements)).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
    expect(statements.find((s) => s.Action === 'lambda:InvokeFunction')!.Resource).toEqual(arnOf(fn));
    expect(statements.find((s) => Array.isArray(s.Action))).toEqual({
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: arnOf(key),
      // Only through SQS: the dead-letter send.
      Condition: viaServiceCondition('sqs'),
    });
    expect(statements.find((s) => s.Action === 'sqs:SendMessage')!.Resource).toEqual(arnOf(schedule.deadLetterQueue));
  });

  test('timeZone, retryAttempts and maxEventAge', () => {
    build({
      timeZone: 'Europe/Paris',
      retryAttempts: 5,
      maxEventAge: Duration.hours(2),
    }).template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: { RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 7200 } },
    });
  });
});

describe('CheckerSchedule of a state machine', () => {
  test('starts it with {}; the role may start this state machine only (and dead-letter)', () => {
    const { stack } = setup();
    const sm = new sfn.StateMachine(stack, 'Run', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Step')),
    });
    const schedule = new CheckerSchedule(stack, 'Schedule', {
      expression: 'rate(1 day)',
      deadLetterKey: new kms.Key(stack, 'Key'),
      stateMachine: sm,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { Target: { Arn: ref(sm), Input: '{}' } });
    const statements = statementsOf(template, schedule.role);
    expect(sortedActions(statements)).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'sqs:SendMessage',
      'states:StartExecution',
    ]);
    expect(statements.find((s) => s.Action === 'states:StartExecution')!.Resource).toEqual(ref(sm));
  });
});
