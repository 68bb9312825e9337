import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { ENV, METRICS } from '../../contract/environment';
import { PUBLISH_ACTION, READ_PERMISSIONS } from '../../contract/permissions';
import { isTestAlertRequest, TEST_ALERT_PAYLOAD, testAlertCommand } from '../../contract/test-alert';
import { logRetentionOfEachFunction } from './function-log-groups';
import {
  describeNagClean,
  keyGrants,
  logicalIdOf,
  normaliseAssetHashes,
  statementsOfRole,
  type SynthesizedMonitor,
  synthMonitor,
} from './synth-monitor';

type Json = Record<string, unknown>;

let defaults: SynthesizedMonitor;
let custom: SynthesizedMonitor;

beforeAll(() => {
  // Defaults (plus two emails), with CDK's CloudFormation schema validation on, as `cdk synth` does.
  defaults = synthMonitor({ alertEmails: 'ops@example.com,security@example.org' }, { cloudFormationValidation: true });
  custom = synthMonitor({
    schedule: 'cron(30 6 ? * MON-FRI *)',
    scheduleTimezone: 'Europe/Paris',
    thresholdDays: '14',
    warningDays: '0',
    regions: 'us-east-1,eu-west-1',
    slackWorkspaceId: 'T0123ABCD',
    slackChannelId: 'C0123ABCD',
    logRetentionDays: '30',
    reservedConcurrency: '2',
  });
});

afterAll(() => {
  for (const s of [defaults, custom]) if (s) fs.rmSync(s.outdir, { recursive: true, force: true });
});

const ref = (template: Template, type: string): Json => ({ Ref: Object.keys(template.findResources(type))[0] });
const getAtt = (template: Template, type: string, attr: string): Json => ({
  'Fn::GetAtt': [Object.keys(template.findResources(type))[0], attr],
});
/** The template entry and ARN of one construct of the stack (by its logical id, not by resource type). */
const resourceOf = (s: SynthesizedMonitor, construct: object): Json =>
  s.template.toJSON().Resources[logicalIdOf(s.stack, construct)];
const arnOf = (s: SynthesizedMonitor, construct: object): Json => ({
  'Fn::GetAtt': [logicalIdOf(s.stack, construct), 'Arn'],
});
describe('schedule', () => {
  test('default: daily 08:00 UTC', () => {
    defaults.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
    });
  });

  test('expression and time zone come from context', () => {
    custom.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 6 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
    });
  });

  // The schedule's retries, dead-letter queue and role are CheckerSchedule's (test/lib/constructs/schedule.test.ts).
  test('targets the checker; its dead-letter queue is encrypted with the alert key', () => {
    const { stack } = defaults;
    defaults.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: { Arn: arnOf(defaults, stack.monitor.checker.function) },
    });
    expect(resourceOf(defaults, stack.monitor.schedule.deadLetterQueue).Properties).toMatchObject({
      KmsMasterKeyId: arnOf(defaults, stack.monitor.alerts.key),
    });
  });
});

