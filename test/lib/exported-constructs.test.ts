/**
 * The package's constructs (lib/index.ts) as a user builds them: props read like the context keys of the same
 * names (the same refusals, under the prop's name, and the same defaults), two monitors in one stack, and a
 * user's own resources left alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CustomResourceProviderBase, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Template } from 'aws-cdk-lib/assertions';
import { ENV } from '../../contract/environment';
import { ConfigError, DEFAULTS, ORGANIZATION_DEFAULTS, parseConfig } from '../../lib/config';
import {
  IamCertExpiryMonitor,
  type IamCertExpiryMonitorProps,
  IamCertExpiryOrganizationMonitor,
  type IamCertExpiryOrganizationMonitorProps,
  PropsError,
} from '../../lib';
import { bareStack, STUB_ENTRY } from './constructs/support';

const STUB_ORG = { entries: { listAccounts: STUB_ENTRY, scanAccount: STUB_ENTRY, aggregate: STUB_ENTRY } };

/** The lines of the PropsError that building with `props` throws (fails the test when it builds). */
function refusals(build: (stack: Stack) => unknown): readonly string[] {
  try {
    build(bareStack());
  } catch (e) {
    expect(e).toBeInstanceOf(PropsError);
    return (e as PropsError).errors;
  }
  throw new Error('expected the props to be refused');
}

/** The lines parseConfig gives for `context`. */
function contextLines(context: Record<string, unknown>): readonly string[] {
  try {
    parseConfig(context);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).errors;
  }
  throw new Error('expected the context to be refused');
}

const account = (props: IamCertExpiryMonitorProps) => (stack: Stack) =>
  new IamCertExpiryMonitor(stack, 'Certs', props, { entry: STUB_ENTRY });
const organization = (props: Partial<IamCertExpiryOrganizationMonitorProps>) => (stack: Stack) =>
  new IamCertExpiryOrganizationMonitor(stack, 'Certs', { organizationalUnits: ['r-ab12'], ...props }, STUB_ORG);

describe('props are refused as their context keys are, naming the prop and the accepted form', () => {
  test.each<[string, IamCertExpiryMonitorProps, Record<string, unknown>]>([
    ['thresholdDays', { thresholdDays: 0 }, { thresholdDays: 0 }],
    ['warningDays below the threshold', { thresholdDays: 14, warningDays: 10 }, { thresholdDays: 14, warningDays: 10 }],
    ['warningDays below the default threshold', { warningDays: 5 }, { warningDays: 5 }],
    ['schedule more often than hourly', { schedule: 'rate(5 minutes)' }, { schedule: 'rate(5 minutes)' }],
    ['scheduleTimezone', { scheduleTimezone: 'Mars/Olympus' }, { scheduleTimezone: 'Mars/Olympus' }],
    [
      'alertEmails',
      { alertEmails: ['ops@example.com', 'not-an-address'] },
      { alertEmails: ['ops@example.com', 'not-an-address'] },
    ],
    ['regions of bad form', { regions: ['us-east-1', 'all'] }, { regions: ['us-east-1', 'all'] }],
    ['regions that do not exist', { regions: ['eu-wset-1'] }, { regions: ['eu-wset-1'] }],
    ['logRetentionDays', { logRetentionDays: 42 }, { logRetentionDays: 42 }],
    ['reservedConcurrency', { reservedConcurrency: 0 }, { reservedConcurrency: 0 }],
    ['eventBus', { eventBus: 'aws.partner/x' }, { eventBus: 'aws.partner/x' }],
    ['maxSnoozeDays', { maxSnoozeDays: 400 }, { maxSnoozeDays: 400 }],
  ])('%s', (_, props, context) => {
    expect(refusals(account(props))).toEqual(contextLines(context));
  });

  test('every bad prop in one error, with the construct path', () => {
    expect(() => account({ thresholdDays: 0, logRetentionDays: 42 })(bareStack())).toThrow(
      /^Invalid props of IamCertExpiryMonitor at Stack\/Certs:\n {2}- thresholdDays: expected .*\n {2}- logRetentionDays: expected /,
    );
  });

  test('the Slack ids under the prop names slack.workspaceId and slack.channelId', () => {
    expect(refusals(account({ slack: { workspaceId: 'workspace', channelId: 'C0123ABCD' } }))).toEqual([
      'slack.workspaceId: expected an AWS Chatbot Slack workspace id such as T0123ABCD, got "workspace"',
    ]);
    // From JavaScript, half an object.
    const half = { slack: { workspaceId: 'T0123ABCD' } } as unknown as IamCertExpiryMonitorProps;
    expect(refusals(account(half))).toEqual([
      'slack.channelId: required when slack.workspaceId is set (set both slack.workspaceId and slack.channelId, or neither)',
    ]);
  });

  test('organization: the OUs, their accounts and their addresses, as the organization keys are', () => {
    expect(refusals(organization({ organizationalUnits: ['ou-bad'] }))).toEqual(
      contextLines({ deployment: 'organization', organizationalUnits: ['ou-bad'] }),
    );
    const overlap = {
      alertEmails: ['sec@example.com'],
      excludeAccounts: ['111111111111'],
      accountAlertEmails: { '111111111111': ['sec@example.com'] },
    };
    expect(refusals(organization(overlap))).toEqual([
      'accountAlertEmails: 111111111111 is in excludeAccounts, so it is never scanned; sec@example.com is also in alertEmails, whose digest already covers every account',
    ]);
    expect(refusals(organization({ accountConcurrency: 0, runDataRetentionDays: 0, memberRoleName: 'a/b' }))).toEqual(
      contextLines({
        deployment: 'organization',
        organizationalUnits: 'r-ab12',
        accountConcurrency: 0,
        runDataRetentionDays: 0,
        memberRoleName: 'a/b',
      }),
    );
  });
});

