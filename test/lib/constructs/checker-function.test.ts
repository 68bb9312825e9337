import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, type AssetStaging } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ENV, METRICS } from '../../../contract/environment';
import { READ_PERMISSIONS } from '../../../contract/permissions';
import { CheckerFunction, type CheckerFunctionProps } from '../../../lib/constructs/checker-function';
import {
  arnOf,
  bareStack,
  ref,
  sortedActions,
  statementsOf,
  statementWithSid,
  STUB_ENTRY,
  viaServiceCondition,
} from './support';

type Options = Omit<CheckerFunctionProps, 'topic' | 'topicKey'>;

function build(options: Partial<Options> = {}) {
  const stack = bareStack();
  const topic = new sns.Topic(stack, 'Topic');
  const topicKey = new kms.Key(stack, 'Key');
  const checker = new CheckerFunction(stack, 'Checker', {
    topic,
    topicKey,
    thresholdDays: 7,
    warningDays: 30,
    regions: 'all',
    logRetention: logs.RetentionDays.ONE_MONTH,
    entry: STUB_ENTRY,
    ...options,
  });
  return { stack, topic, topicKey, checker, template: Template.fromStack(stack) };
}

/** The bundled handler module as staged for deployment. */
function bundledCode(checker: CheckerFunction): string {
  const staging = checker.function.node.findChild('Code').node.findChild('Stage') as AssetStaging;
  return fs.readFileSync(path.join(staging.absoluteStagedPath, 'index.mjs'), 'utf8');
}

describe('CheckerFunction defaults', () => {
  const built = build();

  test('ARM64, newest Node.js, 512 MB, 15 minutes, JSON logs to its own log group, no reservation', () => {
    const { template, checker } = built;
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 900,
      Role: arnOf(checker.role),
      LoggingConfig: {
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'WARN',
        LogGroup: ref(checker.logGroup),
      },
      ReservedConcurrentExecutions: Match.absent(),
    });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Delete' });
  });

  test('environment: the topic, thresholds and regions (contract names), the metrics service, source maps', () => {
    const { template, topic } = built;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          [ENV.topicArn]: ref(topic),
          [ENV.thresholdDays]: '7',
          [ENV.warningDays]: '30',
          [ENV.regions]: 'all',
          POWERTOOLS_SERVICE_NAME: METRICS.serviceName,
          POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  test('failed asynchronous runs: retried twice within an hour, then recorded in an encrypted queue', () => {
    const { template, checker, topicKey } = built;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(checker.function),
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(checker.failedRunsQueue) } },
    });
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: arnOf(topicKey),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
  });

  test('role: its logs, the read actions, publish to its topic, use the key, record failed runs; nothing else', () => {
    const { template, checker, topic, topicKey } = built;
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const statements = statementsOf(template, checker.role);
    expect(sortedActions(statements)).toEqual(
      [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        ...READ_PERMISSIONS.map((p) => p.action),
        'sns:Publish',
        'kms:GenerateDataKey',
        'kms:Decrypt',
        'sqs:SendMessage',
      ].sort(),
    );
    expect(statementWithSid(statements, 'WriteOwnLogs').Resource).toEqual(arnOf(checker.logGroup));
    expect(statementWithSid(statements, 'PublishAlert').Resource).toEqual(ref(topic));
    expect(statementWithSid(statements, 'UseAlertTopicKey').Resource).toEqual(arnOf(topicKey));
    expect(statementWithSid(statements, 'RecordFailedRuns').Resource).toEqual(arnOf(checker.failedRunsQueue));
  });

  test('the key only through SNS (publishing the alert) and SQS (the on-failure record), never directly', () => {
    const statements = statementsOf(built.template, built.checker.role);
    expect(statementWithSid(statements, 'UseAlertTopicKey')).toEqual({
      Sid: 'UseAlertTopicKey',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: arnOf(built.topicKey),
      Condition: viaServiceCondition('sns', 'sqs'),
    });
  });

  test('the AWS SDK is bundled into the artifact', () => {
    const code = bundledCode(build({ entry: 'test/lib/fixtures/sdk-handler.ts' }).checker);
    expect(code.length).toBeGreaterThan(100_000); // the client and its dependencies
    expect(code).not.toMatch(/from\s*"@aws-sdk\/client-sts"/);
  });
});

describe('CheckerFunction options', () => {
  test('memorySize, timeout, reservedConcurrentExecutions', () => {
    build({
      memorySize: 1024,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
    }).template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 300,
      ReservedConcurrentExecutions: 1,
    });
  });

  test('thresholds, regions and log retention from the props', () => {
    const { template } = build({
      thresholdDays: 14,
      warningDays: 0,
      regions: 'eu-west-1,us-east-1',
      logRetention: logs.RetentionDays.ONE_YEAR,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          [ENV.thresholdDays]: '14',
          [ENV.warningDays]: '0',
          [ENV.regions]: 'eu-west-1,us-east-1',
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  test('logRemovalPolicy', () => {
    build({ logRemovalPolicy: RemovalPolicy.RETAIN }).template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
    });
  });

  test('bundleAwsSdk: false leaves the SDK to the runtime', () => {
    const { checker } = build({ entry: 'test/lib/fixtures/sdk-handler.ts', bundleAwsSdk: false });
    const code = bundledCode(checker);
    expect(code).toMatch(/from\s*"@aws-sdk\/client-sts"/);
    expect(code.length).toBeLessThan(1_000);
  });
});