// Runtime, memory, logging, asynchronous retries and the failed-runs queue are CheckerFunction's
// (test/lib/constructs/checker-function.test.ts); here, what the configuration sets.
describe('checker function', () => {
  test('no reserved concurrency unless the reservedConcurrency key asks for it', () => {
    const fn = (s: SynthesizedMonitor) => resourceOf(s, s.stack.monitor.checker.function) as { Properties: Json };
    expect(fn(defaults).Properties).not.toHaveProperty('ReservedConcurrentExecutions');
    expect(fn(custom).Properties.ReservedConcurrentExecutions).toBe(2);
  });

  test('environment follows the contract with the checker', () => {
    const { template, stack } = defaults;
    const fn = resourceOf(defaults, stack.monitor.checker.function) as {
      Properties: { Environment: { Variables: Json } };
    };
    expect(fn.Properties.Environment.Variables).toEqual({
      [ENV.topicArn]: ref(template, 'AWS::SNS::Topic'),
      [ENV.thresholdDays]: '7',
      [ENV.warningDays]: '30',
      [ENV.maxSnoozeDays]: '90',
      [ENV.regions]: 'all',
      [ENV.subscribers]: 'email',
      POWERTOOLS_SERVICE_NAME: METRICS.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  test('environment from context', () => {
    custom.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          THRESHOLD_DAYS: '14',
          WARNING_DAYS: '0',
          REGIONS: 'us-east-1,eu-west-1',
          [ENV.subscribers]: 'slack',
        }),
      },
    });
  });

  test('log group retention from config (default 90 days, context 30)', () => {
    defaults.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    custom.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test.each([
    ['defaults', 90],
    ['custom', 30],
  ] as const)(
    "%s: every function, CDK's trigger provider included, logs to a group of the stack kept %i days",
    (which, days) => {
      const s = { defaults, custom }[which];
      const functions = logRetentionOfEachFunction(s.template);
      expect(Object.keys(functions)).toHaveLength(2);
      expect(Object.keys(functions)).toEqual(
        expect.arrayContaining([
          logicalIdOf(s.stack, s.stack.monitor.checker.function),
          expect.stringMatching(/^AWSCDKTriggerCustomResourceProvider/),
        ]),
      );
      expect(Object.values(functions)).toEqual([days, days]);
    },
  );

  test('the bundle is minified ESM with an external source map', () => {
    const { outdir, stack } = defaults;
    const s3Key = (resourceOf(defaults, stack.monitor.checker.function) as { Properties: { Code: { S3Key: string } } })
      .Properties.Code.S3Key;
    const assetDir = `asset.${s3Key.replace(/\.zip$/, '')}`;
    const files = fs.readdirSync(path.join(outdir, assetDir)).sort();
    expect(files).toEqual(['index.mjs', 'index.mjs.map']);
    const code = fs.readFileSync(path.join(outdir, assetDir, 'index.mjs'), 'utf8');
    // The banner lets CommonJS dependencies call require() inside the ESM bundle.
    expect(
      code.startsWith(
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      ),
    ).toBe(true);
    expect(code).toMatch(/export\{\w+ as handler\};/); // minified
    expect(code.trimEnd()).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map$/);
  });
});

describe('checker role: exactly the permissions the code needs', () => {
  let statements: Json[];
  beforeAll(() => {
    const { template, stack } = defaults;
    statements = statementsOfRole(template, logicalIdOf(stack, stack.monitor.checker.role));
  });

  const actionsOf = (s: Json): string[] => (Array.isArray(s.Action) ? (s.Action as string[]) : [s.Action as string]);

  test('the set of actions is READ_PERMISSIONS + sns:Publish + kms + the failed-runs queue + logs, nothing more', () => {
    const granted = statements.flatMap(actionsOf).sort();
    const expected = [
      ...READ_PERMISSIONS.map((p) => p.action),
      PUBLISH_ACTION,
      'kms:GenerateDataKey',
      'kms:Decrypt',
      'sqs:SendMessage',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ].sort();
    expect(granted).toEqual(expected);
    expect(
      statements.every((s) => s.Effect === 'Allow' && s.NotAction === undefined && s.NotResource === undefined),
    ).toBe(true);
    // The one condition: the key is used only through SNS and SQS (kms:ViaService; values asserted below).
    const conditioned = statements.filter((s) => s.Condition !== undefined);
    expect(conditioned.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(conditioned.map((s) => s.Condition)).toEqual([{ StringEquals: { 'kms:ViaService': expect.any(Array) } }]);
  });
  // Each statement's resources, and no managed policy: CheckerFunction's role (its construct test).
});

describe('customer-managed keys: every role uses them only through the service they are for', () => {
  test.each([['defaults'], ['custom']] as const)(
    '%s: the checker through SNS and SQS, the scheduler through SQS; no other kms: grant',
    (which) => {
      const s = { defaults, custom }[which];
      const sorted = keyGrants(s.template).sort((a, b) => a.viaServices.join().localeCompare(b.viaServices.join()));
      expect(sorted).toEqual([
        { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], viaServices: ['sns', 'sqs'] },
        { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], viaServices: ['sqs'] },
      ]);
    },
  );
});

