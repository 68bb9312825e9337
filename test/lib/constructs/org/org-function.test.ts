import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { OrgFunction, type OrgFunctionProps } from '../../../../lib/constructs/org/org-function';
import { arnOf, bareStack, ref, statementsOf, STUB_ENTRY } from '../support';

function build(options: Partial<OrgFunctionProps> = {}) {
  const stack = bareStack();
  const fn = new OrgFunction(stack, 'ListAccounts', {
    entry: STUB_ENTRY,
    description: 'Lists the accounts',
    environment: { RUN_DATA_BUCKET: 'bucket' },
    logRetention: logs.RetentionDays.ONE_WEEK,
    memorySize: 256,
    timeout: Duration.minutes(5),
    ...options,
  });
  return { fn, template: Template.fromStack(stack) };
}

describe('OrgFunction', () => {
  const built = build();

  test("the project's bundling: ARM64, newest Node.js, JSON logs to its own log group; the given size and timeout", () => {
    built.template.resourceCountIs('AWS::Lambda::Function', 1);
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Lists the accounts',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 300,
      Role: arnOf(built.fn.role),
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: ref(built.fn.logGroup) }),
    });
    built.template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 7 }, DeletionPolicy: 'Delete' });
  });

  test('its environment plus source maps', () => {
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { RUN_DATA_BUCKET: 'bucket', NODE_OPTIONS: '--enable-source-maps' } },
    });
  });

  test('a role described like the function, that can only write its own logs until granted more', () => {
    built.template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Lists the accounts',
      ManagedPolicyArns: Match.absent(),
    });
    expect(statementsOf(built.template, built.fn.role)).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(built.fn.logGroup),
      },
    ]);
  });

  test('logRemovalPolicy', () => {
    build({ logRemovalPolicy: RemovalPolicy.RETAIN }).template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
    });
  });
});