describe('defaults', () => {
  const checkerEnvironment = (monitor: IamCertExpiryMonitor) =>
    (
      Template.fromStack(monitor.node.scope as Stack).toJSON().Resources[
        (monitor.node.scope as Stack).getLogicalId(monitor.checker.function.node.defaultChild as never)
      ] as { Properties: { Environment: { Variables: Record<string, unknown> } } }
    ).Properties.Environment.Variables;

  test('no props: what the app builds from empty context', () => {
    const stack = bareStack();
    const monitor = new IamCertExpiryMonitor(stack, 'Certs', {}, { entry: STUB_ENTRY });
    expect(checkerEnvironment(monitor)).toMatchObject({
      [ENV.thresholdDays]: String(DEFAULTS.thresholdDays),
      [ENV.warningDays]: String(DEFAULTS.warningDays),
      [ENV.maxSnoozeDays]: String(DEFAULTS.maxSnoozeDays),
      [ENV.regions]: DEFAULTS.regions,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: DEFAULTS.schedule,
      ScheduleExpressionTimezone: DEFAULTS.scheduleTimezone,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: DEFAULTS.logRetentionDays });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(
      Object.values(template.findResources('AWS::Lambda::Function')).map(
        (f) => f.Properties.ReservedConcurrentExecutions,
      ),
    ).not.toContain(expect.anything());
  });

  /** `@default` of each optional prop, as the props' TSDoc says it. */
  function documentedDefaults(file: string): Record<string, string> {
    const source = fs.readFileSync(path.join(__dirname, '../../lib', file), 'utf8');
    const found: Record<string, string> = {};
    for (const m of source.matchAll(/@default (.+)\n(?:\s*\*.*\n)*?\s*\*\/\n\s*readonly (\w+)\?/g))
      found[m[2]!] = m[1]!.trim();
    return found;
  }

  test('each documented @default is the value the context table applies', () => {
    const documented = {
      ...documentedDefaults('monitor-props.ts'),
      ...documentedDefaults('iam-cert-expiry-organization-monitor.ts'),
    };
    const applied: Record<string, unknown> = { ...DEFAULTS, ...ORGANIZATION_DEFAULTS };
    const comparable = Object.keys(documented).filter((k) => k in applied && typeof applied[k] !== 'object');
    expect(comparable.sort()).toEqual(
      [
        'schedule',
        'scheduleTimezone',
        'thresholdDays',
        'warningDays',
        'maxSnoozeDays',
        'regions',
        'logRetentionDays',
        'memberRoleName',
        'accountConcurrency',
        'accountsPerBatch',
        'lambdaConcurrencyQuota',
        'deployedAs',
        'runDataRetentionDays',
      ].sort(),
    );
    for (const key of comparable)
      expect([key, documented[key]!.split(' (')[0]]).toEqual([key, JSON.stringify(applied[key]).replace(/"/g, "'")]);
  });
});

describe('in a user stack', () => {
  test('two monitors in one stack name no topic, alarm or StackSet alike; names start with the stack and construct id', () => {
    const stack = bareStack();
    new IamCertExpiryMonitor(stack, 'Certs', { alertEmails: ['ops@example.com'] }, { entry: STUB_ENTRY });
    new IamCertExpiryOrganizationMonitor(stack, 'OrgCerts', { organizationalUnits: ['r-ab12'] }, STUB_ORG);
    const template = Template.fromStack(stack);
    const names = (type: string, property: string) =>
      Object.values(template.findResources(type)).map((r) => r.Properties[property] as string);
    const topics = names('AWS::SNS::Topic', 'TopicName');
    const alarms = names('AWS::CloudWatch::Alarm', 'AlarmName');
    expect(topics.sort()).toEqual([
      'Stack-Certs-alarms',
      'Stack-Certs-alerts',
      'Stack-OrgCerts-alarms',
      'Stack-OrgCerts-alerts',
    ]);
    expect(new Set(alarms).size).toBe(alarms.length);
    expect(alarms.every((n) => n.startsWith('Stack-Certs-') || n.startsWith('Stack-OrgCerts-'))).toBe(true);
    expect(names('AWS::CloudFormation::StackSet', 'StackSetName')).toEqual(['Stack-OrgCerts-member-role']);
    expect(names('AWS::CloudWatch::Dashboard', 'DashboardName').sort()).toEqual(['Stack-Certs', 'Stack-OrgCerts']);
  });

  test("a provider the user's stack held before the monitor keeps its own logging; the monitor's own gets a group", () => {
    const stack = bareStack();
    // The user's bucket, whose auto-delete brings its own provider.
    new s3.Bucket(stack, 'Theirs', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    const theirs = stack.node.children.filter((c) => c instanceof CustomResourceProviderBase);
    expect(theirs).toHaveLength(1);
    new IamCertExpiryMonitor(stack, 'Certs', {}, { entry: STUB_ENTRY });
    const providers = stack.node.children.filter((c) => c instanceof CustomResourceProviderBase);
    expect(providers).toHaveLength(2);
    for (const provider of providers)
      expect([provider.node.id, provider.node.tryFindChild('LogGroup') !== undefined]).toEqual([
        provider.node.id,
        !theirs.includes(provider),
      ]);
  });
});