describe('alert topic', () => {
  test('encrypted with a customer-managed key that rotates', () => {
    const { template } = defaults;
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: getAtt(template, 'AWS::KMS::Key', 'Arn'),
      TopicName: 'Monitor-alerts',
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('topic policy denies publishing without TLS and admits no service: only IAM principals granted sns:Publish', () => {
    const policy = resourceOf(defaults, defaults.stack.monitor.alerts.topic.node.findChild('Policy')) as {
      Properties: { PolicyDocument: { Statement: Json[] } };
    };
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  test('key policy: the account root only (CDK default, delegates to IAM); no CloudWatch alarm may use it', () => {
    for (const s of [defaults, custom]) {
      const key = resourceOf(s, s.stack.monitor.alerts.key) as { Properties: { KeyPolicy: { Statement: Json[] } } };
      const statements = key.Properties.KeyPolicy.Statement;
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({
        Action: 'kms:*',
        Principal: { AWS: expect.objectContaining({ 'Fn::Join': expect.anything() }) },
      });
      expect(JSON.stringify(statements[0]!.Principal)).toContain(':root');
    }
  });

  test('email subscriptions from context: each address on the alert topic and on the alarm topic, none filtered', () => {
    const { template, stack } = defaults;
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) =>
      JSON.stringify([s.Properties.TopicArn, s.Properties.Protocol, s.Properties.Endpoint, s.Properties.FilterPolicy]),
    );
    const on = (topic: object, email: string) =>
      JSON.stringify([{ Ref: logicalIdOf(stack, topic) }, 'email', email, undefined]);
    expect(subscriptions.sort()).toEqual(
      [
        on(stack.monitor.alerts.topic, 'ops@example.com'),
        on(stack.monitor.alerts.topic, 'security@example.org'),
        on(stack.monitor.alarmTopic.topic, 'ops@example.com'),
        on(stack.monitor.alarmTopic.topic, 'security@example.org'),
      ].sort(),
    );
    custom.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('no Slack configuration without both ids', () => {
    defaults.template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
  });

  test('Slack channel subscribed to the topic, read-only guardrail, permissionless role', () => {
    const { template, stack } = custom;
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      // The alarms reach the channel too: the alarm topic has the same Slack subscriber.
      SnsTopicArns: [
        { Ref: logicalIdOf(stack, stack.monitor.alerts.topic) },
        { Ref: logicalIdOf(stack, stack.monitor.alarmTopic.topic) },
      ],
      GuardrailPolicies: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/CloudWatchReadOnlyAccess']] },
      ],
    });
    const roleId = logicalIdOf(stack, stack.monitor.alerts.node.findChild('SlackChannelRole'));
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'chatbot.amazonaws.com',
    });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(statementsOfRole(template, roleId)).toEqual([]);
  });
});

describe('alarm topic (alarm notifications carry no message attributes, so no filter policy may sit between them and a person)', () => {
  test('its own topic and key: encrypted, rotating, named <stack>-alarms', () => {
    const { stack } = defaults;
    const topic = resourceOf(defaults, stack.monitor.alarmTopic.topic) as { Properties: Json };
    expect(topic.Properties).toMatchObject({
      TopicName: 'Monitor-alarms',
      KmsMasterKeyId: arnOf(defaults, stack.monitor.alarmTopic.key),
    });
    expect(stack.monitor.alarmTopic.key).not.toBe(stack.monitor.alerts.key);
    expect((resourceOf(defaults, stack.monitor.alarmTopic.key) as { Properties: Json }).Properties).toMatchObject({
      EnableKeyRotation: true,
    });
  });

  test('TLS enforced, and only CloudWatch alarms of this account may publish (topic and key policy)', () => {
    const { stack } = defaults;
    const policy = resourceOf(defaults, stack.monitor.alarmTopic.topic.node.findChild('Policy')) as {
      Properties: { PolicyDocument: { Statement: Json[] } };
    };
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
      }),
    ]);
    const key = resourceOf(defaults, stack.monitor.alarmTopic.key) as {
      Properties: { KeyPolicy: { Statement: Json[] } };
    };
    expect(key.Properties.KeyPolicy.Statement).toHaveLength(2);
    // The statement itself (the conditions the SNS guide documents for AWS event sources): alert-topic.test.ts.
    expect(key.Properties.KeyPolicy.Statement[1]).toMatchObject({
      Sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedAlertTopic',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  test('the checker cannot publish to it (it is for the alarms alone)', () => {
    const { template, stack } = defaults;
    const published = statementsOfRole(template, logicalIdOf(stack, stack.monitor.checker.role)).filter((st) =>
      JSON.stringify(st.Action).includes('sns:Publish'),
    );
    expect(JSON.stringify(published)).not.toContain(logicalIdOf(stack, stack.monitor.alarmTopic.topic));
  });

  test('a stack subscribed elsewhere still has the topic, named in an output for the pager', () => {
    const elsewhere = synthMonitor({ topicSubscribedElsewhere: 'true' });
    try {
      elsewhere.template.resourceCountIs('AWS::SNS::Subscription', 0);
      elsewhere.template.hasOutput('AlarmTopicArn', {
        Value: { Ref: logicalIdOf(elsewhere.stack, elsewhere.stack.monitor.alarmTopic.topic) },
      });
    } finally {
      fs.rmSync(elsewhere.outdir, { recursive: true, force: true });
    }
  });
});

