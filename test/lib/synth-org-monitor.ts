/** Test support for the organization stack tests: one synthesized OrgMonitorStack per context, stub handlers. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, type PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseConfig } from '../../lib/config';
import { OrgMonitorStack } from '../../lib/org-monitor-stack';
import { FEATURE_FLAGS, STUB_ENTRY } from './synth-monitor';

export interface SynthesizedOrgMonitor {
  readonly app: App;
  readonly stack: OrgMonitorStack;
  readonly template: Template;
  /** cdk-nag AwsSolutions findings that are not acknowledged (errors and warnings). */
  readonly nag: PolicyValidationPluginReport;
  readonly outdir: string;
}

/** `context` is CDK context as from `-c` (deployment=organization is added). */
export function synthOrgMonitor(
  context: Record<string, unknown>,
  options: { cloudFormationValidation?: boolean } = {},
): SynthesizedOrgMonitor {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-monitor-test-'));
  const app = new App({
    outdir,
    context: FEATURE_FLAGS,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
  });
  const config = parseConfig({ deployment: 'organization', ...context });
  const stack = new OrgMonitorStack(app, 'OrgMonitor', {
    config: { ...config, organization: config.organization! },
    entries: { listAccounts: STUB_ENTRY, scanAccount: STUB_ENTRY, aggregate: STUB_ENTRY },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  const nag = new AwsSolutionsChecks().validateScope(app);
  return { app, stack, template, nag, outdir };
}
