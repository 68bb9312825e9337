/**
 * Constructs refuse invalid props at construction, under the rules the context keys are read with: each construct
 * built alone with one bad prop, then the words compared with the config table's for the same setting.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { THRESHOLD_DAYS_RULE, type Rule } from '../../../contract/validation';
import { ConfigError, parseConfig } from '../../../lib/config';
import { AlertTopic } from '../../../lib/constructs/alert-topic';
import { bucketInterface } from '../../../lib/constructs/bucket-interface';
import { CheckerFunction, type CheckerFunctionProps } from '../../../lib/constructs/checker-function';
import { AccountSubscriptions } from '../../../lib/constructs/org/account-subscriptions';
import { MemberRoleStackSet } from '../../../lib/constructs/org/member-role-stack-set';
import { OrgAlarms } from '../../../lib/constructs/org/org-alarms';
import { OrgFunction } from '../../../lib/constructs/org/org-function';
import { OrgStateMachine, type OrgStateMachineProps } from '../../../lib/constructs/org/org-state-machine';
import { RunDataBucket } from '../../../lib/constructs/org/run-data-bucket';
import { checkProps, PropsError } from '../../../lib/constructs/prop-checks';
import { CheckerSchedule } from '../../../lib/constructs/schedule';
import { SelfAlarms } from '../../../lib/constructs/self-alarms';
import { bareStack, inlineFunction, STUB_ENTRY } from './support';

/** The lines of the PropsError that `build` throws (fails the test when it builds). */
function refusals(build: (stack: Stack) => unknown): readonly string[] {
  const stack = bareStack();
  try {
    build(stack);
  } catch (e) {
    expect(e).toBeInstanceOf(PropsError);
    return (e as PropsError).errors;
  }
  throw new Error('expected the construct to refuse its props');
}