describe('self alarms', () => {
  const alarms = (s: SynthesizedMonitor) =>
    Object.values(s.template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as Json);
  const alarmOn = (s: SynthesizedMonitor, metricName: string) => {
    const found = alarms(s).filter((a) => a.MetricName === metricName);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  test('six alarms, all publishing to the alarm topic, none to the alert topic', () => {
    const { stack } = defaults;
    const all = alarms(defaults);
    expect(all).toHaveLength(6);
    for (const alarm of all)
      expect(alarm.AlarmActions).toEqual([{ Ref: logicalIdOf(stack, stack.monitor.alarmTopic.topic) }]);
  });

  test('function errors >= 1', () => {
    expect(alarmOn(defaults, 'Errors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: [
        { Name: 'FunctionName', Value: { Ref: logicalIdOf(defaults.stack, defaults.stack.monitor.checker.function) } },
      ],
    });
  });

  test.each([
    ['the schedule dead-letter queue', 'DeadLetters', 'deadLetterQueue'],
    ['the failed-runs queue', 'FailedRuns', 'failedRunsQueue'],
  ] as const)('%s has a message', (_, alarmId, queueProp) => {
    const { stack } = defaults;
    const queue =
      queueProp === 'deadLetterQueue' ? stack.monitor.schedule.deadLetterQueue : stack.monitor.checker.failedRunsQueue;
    const alarm = resourceOf(defaults, stack.monitor.alarms.node.findChild(alarmId)) as { Properties: Json };
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, queue), 'QueueName'] } }],
    });
  });

  test.each([
    ['a scan was incomplete', METRICS.scanIncomplete],
    ['a sink could not deliver', METRICS.deliveryFailures],
  ])('%s', (_what, metricName) => {
    expect(alarmOn(defaults, metricName)).toMatchObject({
      Namespace: METRICS.namespace,
      Dimensions: [{ Name: 'service', Value: METRICS.serviceName }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('heartbeat: daily schedule -> no completed run in 26 h, missing data breaches', () => {
    const alarm = alarmOn(defaults, METRICS.runCompleted);
    expect(alarm).toMatchObject({
      Namespace: METRICS.namespace,
      Dimensions: [{ Name: 'service', Value: METRICS.serviceName }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      Period: 3600,
      EvaluationPeriods: 26,
      DatapointsToAlarm: 26,
    });
    expect(JSON.stringify(alarm.AlarmDescription)).toContain('did not complete a run in 26 h');
  });

  test('heartbeat: weekdays schedule -> the weekend gap (74 h)', () => {
    expect(alarmOn(custom, METRICS.runCompleted)).toMatchObject({
      Period: 3600,
      EvaluationPeriods: 74,
      DatapointsToAlarm: 74,
    });
  });

  test('alarm descriptions say what to do and where to look', () => {
    for (const alarm of alarms(defaults)) {
      const description = JSON.stringify(alarm.AlarmDescription);
      expect(description).toMatch(
        /Check the function's logs in |Read the message in the dead-letter queue |The message in /,
      );
      expect(alarm.AlarmName).toMatch(/^Monitor-/);
    }
  });
});

describe('first run at deploy time', () => {
  const triggerOf = (s: SynthesizedMonitor) =>
    resourceOf(s, s.stack.monitor.firstRun.trigger.node.defaultChild!) as { Properties: Json; DependsOn: string[] };

  test('a trigger invokes the current version of the checker synchronously, waiting as long as the function may run', () => {
    const versions = Object.entries(defaults.template.findResources('AWS::Lambda::Version'));
    expect(versions).toHaveLength(1);
    const [versionId, version] = versions[0]!;
    expect(version.Properties.FunctionName).toEqual({
      Ref: logicalIdOf(defaults.stack, defaults.stack.monitor.checker.function),
    });
    expect(triggerOf(defaults).Properties).toMatchObject({
      HandlerArn: { Ref: versionId },
      InvocationType: 'RequestResponse',
      Timeout: String(900 * 1000),
      ExecuteOnHandlerChange: true,
      ServiceTimeout: String(900 + 120), // CloudFormation stops waiting shortly after the run must have ended
    });
    // Replaced versions are deleted, not retained one per deploy.
    expect(version.DeletionPolicy).toBe('Delete');
  });

  test('it runs after everything the run and its alert need exists', () => {
    const { stack } = defaults;
    const dependsOn = triggerOf(defaults).DependsOn;
    const needed = [
      stack.monitor.alerts.topic,
      stack.monitor.alerts.key,
      ...stack.monitor.alerts.topic.node.children.filter((c) => c.node.id.includes('example')),
      stack.monitor.checker.role.node.findChild('DefaultPolicy'),
      stack.monitor.checker.function.node.findChild('EventInvokeConfig'),
      stack.monitor.schedule.schedule,
      stack.monitor.alarms.heartbeat,
      stack.monitor.alarms.failedRuns,
    ];
    expect(needed.length).toBe(9);
    for (const construct of needed) expect(dependsOn).toContain(logicalIdOf(stack, construct));
    const slack = triggerOf(custom).DependsOn;
    expect(slack).toContain(logicalIdOf(custom.stack, custom.stack.monitor.alerts.slackChannel!));
  });

  test('its revision differs with the configuration, so a deploy that changes it runs the checker again', () => {
    expect(triggerOf(defaults).Properties.Revision).toMatch(/^[0-9a-f]{16}$/);
    expect(triggerOf(custom).Properties.Revision).not.toEqual(triggerOf(defaults).Properties.Revision);
  });

  test("the trigger's provider (CDK's own Lambda) may only write its logs and invoke the checker's versions", () => {
    const { template, stack } = defaults;
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) =>
      id.startsWith('AWSCDKTriggerCustomResourceProvider'),
    );
    expect(roles).toHaveLength(1);
    const [, role] = roles[0]!;
    expect(role.Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
    ]);
    expect(
      role.Properties.Policies.flatMap((p: { PolicyDocument: { Statement: Json[] } }) => p.PolicyDocument.Statement),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [{ 'Fn::Join': ['', [arnOf(defaults, stack.monitor.checker.function), ':*']] }],
      },
    ]);
  });
});

