import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { OrgStateMachine, type OrgStateMachineProps } from '../../../../lib/constructs/org/org-state-machine';
import { bucketInterface } from '../../../../lib/constructs/bucket-interface';
import { arnOf, bareStack, inlineFunction, type Json, statementsOf, statementWithSid } from '../support';

/** The definition (Amazon States Language) with every reference in it replaced by a placeholder. */
interface Definition {
  readonly StartAt: string;
  readonly TimeoutSeconds: number;
  readonly States: Record<string, Json & { readonly MaxConcurrency?: number }>;
}

function build(
  options: Partial<Pick<OrgStateMachineProps, 'timeout' | 'accountConcurrency' | 'accountsPerBatch'>> = {},
) {
  const stack = bareStack();
  // As in cdk.json: without this flag CDK renders no ResultWriter at all (resultWriterV2 is ignored).
  stack.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
  const runDataKey = new kms.Key(stack, 'Key');
  const runData = bucketInterface(new s3.Bucket(stack, 'RunData', { encryptionKey: runDataKey }));
  const functions = {
    listAccounts: inlineFunction(stack, 'ListAccounts'),
    scanAccount: inlineFunction(stack, 'ScanAccount'),
    aggregate: inlineFunction(stack, 'Aggregate'),
  };
  const run = new OrgStateMachine(stack, 'Run', {
    ...functions,
    runData,
    runDataKey,
    accountConcurrency: 10,
    logRetention: logs.RetentionDays.ONE_MONTH,
    ...options,
  });
  const template = Template.fromStack(stack);
  const machine = (Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: Json })
    .Properties;
  const parts = (machine.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const definition = JSON.parse(
    parts.map((part) => (typeof part === 'string' ? part : 'reference')).join(''),
  ) as Definition;
  return { run, functions, runData, runDataKey, template, machine, definition };
}

describe('OrgStateMachine', () => {
  const built = build();

  test('a Standard workflow: every event logged to its own log group, without execution data; no X-Ray', () => {
    built.template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    expect(built.machine).toMatchObject({
      StateMachineType: 'STANDARD',
      RoleArn: arnOf(built.run.stateMachine.role),
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: arnOf(built.run.logGroup) } }],
      },
      TracingConfiguration: { Enabled: false },
    });
    built.template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Delete',
    });
  });

  test('ListAccounts -> ScanAccounts (Distributed Map, failures tolerated) -> Aggregate, 12 hours at most', () => {
    const { definition } = built;
    expect(definition.StartAt).toBe('ListAccounts');
    expect(definition.TimeoutSeconds).toBe(12 * 3600);
    expect(definition.States.ListAccounts).toMatchObject({
      Type: 'Task',
      Next: 'ScanAccounts',
      OutputPath: '$.Payload',
    });
    expect(definition.States.ScanAccounts).toMatchObject({
      Type: 'Map',
      Next: 'Aggregate',
      MaxConcurrency: 10,
      ToleratedFailurePercentage: 100,
      ResultPath: '$.results',
      ItemSelector: { 'runId.$': '$.runId', 'account.$': '$$.Map.Item.Value' },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    expect(definition.States.Aggregate).toMatchObject({ Type: 'Task', End: true, OutputPath: '$.Payload' });
  });

  test('accountConcurrency, accountsPerBatch and timeout', () => {
    const { definition } = build({ accountConcurrency: 40, accountsPerBatch: 20, timeout: Duration.hours(2) });
    expect(definition.States.ScanAccounts!.MaxConcurrency).toBe(40);
    expect(definition.States.ScanAccounts!.ItemBatcher).toEqual({ MaxItemsPerBatch: 20 });
    expect(definition.TimeoutSeconds).toBe(2 * 3600);
    // Without accountsPerBatch: the default batch.
    expect(built.definition.States.ScanAccounts!.ItemBatcher).toEqual({ MaxItemsPerBatch: 50 });
  });

  test('its role invokes the three functions and may use the run-data key (ItemReader, ResultWriter)', () => {
    const statements = statementsOf(built.template, built.run.stateMachine.role);
    expect(statementWithSid(statements, 'UseRunDataKey')).toEqual({
      Sid: 'UseRunDataKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: arnOf(built.runDataKey),
      // Only through S3 (the ItemReader's and ResultWriter's object reads and writes).
      Condition: {
        StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      },
    });
    const invoked = statements.filter((s) => s.Action === 'lambda:InvokeFunction').flatMap((s) => s.Resource);
    for (const fn of Object.values(built.functions)) expect(invoked).toContainEqual(arnOf(fn));
  });

  test('S3: the ItemReader reads only runs/<run>/accounts.json, the ResultWriter writes only under runs/<run>/results/', () => {
    const statements = statementsOf(built.template, built.run.stateMachine.role);
    const s3 = statements.filter((st) => JSON.stringify(st.Action).includes('s3:'));
    const objects = (key: string) => ({ 'Fn::Join': ['', [arnOf(built.runData), `/${key}`]] });
    expect(s3).toHaveLength(2);
    expect(s3).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: objects('runs/*/accounts.json') },
        {
          Effect: 'Allow',
          Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
          Resource: objects('runs/*/results/*'),
        },
      ]),
    );
    // Nothing on the whole bucket, nothing outside the run prefix.
    expect(JSON.stringify(s3)).not.toMatch(/"\/\*"/);
  });
});
