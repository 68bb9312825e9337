import { App, Stack } from 'aws-cdk-lib';
import { viaServices } from '../../../lib/constructs/via-service';
import { bareStack } from './support';

describe('viaServices', () => {
  test('one service: a single name in the stack region', () => {
    const stack = new Stack(new App(), 'InRegion', { env: { account: '123456789012', region: 'eu-west-1' } });
    expect(viaServices(stack, 's3')).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
  });

  test('several services: any of them, in the order given', () => {
    const stack = new Stack(new App(), 'InRegion', { env: { account: '123456789012', region: 'ap-southeast-2' } });
    expect(viaServices(stack, 'sns', 'sqs')).toEqual({
      StringEquals: { 'kms:ViaService': ['sns.ap-southeast-2.amazonaws.com', 'sqs.ap-southeast-2.amazonaws.com'] },
    });
  });

  test('an environment-agnostic stack: the region is the deploy-time AWS::Region', () => {
    const stack = bareStack();
    expect(stack.resolve(viaServices(stack, 'sqs'))).toEqual({
      StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['sqs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
    });
  });
});
