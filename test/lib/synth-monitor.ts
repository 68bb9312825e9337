/** Test support for the stack tests: one synthesized MonitorStack per distinct context (esbuild bundling is slow). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseConfig } from '../../lib/config';
import { MonitorStack } from '../../lib/monitor-stack';
import cdkJson from '../../cdk.json';

export const STUB_ENTRY = 'test/lib/fixtures/stub-handler.ts';

/** cdk.json context without our keys: the feature flags a real `cdk synth` runs with. */
export const FEATURE_FLAGS = Object.fromEntries(Object.entries(cdkJson.context).filter(([k]) => k.includes(':')));

export interface SynthesizedMonitor {
  readonly app: App;
  readonly stack: MonitorStack;
  readonly template: Template;
  /** cdk-nag AwsSolutions findings that are not acknowledged (errors and warnings). */
  readonly nag: PolicyValidationPluginReport;
  readonly outdir: string;
}

export interface SynthOptions {
  /** Run CDK's built-in CloudFormation schema validation too (about 7 s). */
  readonly cloudFormationValidation?: boolean;
  /**
   * Construct id (= stack name) of the stack; the names derived from it (topic, alarms) follow.
   * @default 'Monitor'
   */
  readonly stackId?: string;
}

export function synthMonitor(context: Record<string, unknown> = {}, options: SynthOptions = {}): SynthesizedMonitor {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-test-'));
  const app = new App({
    outdir,
    context: FEATURE_FLAGS,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
  });
  const stack = new MonitorStack(app, options.stackId ?? 'Monitor', {
    config: parseConfig(context),
    entry: STUB_ENTRY,
  });
  // As in bin/: the v3 plugin. An in-memory app throws on synth when a finding of severity error is unacknowledged.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  const nag = new AwsSolutionsChecks().validateScope(app);
  return { app, stack, template, nag, outdir };
}

type Json = Record<string, unknown>;

/** Every statement of every identity policy attached to the role with this logical id (inline + AWS::IAM::Policy). */
export function statementsOfRole(template: Template, roleLogicalId: string): Json[] {
  const role = template.toJSON().Resources[roleLogicalId] as {
    Properties: { Policies?: { PolicyDocument: { Statement: Json[] } }[] };
  };
  const inline = (role.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
  return [...inline, ...attached];
}

/** A `kms:` grant of an identity policy: its actions (sorted) and the services its `kms:ViaService` condition admits. */
export interface KeyGrant {
  readonly actions: string[];
  /** `sns.<region>.amazonaws.com` read back as `sns`; empty when the statement has no such condition. */
  readonly viaServices: string[];
}

/** Every statement of every identity policy (inline or AWS::IAM::Policy) of the template that allows a `kms:` action. */
export function keyGrants(template: Template): KeyGrant[] {
  const inline = Object.values(template.findResources('AWS::IAM::Role')).flatMap((r) =>
    ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Json[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  );
  const attached = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Json[],
  );
  const serviceOf = (name: unknown): string => {
    // A name in an environment-agnostic stack: { Fn::Join: ['', ['sns.', { Ref: AWS::Region }, '.amazonaws.com']] }.
    const first = typeof name === 'string' ? name : (name as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][0];
    return String(first).split('.')[0]!;
  };
  return [...inline, ...attached]
    .map((s) => ({ s, actions: Array.isArray(s.Action) ? (s.Action as string[]) : [s.Action as string] }))
    .filter(({ actions }) => actions.some((a) => a.startsWith('kms:')))
    .map(({ s, actions }) => {
      const names = (s.Condition as { StringEquals?: Json } | undefined)?.StringEquals?.['kms:ViaService'];
      const list = names === undefined ? [] : Array.isArray(names) ? names : [names];
      return { actions: [...actions].sort(), viaServices: list.map(serviceOf) };
    });
}

export function logicalIdOf(stack: MonitorStack, construct: { node: { defaultChild?: unknown } } | object): string {
  const child = (construct as { node: { defaultChild?: unknown } }).node.defaultChild ?? construct;
  return stack.getLogicalId(child as Parameters<MonitorStack['getLogicalId']>[0]);
}

/** Replaces asset hashes (which change with every esbuild or stub change) for snapshots. */
export function normaliseAssetHashes(template: Json): Json {
  // A function version's logical id ends in a hash of the function's properties, code asset included.
  const json = JSON.stringify(template).replace(/(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}/g, '$1VERSION_HASH');
  return JSON.parse(json.replace(/[0-9a-f]{64}(\.zip)?/g, 'ASSET_HASH$1')) as Json;
}

/** What the cdk-nag suite needs of a synthesized stack (account or organization). */
export interface NagChecked {
  readonly stack: Stack;
  readonly nag: PolicyValidationPluginReport;
  readonly outdir: string;
}

/**
 * The cdk-nag AwsSolutions (v3) suite every stack passes: no unacknowledged finding, no annotation, and no
 * violation in the validation report synth writes. `synths` is read when the tests run (after beforeAll).
 */
export function describeNagClean(synths: () => { readonly defaults: NagChecked; readonly custom: NagChecked }): void {
  describe('cdk-nag AwsSolutions (v3)', () => {
    test.each([['defaults'], ['custom']] as const)('%s: no unacknowledged findings, errors or warnings', (which) => {
      const s = synths()[which];
      expect(
        s.nag.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`),
      ).toEqual([]);
      expect(s.nag.success).toBe(true);
    });

    test('nothing surfaces as an annotation either', () => {
      for (const s of Object.values(synths())) {
        const annotations = Annotations.fromStack(s.stack);
        expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions'))).toEqual([]);
        expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions'))).toEqual([]);
        expect(annotations.findError('*', Match.anyValue())).toEqual([]);
      }
    });

    test('the validation report written by synth lists no violation (acknowledged ones are kept apart)', () => {
      const report = fs.readFileSync(path.join(synths().defaults.outdir, 'validation-report.json'), 'utf8');
      expect(report).not.toMatch(/"severity":"(error|fatal)"/);
    });
  });
}
