import * as fs from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import validateAsl from 'asl-validator';
import { ENV, METRICS } from '../../contract/environment';
import { READ_PERMISSIONS } from '../../contract/permissions';
import { ORG_ENV, ORG_METRICS, ORGANIZATION_READ_ACTIONS } from '../../contract/organization';
import { testAlertCommand } from '../../contract/test-alert';
import type { AlertTopic } from '../../lib/constructs/alert-topic';
import { parseConfig } from '../../lib/config';
import { HUB_ROLE_ARN_PARAMETER } from '../../lib/constructs/org/member-role-template';
import { describeNagClean, keyGrants, logicalIdOf, normaliseAssetHashes, statementsOfRole } from './synth-monitor';
import { logRetentionOfEachFunction } from './function-log-groups';
import { type SynthesizedOrgMonitor, synthOrgMonitor } from './synth-org-monitor';

type Json = Record<string, unknown>;

/** An IAM policy statement, as synthesized. */
interface Statement extends Json {
  readonly Effect: string;
  readonly Action: string | string[];
}

/** A resource of the template; each test states the shape of the properties it reads. */
interface Resource<P = Json> {
  readonly Type: string;
  readonly Properties: P;
}

interface StackSetProperties {
  readonly CallAs: string;
  readonly StackInstancesGroup: { readonly DeploymentTargets: Json }[];
  readonly Parameters: unknown;
  readonly TemplateBody: string;
  readonly TemplateURL?: string;
}

/** The member role template (the StackSet's TemplateBody). */
interface MemberRoleTemplateBody {
  readonly Parameters: Json;
  readonly Resources: Record<
    string,
    Resource<{
      readonly RoleName: string;
      readonly AssumeRolePolicyDocument: { readonly Statement: Statement[] };
      readonly ManagedPolicyArns?: unknown;
      readonly Policies: { readonly PolicyDocument: { readonly Statement: Statement[] } }[];
    }>
  >;
}

/** The state machine definition (Amazon States Language), as far as the tests read it. */
interface TaskState extends Json {
  readonly Parameters: Json & { readonly FunctionName?: string };
  readonly Retry: (Json & { readonly ErrorEquals: string[] })[];
}
interface MapState extends Json {
  ToleratedFailurePercentage: number;
  readonly MaxConcurrency: number;
  readonly ItemBatcher: Json;
  readonly ItemProcessor: { readonly ProcessorConfig: Json; readonly States: { readonly ScanAccount: TaskState } };
}
interface StateMachineDefinition {
  readonly StartAt: string;
  readonly TimeoutSeconds: number;
  readonly States: { readonly ListAccounts: TaskState; readonly ScanAccounts: MapState; readonly Aggregate: TaskState };
}

let defaults: SynthesizedOrgMonitor;
let custom: SynthesizedOrgMonitor;

beforeAll(() => {
  defaults = synthOrgMonitor(
    { organizationalUnits: 'r-ab12', alertEmails: 'ops@example.com' },
    { cloudFormationValidation: true },
  );
  custom = synthOrgMonitor({
    organizationalUnits: 'ou-ab12-11111111,ou-ab12-22222222',
    memberRoleName: 'CertReader',
    excludeAccounts: '999999999999',
    accountConcurrency: '120',
    accountsPerBatch: '25',
    lambdaConcurrencyQuota: '3000',
    accountAlertEmails: '{"111111111111":"team-a@example.com,shared@example.com","222222222222":"shared@example.com"}',
    deployedAs: 'delegatedAdmin',
    runDataRetentionDays: '7',
    alertEmails: 'ops@example.com',
    slackWorkspaceId: 'T0123ABCD',
    slackChannelId: 'C0123ABCD',
    schedule: 'cron(30 6 ? * MON-FRI *)',
    logRetentionDays: '30',
  });
});

afterAll(() => {
  for (const s of [defaults, custom]) if (s) fs.rmSync(s.outdir, { recursive: true, force: true });
});

const resources = <P = Json>(s: SynthesizedOrgMonitor, type: string): Resource<P>[] =>
  Object.values(s.template.findResources(type)) as Resource<P>[];
