/** Test support for the construct tests: each construct built alone in a bare stack, read back as a template. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { logicalIdOf } from '../../../lib/constructs/logical-id';
import { statementsOfRole } from '../synth-monitor';

export { STUB_ENTRY } from '../synth-monitor';

export type Json = Record<string, unknown>;

const outdirs: string[] = [];
// Staged assets (bundled functions) go to one temporary directory per app; each test file removes its own.
afterAll(() => {
  for (const outdir of outdirs.splice(0)) fs.rmSync(outdir, { recursive: true, force: true });
});

/**
 * A stack named `Stack` in an app of its own, with nothing in it. Without CDK's CloudFormation schema check: in an
 * app without the cdk.json feature flag `@aws-cdk/core:validateAgainstDefaultRules` its findings are only printed,
 * never thrown, while starting its engine costs seconds of CPU in every test file. The stack tests run the check
 * with the flag on (test/lib/synth-monitor.ts), where a finding fails the synth.
 */
export function bareStack(): Stack {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'construct-test-'));
  outdirs.push(outdir);
  return new Stack(new App({ outdir, builtinCloudFormationValidation: false }), 'Stack');
}

/** A function with inline code (nothing to bundle) for the constructs that only reference one. */
export function inlineFunction(scope: Stack, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
}

/** `{ Ref: <logical id> }` of a construct's CloudFormation resource. */
export const ref = (construct: IConstruct): Json => ({ Ref: logicalIdOf(construct) });
/** `{ Fn::GetAtt: [<logical id>, Arn] }` of a construct's CloudFormation resource. */
export const arnOf = (construct: IConstruct): Json => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });

/** Every identity-policy statement of a role (inline and attached). */
export function statementsOf(template: Template, role: IConstruct): Json[] {
  return statementsOfRole(template, logicalIdOf(role));
}

/** The actions of the statements, sorted (duplicates kept: a repeated grant shows). */
export function sortedActions(statements: readonly Json[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? (s.Action as string[]) : [s.Action as string])).sort();
}

/** The one statement with this sid. */
export function statementWithSid(statements: readonly Json[], sid: string): Json {
  const found = statements.filter((s) => s.Sid === sid);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** `kms:ViaService` = `<service>.<stack region>.amazonaws.com` of each service, as an env-agnostic stack writes it. */
export function viaServiceCondition(...services: string[]): Json {
  const names = services.map((service) => ({
    'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.amazonaws.com']],
  }));
  return { StringEquals: { 'kms:ViaService': names.length === 1 ? names[0] : names } };
}