describe('outputs', () => {
  test('topic ARNs (alerts, alarms), function name, log group name', () => {
    const { template } = defaults;
    template.hasOutput('AlertTopicArn', {
      Value: { Ref: logicalIdOf(defaults.stack, defaults.stack.monitor.alerts.topic) },
    });
    template.hasOutput('AlarmTopicArn', {
      Value: { Ref: logicalIdOf(defaults.stack, defaults.stack.monitor.alarmTopic.topic) },
    });
    template.hasOutput('CheckerFunctionName', {
      Value: { Ref: logicalIdOf(defaults.stack, defaults.stack.monitor.checker.function) },
    });
    template.hasOutput('CheckerLogGroupName', { Value: ref(template, 'AWS::Logs::LogGroup') });
  });

  test('the test alert command: the checker by name, in the stack region, with the payload the checker reads', () => {
    const { template, stack } = defaults;
    const value = template.toJSON().Outputs.TestAlertCommand.Value as { 'Fn::Join': [string, unknown[]] };
    const functionId = logicalIdOf(stack, stack.monitor.checker.function);
    // As CloudFormation fills it in, for a function named checker-fn in eu-west-1.
    const names: Record<string, string> = { [functionId]: 'checker-fn', 'AWS::Region': 'eu-west-1' };
    const command = value['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : names[(part as { Ref: string }).Ref]))
      .join(value['Fn::Join'][0]);
    expect(command).toBe(testAlertCommand('checker-fn', 'eu-west-1'));
    expect(command).toContain(`--payload '${TEST_ALERT_PAYLOAD}'`);
    expect(isTestAlertRequest(JSON.parse(TEST_ALERT_PAYLOAD))).toBe(true);
  });
});

describeNagClean(() => ({ defaults, custom }));

test('template snapshot (asset hashes normalised)', () => {
  expect(normaliseAssetHashes(defaults.template.toJSON())).toMatchSnapshot();
});
