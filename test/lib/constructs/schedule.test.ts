import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CheckerSchedule } from '../../../lib/constructs/schedule';

describe('CheckerSchedule target', () => {
  const setup = () => {
    const stack = new Stack(new App(), 'S');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler=1'),
    });
    const sm = new sfn.StateMachine(stack, 'Sm', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')),
    });
    return { stack, fn, sm, key: new kms.Key(stack, 'K') };
  };
  const base = { expression: 'rate(1 day)' };

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
