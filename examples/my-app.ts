#!/usr/bin/env node
/**
 * Both monitors in a CDK app of your own. In your app, import from lib/ of your checkout of this repository.
 * Synthesize this one from the repository: npx cdk synth --app 'npx tsx examples/my-app.ts'
 */
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { IamCertExpiryMonitor, IamCertExpiryOrganizationMonitor } from '../lib';

/** A workload account's monitoring stack: the account monitor beside what the team already runs. */
export class PlatformMonitoringStack extends Stack {
  public readonly certificates: IamCertExpiryMonitor;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.certificates = new IamCertExpiryMonitor(this, 'CertificateExpiry', {
      alertEmails: ['platform-oncall@example.com'],
      regions: ['us-east-1', 'eu-west-1'],
      thresholdDays: 14,
      warningDays: 45,
      schedule: 'cron(0 7 ? * MON-FRI *)',
      scheduleTimezone: 'Europe/Berlin',
      // The endpoint below reads the alerts too: the alert then says where its commands are.
      topicSubscribedElsewhere: true,
    });
    // The alert topic is an ordinary (encrypted, TLS-only) SNS topic: subscribe what you already use.
    this.certificates.alerts.topic.addSubscription(
      new subscriptions.UrlSubscription('https://hooks.example.com/certificate-alerts'),
    );
  }
}

/** The management account's security tooling stack: the organization hub. */
export class SecurityToolingStack extends Stack {
  public readonly certificates: IamCertExpiryOrganizationMonitor;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.certificates = new IamCertExpiryOrganizationMonitor(this, 'CertificateExpiry', {
      organizationalUnits: ['ou-ab12-11111111', 'ou-ab12-22222222'],
      alertEmails: ['security@example.com'],
      accountAlertEmails: { '111111111111': ['payments-team@example.com'] },
      securityHub: true,
    });
  }
}

/** The app: each stack deploys to its own account (`cdk deploy Platform` with the workload's credentials...). */
export function buildExampleApp(app: App = new App()): App {
  new PlatformMonitoringStack(app, 'Platform');
  new SecurityToolingStack(app, 'SecurityTooling');
  return app;
}

if (require.main === module) buildExampleApp().synth();
