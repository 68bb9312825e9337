/**
 * The example app of docs/constructs.md (examples/my-app.ts) builds as it stands: both stacks synthesize with the
 * real handlers bundled, cdk-nag finds nothing, and each monitor has what the docs say it has.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildExampleApp, PlatformMonitoringStack, SecurityToolingStack } from '../../examples/my-app';
import { FEATURE_FLAGS } from '../lib/synth-monitor';

let outdir: string;
let app: App;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-app-'));
  app = buildExampleApp(new App({ outdir, context: FEATURE_FLAGS }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const stackOf = <T>(type: new (...args: never[]) => T): T => app.node.children.find((c) => c instanceof type) as T;

test('the app synthesizes both stacks, and cdk-nag finds nothing unacknowledged', () => {
  const assembly = app.synth();
  expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['Platform', 'SecurityTooling']);
  const report = new AwsSolutionsChecks().validateScope(app);
  expect(report.violations.map((v) => v.ruleName)).toEqual([]);
});

test("the account monitor: the example's schedule, thresholds and regions, and its topic's extra subscription", () => {
  const stack = stackOf(PlatformMonitoringStack);
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Scheduler::Schedule', {
    ScheduleExpression: 'cron(0 7 ? * MON-FRI *)',
    ScheduleExpressionTimezone: 'Europe/Berlin',
  });
  template.hasResourceProperties('AWS::Lambda::Function', {
    Environment: {
      Variables: { THRESHOLD_DAYS: '14', WARNING_DAYS: '45', REGIONS: 'us-east-1,eu-west-1' },
    },
  });
  const protocols = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) => s.Properties.Protocol);
  expect(protocols.sort()).toEqual(['email', 'email', 'https']);
});

test('the organization hub: a StackSet on the OUs, Security Hub in the member role', () => {
  const template = Template.fromStack(stackOf(SecurityToolingStack));
  template.hasResourceProperties('AWS::CloudFormation::StackSet', {
    StackSetName: 'SecurityTooling-CertificateExpiry-member-role',
  });
  const stackSet = Object.values(template.findResources('AWS::CloudFormation::StackSet'))[0]!;
  expect(JSON.stringify(stackSet.Properties.StackInstancesGroup)).toContain('ou-ab12-22222222');
  expect(stackSet.Properties.TemplateBody).toContain('securityhub:BatchImportFindings');
});