/** The line parseConfig gives for one key of `raw`. */
function configLine(raw: Record<string, unknown>, key: string): string {
  try {
    parseConfig(raw);
  } catch (e) {
    const line = (e as ConfigError).errors.find((l) => l.startsWith(`${key}: `));
    if (line) return line;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused for ${key}`);
}

const checker = (stack: Stack, props: Partial<CheckerFunctionProps>) =>
  new CheckerFunction(stack, 'Checker', {
    topic: new sns.Topic(stack, 'Topic'),
    topicKey: new kms.Key(stack, 'Key'),
    thresholdDays: 7,
    warningDays: 30,
    regions: 'all',
    logRetention: logs.RetentionDays.ONE_MONTH,
    entry: STUB_ENTRY,
    ...props,
  });

const ALARM_DEPS = (stack: Stack) => ({
  topic: new sns.Topic(stack, 'Topic'),
  logGroup: new logs.LogGroup(stack, 'Logs'),
  deadLetterQueue: new sqs.Queue(stack, 'DeadLetters'),
});
const stateMachineRun = (stack: Stack, props: Partial<OrgStateMachineProps>) => {
  const key = new kms.Key(stack, 'K');
  return new OrgStateMachine(stack, 'Run', {
    listAccounts: inlineFunction(stack, 'L'),
    scanAccount: inlineFunction(stack, 'S'),
    aggregate: inlineFunction(stack, 'A'),
    runData: bucketInterface(new s3.Bucket(stack, 'B', { encryptionKey: key })),
    runDataKey: key,
    accountConcurrency: 10,
    logRetention: logs.RetentionDays.ONE_MONTH,
    ...props,
  });
};
const stateMachine = (stack: Stack) =>
  new sfn.StateMachine(stack, 'Sm', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });

describe('checkProps', () => {
  const positive: Rule<number> = {
    describe: 'a positive number',
    parse: (v) => (Number(v) > 0 ? Number(v) : undefined),
  };

  test('one error naming the construct, its path and every bad prop; a prop left out is not checked', () => {
    class Example extends Construct {}
    const example = new Example(bareStack(), 'Example');
    expect(() =>
      checkProps(example, { a: [0, positive], b: [undefined, positive], c: [-1, positive], d: [1, positive] }),
    ).toThrow(
      'Invalid props of Example at Stack/Example:\n' +
        '  - a: expected a positive number, got 0\n' +
        '  - c: expected a positive number, got -1',
    );
    expect(() => checkProps(example, { a: [1, positive] })).not.toThrow();
  });
});

describe('each construct refuses what its rule refuses, naming the prop and the accepted form', () => {
  test.each<[string, (stack: Stack) => unknown, string]>([
    [
      'CheckerFunction warningDays below its threshold',
      (stack) => checker(stack, { thresholdDays: 14, warningDays: 10 }),
      'warningDays: expected 0 (off) or a whole number greater than thresholdDays (14) and at most 365, got 10',
    ],
    [
      'CheckerFunction warningDays out of range',
      (stack) => checker(stack, { warningDays: 400 }),
      'warningDays: expected 0 (off) or a whole number greater than thresholdDays (7) and at most 365, got 400',
    ],
    [
      'CheckerFunction logRetention that CloudWatch refuses',
      (stack) => checker(stack, { logRetention: logs.RetentionDays.INFINITE }),
      'logRetention: expected one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 9999',
    ],
    [
      'CheckerFunction regions',
      (stack) => checker(stack, { regions: 'us-east-1,all' }),
      'regions: expected all, or comma-separated region names such as us-east-1,eu-west-1 (or a JSON array in cdk.json), got "us-east-1,all"',
    ],
    [
      'CheckerFunction eventBus',
      (stack) => checker(stack, { eventBus: 'aws.partner/x' }),
      'eventBus: expected an EventBridge bus name (1-256 letters, digits and /._-, e.g. certificate-alerts) or bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME), got "aws.partner/x"',
    ],
    [
      'CheckerSchedule expression',
      (stack) =>
        new CheckerSchedule(stack, 'S', {
          expression: 'rate(5 minutes)',
          function: inlineFunction(stack, 'Fn'),
          deadLetterKey: new kms.Key(stack, 'K'),
        }),
      'expression: runs every 5 min, expected at most once an hour: days left change once a day, and a run may take up to 15 min (the checker\'s timeout), so more often only overlaps runs and adds API calls; got "rate(5 minutes)"',
    ],
    [
      'CheckerSchedule timeZone',
      (stack) =>
        new CheckerSchedule(stack, 'S', {
          expression: 'rate(1 day)',
          timeZone: 'Mars/Olympus',
          function: inlineFunction(stack, 'Fn'),
          deadLetterKey: new kms.Key(stack, 'K'),
        }),
      'timeZone: expected an IANA time zone name such as UTC, Europe/Paris or America/New_York, got "Mars/Olympus"',
    ],
    [
      'AlertTopic alertEmails',
      (stack) => new AlertTopic(stack, 'A', { alertEmails: ['ok@example.com', 'ops'] }),
      'alertEmails: "ops" is not an email address; expected comma-separated email addresses (or a JSON array of them in cdk.json)',
    ],
    [
      'AlertTopic slack channel',
      (stack) => new AlertTopic(stack, 'A', { slack: { workspaceId: 'T0123ABCD', channelId: '#alerts' } }),
      'slack.channelId: expected a Slack channel id such as C0123ABCD, got "#alerts"',
    ],
    [
      'SelfAlarms scheduleExpression',
      (stack) =>
        new SelfAlarms(stack, 'Alarms', {
          ...ALARM_DEPS(stack),
          function: inlineFunction(stack, 'Fn'),
          failedRunsQueue: new sqs.Queue(stack, 'Failed'),
          scheduleExpression: 'cron(0 8 * * *)',
        }),
      'scheduleExpression: expected an EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year) or rate(N minute|minutes|hour|hours|day|days); a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got 5; got "cron(0 8 * * *)"',
    ],
    [
      'OrgAlarms scheduleExpression',
      (stack) =>
        new OrgAlarms(stack, 'Alarms', {
          ...ALARM_DEPS(stack),
          stateMachine: stateMachine(stack),
          scheduleExpression: 'daily',
        }),
      'scheduleExpression: expected an EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year) or rate(N minute|minutes|hour|hours|day|days); got "daily"',
    ],
    [
      'OrgFunction logRetention',
      (stack) =>
        new OrgFunction(stack, 'F', {
          entry: STUB_ENTRY,
          description: 'd',
          environment: {},
          logRetention: 2 as logs.RetentionDays,
          memorySize: 128,
          timeout: Duration.minutes(1),
        }),
      'logRetention: expected one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 2',
    ],
    [
      'OrgStateMachine accountConcurrency',
      (stack) => stateMachineRun(stack, { accountConcurrency: 0 }),
      'accountConcurrency: expected a whole number from 1 to 10000, got 0',
    ],
    [
      'OrgStateMachine accountsPerBatch',
      (stack) => stateMachineRun(stack, { accountsPerBatch: 201 }),
      'accountsPerBatch: expected a whole number from 1 to 200, got 201',
    ],
    [
      'RunDataBucket retentionDays',
      (stack) => new RunDataBucket(stack, 'R', { retentionDays: 3651 }),
      'retentionDays: expected a whole number of days from 1 to 3650, got 3651',
    ],
    [
      'MemberRoleStackSet roleName',
      (stack) =>
        new MemberRoleStackSet(stack, 'M', {
          hubRole: new iam.Role(stack, 'Hub', { assumedBy: new iam.AccountRootPrincipal() }),
          roleName: 'path/Role',
          organizationalUnits: ['r-ab12'],
          deployedAs: 'management',
        }),
      'roleName: expected an IAM role name: 1-64 letters, digits or + = , . @ _ - (no path), got "path/Role"',
    ],
    [
      'MemberRoleStackSet organizationalUnits',
      (stack) =>
        new MemberRoleStackSet(stack, 'M', {
          hubRole: new iam.Role(stack, 'Hub', { assumedBy: new iam.AccountRootPrincipal() }),
          roleName: 'Reader',
          organizationalUnits: [],
          deployedAs: 'management',
        }),
      'organizationalUnits: expected comma-separated OU ids (ou-…) and/or the root id (r-…), e.g. r-ab12 or ou-ab12-11111111,ou-ab12-22222222, got []',
    ],
    [
      'AccountSubscriptions: one address for more accounts than a filter policy holds',
      (stack) =>
        new AccountSubscriptions(stack, 'Subs', {
          topic: new sns.Topic(stack, 'Topic'),
          accountAlertEmails: Object.fromEntries(
            Array.from({ length: 151 }, (_, i) => [String(100000000000 + i), ['team@example.com']]),
          ),
        }),
      "accountAlertEmails: team@example.com is given for 151 accounts; one subscription's filter policy holds at most 150",
    ],
  ])('%s', (_name, build, line) => {
    expect(refusals(build)).toEqual([line]);
  });

  test('a CheckerFunction with several bad props names each of them at once', () => {
    expect(
      refusals((stack) =>
        checker(stack, { thresholdDays: 0, warningDays: -1, maxSnoozeDays: 400, reservedConcurrentExecutions: 0 }),
      ).map((l) => l.split(':')[0]),
    ).toEqual(['thresholdDays', 'warningDays', 'maxSnoozeDays', 'reservedConcurrentExecutions']);
  });

  test('valid props build (the rules are not stricter than the stacks need)', () => {
    expect(() => checker(bareStack(), { thresholdDays: 365, warningDays: 0, maxSnoozeDays: 1 })).not.toThrow();
  });
});

describe('the construct and the context key say the same thing, in the same words', () => {
  /** The accepted form of a refusal line: between `expected ` and `, got`. */
  const form = (line: string) => /: expected (.*), got /.exec(line)?.[1];

  test.each<[string, Record<string, unknown>, string, (stack: Stack) => unknown]>([
    [
      'warningDays',
      { thresholdDays: '14', warningDays: '10' },
      'warningDays',
      (stack) => checker(stack, { thresholdDays: 14, warningDays: 10 }),
    ],
    [
      'logRetentionDays',
      { logRetentionDays: '2' },
      'logRetention',
      (stack) => checker(stack, { logRetention: 2 as logs.RetentionDays }),
    ],
    ['thresholdDays', { thresholdDays: '0' }, 'thresholdDays', (stack) => checker(stack, { thresholdDays: 0 })],
    [
      'accountConcurrency',
      { deployment: 'organization', organizationalUnits: 'r-ab12', accountConcurrency: '0' },
      'accountConcurrency',
      (stack) => stateMachineRun(stack, { accountConcurrency: 0 }),
    ],
    [
      'accountsPerBatch',
      { deployment: 'organization', organizationalUnits: 'r-ab12', accountsPerBatch: '0' },
      'accountsPerBatch',
      (stack) => stateMachineRun(stack, { accountsPerBatch: 0 }),
    ],
  ])('%s', (key, raw, prop, build) => {
    const fromConfig = form(configLine(raw, key));
    const fromConstruct = form(refusals(build).find((l) => l.startsWith(`${prop}: `))!);
    expect(fromConfig).toBeDefined();
    expect(fromConstruct).toBe(fromConfig);
  });

  test('the threshold rule is the one the config table reads', () => {
    expect(configLine({ thresholdDays: '0' }, 'thresholdDays')).toBe(
      `thresholdDays: expected ${THRESHOLD_DAYS_RULE.describe}, got "0"`,
    );
  });
});
