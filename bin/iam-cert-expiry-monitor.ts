#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONTEXT_KEYS, ConfigError, parseConfig } from '../lib/config';
import { MonitorStack } from '../lib/monitor-stack';
import { OrgMonitorStack } from '../lib/org-monitor-stack';

const app = new App();

// Our keys through tryGetContext; the full context to refuse keys that are neither ours nor CDK's.
const context: Record<string, unknown> = { ...app.node.getAllContext() };
for (const key of CONTEXT_KEYS) context[key] = app.node.tryGetContext(key);

let config;
try {
  config = parseConfig(context, { requireSubscribers: true });
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  // Message only (no stack trace), and exit before any stack exists, so no template is written.
  console.error(e.message);
  process.exit(1);
}

// Environment-agnostic: one template deploys to any account and region, and synth needs no credentials.
// deployment=organization: the organization stack, deployed once into the management or delegated admin account.
if (config.organization)
  new OrgMonitorStack(app, 'IamCertExpiryMonitorOrg', { config: { ...config, organization: config.organization } });
else new MonitorStack(app, 'IamCertExpiryMonitor', { config });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