const only = <P = Json>(s: SynthesizedOrgMonitor, type: string): Resource<P> => {
  const found = resources<P>(s, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const idOf = (s: SynthesizedOrgMonitor, construct: object) => logicalIdOf(s.stack as never, construct);
const actionsOf = (s: Json): string[] => (Array.isArray(s.Action) ? (s.Action as string[]) : [s.Action as string]);
const sortedActions = (statements: Json[]) => statements.flatMap(actionsOf).sort();

describe('member role StackSet', () => {
  // How the StackSet deploys (service-managed, auto-deployed, failures tolerated) is MemberRoleStackSet's.
  test('management account by default (CallAs SELF), one region, the configured OUs', () => {
    const stackSet = only<StackSetProperties>(defaults, 'AWS::CloudFormation::StackSet').Properties;
    expect(stackSet).toMatchObject({
      CallAs: 'SELF',
      StackInstancesGroup: [
        { Regions: [{ Ref: 'AWS::Region' }], DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'] } },
      ],
    });
    expect(stackSet.StackInstancesGroup[0].DeploymentTargets.AccountFilterType).toBeUndefined();
    expect(stackSet.TemplateURL).toBeUndefined();
  });

  test('delegated administrator: CallAs DELEGATED_ADMIN; excluded accounts get no role', () => {
    const stackSet = only<StackSetProperties>(custom, 'AWS::CloudFormation::StackSet').Properties;
    expect(stackSet.CallAs).toBe('DELEGATED_ADMIN');
    expect(stackSet.StackInstancesGroup).toEqual([
      {
        Regions: [{ Ref: 'AWS::Region' }],
        DeploymentTargets: {
          OrganizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'],
          AccountFilterType: 'DIFFERENCE',
          Accounts: ['999999999999'],
        },
      },
    ]);
  });

  test("passes the hub's scanning role ARN as the template's only parameter", () => {
    const stackSet = only<StackSetProperties>(defaults, 'AWS::CloudFormation::StackSet').Properties;
    expect(stackSet.Parameters).toEqual([
      {
        ParameterKey: HUB_ROLE_ARN_PARAMETER,
        ParameterValue: { 'Fn::GetAtt': [idOf(defaults, defaults.stack.monitor.scanAccount.role), 'Arn'] },
      },
    ]);
  });

  describe('the member role template', () => {
    const body = (s: SynthesizedOrgMonitor): MemberRoleTemplateBody =>
      JSON.parse(only<StackSetProperties>(s, 'AWS::CloudFormation::StackSet').Properties.TemplateBody);

    test('a plain template: one IAM role, no assets, no CDK bootstrap parameter', () => {
      const template = body(defaults);
      expect(Object.values(template.Resources).map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
      expect(Object.keys(template.Parameters)).toEqual([HUB_ROLE_ARN_PARAMETER]);
      expect(JSON.stringify(template)).not.toMatch(/BootstrapVersion|cdk-hnb659fds|AssetParameters|S3Bucket/);
    });

    test('named from memberRoleName (default IamCertExpiryMonitorReader)', () => {
      expect(body(defaults).Resources.ReaderRole.Properties.RoleName).toBe('IamCertExpiryMonitorReader');
      expect(body(custom).Resources.ReaderRole.Properties.RoleName).toBe('CertReader');
    });

    test("trusts only the hub's scanning role, by ARN", () => {
      expect(body(defaults).Resources.ReaderRole.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { AWS: { Ref: HUB_ROLE_ARN_PARAMETER } }, Action: 'sts:AssumeRole' },
      ]);
    });

    test('allows exactly the read actions of the scan, scoped as READ_PERMISSIONS says, and nothing else', () => {
      const role = body(defaults).Resources.ReaderRole.Properties;
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.Policies).toHaveLength(1);
      const statements: Statement[] = role.Policies[0]!.PolicyDocument.Statement;
      expect(sortedActions(statements)).toEqual(READ_PERMISSIONS.map((p) => p.action).sort());
      for (const permission of READ_PERMISSIONS) {
        const holder = statements.find((s) => actionsOf(s).includes(permission.action))!;
        // The member account's own certificates: AWS::AccountId resolves in the member account.
        const expected = {
          '*': '*',
          'server-certificate': { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:server-certificate/*' },
          'acm-certificate': { 'Fn::Sub': 'arn:${AWS::Partition}:acm:*:${AWS::AccountId}:certificate/*' },
        };
        expect(holder.Resource).toEqual(expected[permission.resource]);
      }
      expect(statements.every((s) => s.Effect === 'Allow' && !s.Condition)).toBe(true);
      expect(JSON.stringify(statements)).not.toMatch(/sns:|kms:|logs:|s3:|sts:/);
    });
  });
});

describe('hub roles: the actions of grantHubPermissions, nothing more', () => {
  const statements = (s: SynthesizedOrgMonitor, role: object) => statementsOfRole(s.template, idOf(s, role));
  const runObjects = (s: SynthesizedOrgMonitor) => ({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [idOf(s, s.stack.monitor.runData.bucket), 'Arn'] }, '/runs/*']],
  });
  const runKey = (s: SynthesizedOrgMonitor) => ({ 'Fn::GetAtt': [idOf(s, s.stack.monitor.runData.key), 'Arn'] });
  const ownLogs = ['logs:CreateLogStream', 'logs:PutLogEvents'];

  test('list accounts: the Organizations read calls, write run data, its logs', () => {
    const granted = statements(defaults, defaults.stack.monitor.listAccounts.role);
    expect(sortedActions(granted)).toEqual(
      [...ORGANIZATION_READ_ACTIONS, 's3:PutObject', 'kms:GenerateDataKey', ...ownLogs].sort(),
    );
    expect(granted.find((s) => s.Action === 's3:PutObject')!.Resource).toEqual(runObjects(defaults));
    expect(granted.find((s) => s.Action === 'kms:GenerateDataKey')!.Resource).toEqual(runKey(defaults));
  });

  test("scan account: sts:AssumeRole on the member role in this organization's accounts only, the read actions in its own account", () => {
    const granted = statements(custom, custom.stack.monitor.scanAccount.role);
    expect(sortedActions(granted)).toEqual(
      [
        'sts:AssumeRole',
        ...READ_PERMISSIONS.map((p) => p.action),
        's3:PutObject',
        'kms:GenerateDataKey',
        ...ownLogs,
      ].sort(),
    );
    const assume = granted.find((s) => s.Action === 'sts:AssumeRole')!;
    expect(assume.Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/CertReader']],
    });
    expect(assume.Condition).toEqual({
      StringEquals: {
        'aws:ResourceOrgID': {
          'Fn::GetAtt': [
            idOf(custom, custom.stack.monitor.node.findChild('OrganizationId').node.findChild('DescribeOrganization')),
            'Organization.Id',
          ],
        },
      },
    });
    const certificates = granted.find((s) => actionsOf(s).includes('iam:ListServerCertificateTags'))!;
    expect(certificates.Resource).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':server-certificate/*'],
      ],
    });
  });

  test('the organization id comes from organizations:DescribeOrganization at deploy time', () => {
    const calls = resources<{ readonly Create: unknown }>(defaults, 'Custom::AWS').map((r) => r.Properties.Create);
    const describe = calls.find((c): c is string => typeof c === 'string' && c.includes('describeOrganization'));
    expect(JSON.parse(describe!)).toMatchObject({ service: 'Organizations', action: 'describeOrganization' });
    // The custom resources' provider (one per stack) holds these two and nothing else.
    const policy = statementsOfRole(
      defaults.template,
      Object.keys(defaults.template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('AWS679'))!,
    );
    expect(sortedActions(policy)).toEqual(['organizations:DescribeOrganization', 'states:StartExecution']);
  });

  // The organization stack runs once at deploy time, like the account stack.
  test('a deploy starts the run once, after everything it needs, named by the revision', () => {
    const start = (s: SynthesizedOrgMonitor) => {
      const found = resources<{ readonly Create: Json }>(s, 'Custom::AWS').filter((r) =>
        JSON.stringify(r.Properties.Create).includes('startExecution'),
      );
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    const resource = start(defaults);
    const create = JSON.stringify(resource.Properties.Create);
    expect(create).toContain(JSON.stringify({ Ref: idOf(defaults, defaults.stack.monitor.run.stateMachine) }));
    expect(create).toContain(defaults.stack.monitor.firstRun.executionName);
    expect(defaults.stack.monitor.firstRun.executionName).toMatch(/^deploy-[0-9a-f]{16}$/);
    expect(create).toContain('ExecutionAlreadyExists');
    const dependsOn = (resource as unknown as { readonly DependsOn: string[] }).DependsOn;
    // The member role StackSet, the alarms, the alert topic and its subscriptions, the schedule (construct ids).
    for (const prefix of ['MemberRole', 'RunAlarms', 'AlertsTopic', 'Schedule'])
      expect(dependsOn.some((d) => d.startsWith(prefix))).toBe(true);
    expect(custom.stack.monitor.firstRun.executionName).not.toBe(defaults.stack.monitor.firstRun.executionName);
    const policy = statementsOfRole(
      defaults.template,
      Object.keys(defaults.template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('AWS679'))!,
    );
    expect(policy.find((p) => p.Action === 'states:StartExecution')!.Resource).toEqual({
      Ref: idOf(defaults, defaults.stack.monitor.run.stateMachine),
    });
  });

  test('aggregate: read run data, publish to the alert topic with its key; no Organizations, no STS, no writes', () => {
    const granted = statements(defaults, defaults.stack.monitor.aggregate.role);
    expect(sortedActions(granted)).toEqual(
      ['s3:GetObject', 'kms:Decrypt', 'sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt', ...ownLogs].sort(),
    );
    expect(granted.find((s) => s.Action === 's3:GetObject')!.Resource).toEqual(runObjects(defaults));
    expect(granted.find((s) => s.Action === 'sns:Publish')!.Resource).toEqual({
      Ref: idOf(defaults, defaults.stack.monitor.alerts.topic),
    });
  });

  test('no role of the run has a managed policy', () => {
    for (const role of [
      defaults.stack.monitor.listAccounts.role,
      defaults.stack.monitor.scanAccount.role,
      defaults.stack.monitor.aggregate.role,
    ]) {
      expect(defaults.template.toJSON().Resources[idOf(defaults, role)].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('customer-managed keys: every role uses them only through the service they are for', () => {
  const sorted = (s: SynthesizedOrgMonitor) =>
    keyGrants(s.template)
      .map((g) => JSON.stringify(g))
      .sort()
      .map((g) => JSON.parse(g) as unknown);
  const runData = (actions: string[]) => ({ actions, viaServices: ['s3'] });
  const topic = { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], viaServices: ['sns'] };
  const common = [
    runData(['kms:GenerateDataKey']), // list accounts: the account list
    runData(['kms:GenerateDataKey']), // scan account: large reports
    runData(['kms:Decrypt']), // aggregate: reads it all
    runData(['kms:Decrypt', 'kms:GenerateDataKey']), // state machine: ItemReader, ResultWriter
    topic, // aggregate: the alert topic
    { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], viaServices: ['sqs'] }, // scheduler: its dead-letter queue
  ];
  const expected = (...extra: object[]) =>
    [...common, ...extra]
      .map((g) => JSON.stringify(g))
      .sort()
      .map((g) => JSON.parse(g) as unknown);

  test('defaults: run data through S3, the alert topic through SNS, the dead-letter queue through SQS; nothing else', () => {
    expect(sorted(defaults)).toEqual(expected());
  });

  test('with Slack: the chat digest topic key through SNS too', () => {
    expect(sorted(custom)).toEqual(expected(topic));
  });
});

describe('functions', () => {
  const fn = (s: SynthesizedOrgMonitor, construct: { function: object }) =>
    s.template.toJSON().Resources[idOf(s, construct.function)].Properties;

  test('bundled like the checker: ARM64, newest Node.js, JSON logs to their own log group', () => {
    for (const f of [
      defaults.stack.monitor.listAccounts,
      defaults.stack.monitor.scanAccount,
      defaults.stack.monitor.aggregate,
    ]) {
      expect(fn(defaults, f)).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: idOf(defaults, f.logGroup) } },
      });
    }
    expect(fn(defaults, defaults.stack.monitor.scanAccount)).toMatchObject({ Timeout: 900, MemorySize: 512 });
  });

  test('environment: ENV + ORG_ENV from the config, the organization metrics service', () => {
    const { template, stack } = custom;
    expect(fn(custom, stack.monitor.listAccounts).Environment.Variables).toEqual({
      [ENV.topicArn]: { Ref: idOf(custom, stack.monitor.alerts.topic) },
      [ENV.thresholdDays]: '7',
      [ENV.warningDays]: '30',
      [ENV.maxSnoozeDays]: '90',
      [ENV.regions]: 'all',
      [ORG_ENV.runDataBucket]: { Ref: idOf(custom, stack.monitor.runData.bucket) },
      [ORG_ENV.organizationalUnits]: 'ou-ab12-11111111,ou-ab12-22222222',
      [ORG_ENV.excludeAccounts]: '999999999999',
      [ORG_ENV.memberRoleName]: 'CertReader',
      // With Slack: the digest-only topic the channel reads.
      [ORG_ENV.chatDigestTopicArn]: { Ref: idOf(custom, stack.monitor.chatDigest!.topic) },
      POWERTOOLS_SERVICE_NAME: ORG_METRICS.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(fn(custom, stack.monitor.aggregate).Environment).toEqual(fn(custom, stack.monitor.scanAccount).Environment);
    expect(template.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 } })).not.toEqual({});
  });

  test.each([
    ['defaults', 90],
    ['custom', 30],
  ] as const)(
    "%s: every function, CDK's custom resource providers included, logs to a group of the stack kept %i days",
    (which, days) => {
      const s = { defaults, custom }[which];
      const functions = logRetentionOfEachFunction(s.template);
      // The run's three, the AwsCustomResource function (organization id, first run), the bucket's auto-delete.
      expect(Object.keys(functions)).toHaveLength(5);
      expect(Object.keys(functions)).toEqual(
        expect.arrayContaining([
          ...[s.stack.monitor.listAccounts, s.stack.monitor.scanAccount, s.stack.monitor.aggregate].map((f) =>
            idOf(s, f.function),
          ),
          expect.stringMatching(/^AWS679f53fac002430cb0da5b7982bd2287/),
          expect.stringMatching(/^CustomS3AutoDeleteObjectsCustomResourceProvider/),
        ]),
      );
      expect(Object.values(functions)).toEqual([days, days, days, days, days]);
    },
  );
});

describe('state machine', () => {
  let definition: StateMachineDefinition;
  beforeAll(() => {
    definition = resolvedDefinition(defaults.template);
  });

  // Workflow type, logging, tracing and time limit are OrgStateMachine's (its construct test).
  test('ListAccounts -> ScanAccounts (Distributed Map) -> Aggregate', () => {
    expect(definition.StartAt).toBe('ListAccounts');
    expect(definition.States.ListAccounts).toMatchObject({
      Type: 'Task',
      Next: 'ScanAccounts',
      OutputPath: '$.Payload',
      Parameters: { Payload: { 'runId.$': '$$.Execution.Name' } },
    });
    expect(definition.States.ScanAccounts).toMatchObject({ Type: 'Map', Next: 'Aggregate', ResultPath: '$.results' });
    expect(definition.States.Aggregate).toMatchObject({
      Type: 'Task',
      End: true,
      OutputPath: '$.Payload',
      Parameters: { 'Payload.$': '$' },
    });
    expect(definition.States.Aggregate.Parameters.FunctionName).toContain(
      idOf(defaults, defaults.stack.monitor.aggregate.function),
    );
  });

  test('the Map: ItemReader on the listed accounts, the contract ItemSelector, batches, MaxConcurrency, 100 % tolerated failure, ResultWriter', () => {
    const map = definition.States.ScanAccounts;
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { Bucket: 'run-data-bucket', 'Key.$': '$.accounts.key' },
    });
    expect(map.ItemSelector).toEqual({ 'runId.$': '$.runId', 'account.$': '$$.Map.Item.Value' });
    // Batches of 50 accounts ({ Items: [...] }), 40 batches (scan invocations) at once: the defaults.
    expect(map.ItemBatcher).toEqual({ MaxItemsPerBatch: 50 });
    expect(map.MaxConcurrency).toBe(40);
    expect(map.ToleratedFailurePercentage).toBe(100);
    expect(map.ResultWriter).toEqual({
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'run-data-bucket', 'Prefix.$': "States.Format('runs/{}/results', $.runId)" },
    });
    expect(map.ItemProcessor.States.ScanAccount).toMatchObject({ Type: 'Task', End: true, OutputPath: '$.Payload' });
    const customMap = resolvedDefinition(custom.template).States.ScanAccounts;
    expect([customMap.MaxConcurrency, customMap.ItemBatcher]).toEqual([120, { MaxItemsPerBatch: 25 }]);
  });

  test('a batch that fails as a whole (its invocation, after the Lambda retries) is retried once, and only once', () => {
    const retry = definition.States.ScanAccounts.ItemProcessor.States.ScanAccount.Retry;
    // ASL: States.ALL only in the last retrier, which catches what the ones before it do not name.
    expect(retry.at(-1)).toEqual({
      ErrorEquals: ['States.ALL'],
      IntervalSeconds: 5,
      MaxAttempts: 1,
      JitterStrategy: 'FULL',
    });
    expect(retry.slice(0, -1).flatMap((r) => r.ErrorEquals)).not.toContain('States.ALL');
    // The other steps are not retried on any error: a retried aggregate step could publish twice.
    for (const task of [definition.States.ListAccounts, definition.States.Aggregate])
      expect(task.Retry.flatMap((r) => r.ErrorEquals)).not.toContain('States.ALL');
  });

  test('batch settings are validated at synth against the assumed Lambda concurrency quota, naming the keys', () => {
    const org = (context: Record<string, string>) => () =>
      parseConfig({ deployment: 'organization', organizationalUnits: 'r-ab12', ...context });
    expect(org({ accountConcurrency: '600' })).toThrow(
      /accountConcurrency: expected at most 500 \(half of the default regional quota 1000/,
    );
    expect(org({ accountConcurrency: '600', lambdaConcurrencyQuota: '1200' })).not.toThrow();
    expect(org({ accountsPerBatch: '500' })).toThrow(
      'accountsPerBatch: expected a whole number from 1 to 200, got "500"',
    );
  });

  test('every Lambda step retries Lambda service errors and throttling', () => {
    const tasks = [
      definition.States.ListAccounts,
      definition.States.ScanAccounts.ItemProcessor.States.ScanAccount,
      definition.States.Aggregate,
    ];
    for (const task of tasks) {
      const retried = task.Retry.flatMap((r) => r.ErrorEquals);
      expect(retried).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']));
    }
  });

  test('asl-validator accepts the definition (Distributed Map fields included)', () => {
    const result = validateAsl(definition, { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  test('asl-validator is not a rubber stamp: it rejects a Map with an unknown field or a bad tolerated failure', () => {
    const broken = JSON.parse(JSON.stringify(definition)) as StateMachineDefinition;
    broken.States.ScanAccounts.ToleratedFailurePercentage = 101;
    expect(validateAsl(broken).isValid).toBe(false);
    const unknownField = JSON.parse(JSON.stringify(definition)) as StateMachineDefinition;
    unknownField.States.ScanAccounts.ItemReaderX = {};
    expect(validateAsl(unknownField).isValid).toBe(false);
  });

  test('role: invoke the three functions, the Map S3 and key actions, start/describe/stop its own child executions', () => {
    const { stack, template } = defaults;
    const granted = statementsOfRole(template, idOf(defaults, stack.monitor.run.stateMachine.role));
    const invoked = granted.filter((s) => s.Action === 'lambda:InvokeFunction').flatMap((s) => s.Resource);
    for (const f of [stack.monitor.listAccounts, stack.monitor.scanAccount, stack.monitor.aggregate])
      expect(invoked).toContainEqual({ 'Fn::GetAtt': [idOf(defaults, f.function), 'Arn'] });
    expect(sortedActions(granted)).toEqual(
      expect.arrayContaining([
        's3:GetObject',
        's3:PutObject',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'states:StartExecution',
        'states:DescribeExecution',
        'states:StopExecution',
      ]),
    );
    const startExecution = granted.find((s) => s.Action === 'states:StartExecution')!;
    expect(startExecution.Resource).toEqual({ Ref: idOf(defaults, stack.monitor.run.stateMachine) });
    expect(sortedActions(granted).filter((a) => /^(sns|sts|organizations|iam):/.test(a))).toEqual([]);
  });
});

describe('schedule', () => {
  // Retries, dead letters and the role's one action are CheckerSchedule's (its construct test).
  test('starts the state machine on the configured schedule', () => {
    const { template, stack } = custom;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 6 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'UTC',
      Target: { Arn: { Ref: idOf(custom, stack.monitor.run.stateMachine) } },
    });
  });
});

describe('run-data bucket', () => {
  // Encryption, TLS, public access and the lifecycle rule are RunDataBucket's (its construct test).
  test('run data expires after runDataRetentionDays (default 30)', () => {
    const expiration = (s: SynthesizedOrgMonitor) =>
      s.template.toJSON().Resources[idOf(s, s.stack.monitor.runData.bucket)].Properties.LifecycleConfiguration.Rules[0]
        .ExpirationInDays;
    expect(expiration(custom)).toBe(7);
    expect(expiration(defaults)).toBe(30);
  });
});

describe('topics and subscriptions', () => {
  const subscriptions = (s: SynthesizedOrgMonitor) =>
    resources<{ readonly TopicArn: { readonly Ref: string }; readonly Endpoint: string; readonly FilterPolicy?: Json }>(
      s,
      'AWS::SNS::Subscription',
    ).map((r) => ({
      topic: r.Properties.TopicArn.Ref,
      endpoint: r.Properties.Endpoint,
      filter: r.Properties.FilterPolicy,
    }));

  test('alertEmails: the digest only on the alert topic (scope=organization), every alarm unfiltered on the alarm topic', () => {
    const { stack } = defaults;
    expect(subscriptions(defaults)).toEqual(
      expect.arrayContaining([
        {
          topic: idOf(defaults, stack.monitor.alerts.topic),
          endpoint: 'ops@example.com',
          filter: { scope: ['organization'] },
        },
        { topic: idOf(defaults, stack.monitor.alarmTopic.topic), endpoint: 'ops@example.com', filter: undefined },
      ]),
    );
    expect(subscriptions(defaults)).toHaveLength(2);
  });

  test('accountAlertEmails: one subscription per address, filtered to scope=account and its accounts', () => {
    const alerts = idOf(custom, custom.stack.monitor.alerts.topic);
    const accountSubscriptions = subscriptions(custom).filter(
      (s) => s.topic === alerts && s.endpoint !== 'ops@example.com',
    );
    expect(accountSubscriptions.sort((a, b) => a.endpoint.localeCompare(b.endpoint))).toEqual([
      {
        topic: alerts,
        endpoint: 'shared@example.com',
        filter: { scope: ['account'], account: ['111111111111', '222222222222'] },
      },
      { topic: alerts, endpoint: 'team-a@example.com', filter: { scope: ['account'], account: ['111111111111'] } },
    ]);
  });

  // Chatbot takes whole topics (no filter policy), so Slack reads a digest-only topic, not the alert topic.
  test('Slack gets the digest-only topic and the alarm topic through one Chatbot channel, never the alert topic', () => {
    const { stack } = custom;
    const channel = only(custom, 'AWS::Chatbot::SlackChannelConfiguration').Properties;
    // The two topics, in either order (Chatbot reads a set of topics).
    expect(channel.SnsTopicArns).toHaveLength(2);
    expect(channel.SnsTopicArns).toEqual(
      expect.arrayContaining([
        { Ref: idOf(custom, stack.monitor.chatDigest!.topic) },
        { Ref: idOf(custom, stack.monitor.alarmTopic.topic) },
      ]),
    );
    const variables = resources<{ readonly Environment?: { readonly Variables?: Json } }>(
      custom,
      'AWS::Lambda::Function',
    ).map((f) => f.Properties.Environment?.Variables ?? {});
    expect(
      variables.filter((v) => v.CHAT_DIGEST_TOPIC_ARN !== undefined).map((v) => v.CHAT_DIGEST_TOPIC_ARN),
    ).toContainEqual({ Ref: idOf(custom, stack.monitor.chatDigest!.topic) });
    expect(defaults.stack.monitor.chatDigest).toBeUndefined();
  });

  test('both topics encrypted with rotating customer-managed keys, TLS only', () => {
    for (const topic of resources(defaults, 'AWS::SNS::Topic')) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const policy of resources<{ readonly PolicyDocument: { readonly Statement: Statement[] } }>(
      defaults,
      'AWS::SNS::TopicPolicy',
    )) {
      expect(policy.Properties.PolicyDocument.Statement[0]).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    }
  });
  test('only the alarm topic admits CloudWatch alarms (topic and key policy); the alert and chat digest topics admit no service', () => {
    const { stack } = custom;
    const json = custom.template.toJSON().Resources as Record<string, Resource<Json>>;
    /** The service principals a topic's policy and its key's policy admit. */
    const servicesOf = (alertTopic: AlertTopic) => {
      const topicPolicy = json[idOf(custom, alertTopic.topic.node.findChild('Policy'))]!.Properties as {
        PolicyDocument: { Statement: Statement[] };
      };
      const keyPolicy = json[idOf(custom, alertTopic.key)]!.Properties as { KeyPolicy: { Statement: Statement[] } };
      const services = (statements: Statement[]) =>
        statements.flatMap((st) => (st.Principal as { Service?: string } | undefined)?.Service ?? []);
      return { topic: services(topicPolicy.PolicyDocument.Statement), key: services(keyPolicy.KeyPolicy.Statement) };
    };
    const cloudWatch = ['cloudwatch.amazonaws.com'];
    expect(servicesOf(stack.monitor.alarmTopic)).toEqual({ topic: cloudWatch, key: cloudWatch });
    expect(servicesOf(stack.monitor.alerts)).toEqual({ topic: [], key: [] });
    expect(servicesOf(stack.monitor.chatDigest!)).toEqual({ topic: [], key: [] });
  });
});

describe('alarms', () => {
  const alarms = (s: SynthesizedOrgMonitor) => resources(s, 'AWS::CloudWatch::Alarm').map((a) => a.Properties);
  const alarmOn = (s: SynthesizedOrgMonitor, metricName: string) => {
    const found = alarms(s).filter((a) => a.MetricName === metricName);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  test('eight alarms, all to the alarm topic', () => {
    expect(alarms(defaults)).toHaveLength(8);
    for (const alarm of alarms(defaults))
      expect(alarm.AlarmActions).toEqual([{ Ref: idOf(defaults, defaults.stack.monitor.alarmTopic.topic) }]);
  });

  test.each(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'])(
    '%s >= 1 on the state machine',
    (metricName) => {
      expect(alarmOn(defaults, metricName)).toMatchObject({
        Namespace: 'AWS/States',
        Dimensions: [
          { Name: 'StateMachineArn', Value: { Ref: idOf(defaults, defaults.stack.monitor.run.stateMachine) } },
        ],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );

  test('AccountsNotChecked >= 1', () => {
    expect(alarmOn(defaults, ORG_METRICS.accountsNotChecked)).toMatchObject({
      Namespace: METRICS.namespace,
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test('AccountsPartlyChecked >= 1, on the alarm topic', () => {
    const alarm = alarmOn(defaults, ORG_METRICS.accountsPartlyChecked);
    expect(alarm).toMatchObject({
      Namespace: METRICS.namespace,
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: idOf(defaults, defaults.stack.monitor.alarmTopic.topic) }],
    });
  });

  test('heartbeat on completed organization runs: missing data breaches, window from the schedule', () => {
    expect(alarmOn(defaults, ORG_METRICS.runCompleted)).toMatchObject({
      Namespace: METRICS.namespace,
      Dimensions: [{ Name: 'service', Value: ORG_METRICS.serviceName }],
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      EvaluationPeriods: 26,
    });
    expect(alarmOn(custom, ORG_METRICS.runCompleted)).toMatchObject({ EvaluationPeriods: 74 });
  });

  test('the schedule dead-letter queue has a message', () => {
    expect(alarmOn(defaults, 'ApproximateNumberOfMessagesVisible').AlarmDescription).toEqual(
      expect.objectContaining({
        'Fn::Join': expect.arrayContaining([
          expect.arrayContaining([expect.stringContaining('could not start the organization run')]),
        ]),
      }),
    );
  });
});

describe('outputs', () => {
  test('the test alert command: the aggregate function by name, in the stack region, with the test payload', () => {
    const value = defaults.template.toJSON().Outputs.TestAlertCommand.Value as { 'Fn::Join': [string, unknown[]] };
    const names: Record<string, string> = {
      [idOf(defaults, defaults.stack.monitor.aggregate.function)]: 'aggregate-fn',
      'AWS::Region': 'eu-west-1',
    };
    const command = value['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : names[(part as { Ref: string }).Ref]))
      .join(value['Fn::Join'][0]);
    expect(command).toBe(testAlertCommand('aggregate-fn', 'eu-west-1'));
  });
});

describeNagClean(() => ({ defaults, custom }));

test('template snapshot (asset hashes normalised)', () => {
  expect(normaliseAssetHashes(defaults.template.toJSON())).toMatchSnapshot();
});

/** The state machine definition with the template's references replaced by plausible literal values. */
function resolvedDefinition(template: Template): StateMachineDefinition {
  const sm = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
  const parts = sm.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const p = part as { readonly Ref?: string; readonly 'Fn::GetAtt'?: readonly [string, string] };
      if (p.Ref === 'AWS::Partition') return 'aws';
      if (p['Fn::GetAtt']) return `arn:aws:lambda:us-east-1:111111111111:function:${p['Fn::GetAtt'][0]}`;
      if (p.Ref) return 'run-data-bucket';
      throw new Error(`unexpected part ${JSON.stringify(p)}`);
    })
    .join('');
  return JSON.parse(text) as StateMachineDefinition;
}
