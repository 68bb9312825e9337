/**
 * The optional sinks' switches on both stacks: `-c securityHub=true` and `-c eventBus=<name or ARN>` reach the
 * functions through the environment contract, and each grants exactly its actions on its one resource, only when
 * on; cdk-nag stays clean. Bad values are named with the accepted form.
 */
import * as fs from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { ENV } from '../../contract/environment';
import { ConfigError, parseConfig } from '../../lib/config';
import {
  describeNagClean,
  logicalIdOf,
  statementsOfRole,
  synthMonitor,
  type SynthesizedMonitor,
} from './synth-monitor';
import { synthOrgMonitor, type SynthesizedOrgMonitor } from './synth-org-monitor';

type Json = Record<string, unknown>;
const BUS_ARN = 'arn:aws:events:eu-west-1:999999999999:event-bus/central-certificates';

let off: SynthesizedMonitor;
let on: SynthesizedMonitor;
let org: SynthesizedOrgMonitor;
let orgOff: SynthesizedOrgMonitor;

beforeAll(() => {
  off = synthMonitor();
  on = synthMonitor({ securityHub: 'true', eventBus: 'certificate-alerts' });
  org = synthOrgMonitor({ organizationalUnits: 'r-ab12', securityHub: true, eventBus: BUS_ARN });
  orgOff = synthOrgMonitor({ organizationalUnits: 'r-ab12' });
});
afterAll(() => {
  for (const s of [off, on, org, orgOff]) if (s) fs.rmSync(s.outdir, { recursive: true, force: true });
});

const sinkActions = (statements: Json[]) =>
  statements.filter((s) => JSON.stringify(s.Action).match(/securityhub:|events:/));
const envOf = (template: Template, functionId: string): Json =>
  (template.toJSON().Resources[functionId].Properties.Environment as { Variables: Json }).Variables;
const sub = (arn: string): Json => ({
  'Fn::Join': ['', expect.arrayContaining([expect.stringContaining(arn)])],
});

describe('config', () => {
  test('both off by default; securityHub true/false, eventBus a name or ARN', () => {
    expect(parseConfig({})).not.toHaveProperty('securityHub');
    expect(parseConfig({})).not.toHaveProperty('eventBus');
    expect(parseConfig({ securityHub: 'false' })).not.toHaveProperty('securityHub');
    expect(parseConfig({ securityHub: true, eventBus: ` ${BUS_ARN} ` })).toMatchObject({
      securityHub: true,
      eventBus: BUS_ARN,
    });
  });

  test('a bad value names the key and the accepted form', () => {
    expect(() => parseConfig({ securityHub: 'yes', eventBus: 'aws.partner/x' })).toThrow(ConfigError);
    const error = (() => {
      try {
        parseConfig({ securityHub: 'yes', eventBus: 'arn:aws:sns:eu-west-1:999999999999:topic' });
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(error?.errors).toEqual([
      'securityHub: expected true or false (the default), got "yes"',
      'eventBus: expected an EventBridge bus name (1-256 letters, digits and /._-, e.g. certificate-alerts) or bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME), got "arn:aws:sns:eu-west-1:999999999999:topic"',
    ]);
  });
});

describe('account stack', () => {
  test('off: no variable, no Security Hub or EventBridge action', () => {
    const fn = logicalIdOf(off.stack, off.stack.monitor.checker.function);
    expect(envOf(off.template, fn)).not.toHaveProperty(ENV.securityHub);
    expect(envOf(off.template, fn)).not.toHaveProperty(ENV.eventBus);
    expect(sinkActions(statementsOfRole(off.template, logicalIdOf(off.stack, off.stack.monitor.checker.role)))).toEqual(
      [],
    );
  });

  test('on: the variables, and each action scoped to the default product, the hub and the bus', () => {
    const fn = logicalIdOf(on.stack, on.stack.monitor.checker.function);
    expect(envOf(on.template, fn)).toMatchObject({ [ENV.securityHub]: 'true', [ENV.eventBus]: 'certificate-alerts' });
    const statements = sinkActions(statementsOfRole(on.template, logicalIdOf(on.stack, on.stack.monitor.checker.role)));
    expect(statements).toEqual([
      expect.objectContaining({
        Sid: 'ImportSecurityHubFindings',
        Action: 'securityhub:BatchImportFindings',
        Resource: sub(':product/'),
      }),
      expect.objectContaining({
        Sid: 'ReadOwnSecurityHubFindings',
        Action: 'securityhub:GetFindings',
        Resource: sub(':hub/default'),
      }),
      expect.objectContaining({
        Sid: 'PutCertificateEvents',
        Action: 'events:PutEvents',
        Resource: sub(':event-bus/certificate-alerts'),
      }),
    ]);
    expect(JSON.stringify(statements)).toContain('/default');
  });
});

describe('organization stack', () => {
  const roleStatements = (s: SynthesizedOrgMonitor, role: object) =>
    sinkActions(
      statementsOfRole(s.template, s.stack.getLogicalId((role as { node: { defaultChild: never } }).node.defaultChild)),
    );

  test('Security Hub on the scan (the hub account itself), events on the aggregate, scoped to the bus ARN', () => {
    const scan = roleStatements(org, org.stack.monitor.scanAccount.role);
    expect(scan.map((s) => s.Action)).toEqual(['securityhub:BatchImportFindings', 'securityhub:GetFindings']);
    expect(roleStatements(org, org.stack.monitor.aggregate.role)).toEqual([
      expect.objectContaining({ Action: 'events:PutEvents', Resource: BUS_ARN }),
    ]);
    expect(roleStatements(org, org.stack.monitor.listAccounts.role)).toEqual([]);
    const env = (fn: object) =>
      envOf(org.template, org.stack.getLogicalId((fn as { node: { defaultChild: never } }).node.defaultChild));
    expect(env(org.stack.monitor.scanAccount.function)).toMatchObject({ [ENV.securityHub]: 'true' });
    expect(env(org.stack.monitor.scanAccount.function)).not.toHaveProperty(ENV.eventBus);
    expect(env(org.stack.monitor.aggregate.function)).toMatchObject({ [ENV.eventBus]: BUS_ARN });
    expect(env(org.stack.monitor.aggregate.function)).not.toHaveProperty(ENV.securityHub);
  });

  test('the member role gains exactly the two Security Hub actions on its own product and hub, only when on', () => {
    const template = (s: SynthesizedOrgMonitor) =>
      JSON.parse(
        Object.values(s.template.findResources('AWS::CloudFormation::StackSet'))[0]!.Properties.TemplateBody as string,
      );
    const statements = (s: SynthesizedOrgMonitor): Json[] =>
      template(s).Resources.ReaderRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(sinkActions(statements(orgOff))).toEqual([]);
    expect(sinkActions(statements(org))).toEqual([
      {
        Sid: 'ImportOwnSecurityHubFindings',
        Effect: 'Allow',
        Action: 'securityhub:BatchImportFindings',
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default',
        },
      },
      {
        Sid: 'ReadOwnSecurityHubFindings',
        Effect: 'Allow',
        Action: 'securityhub:GetFindings',
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hub/default' },
      },
    ]);
  });
});

describeNagClean(() => ({ defaults: on, custom: org }));
