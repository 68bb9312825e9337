import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { MonitorConfig, OrganizationConfig } from './config';
import {
  IamCertExpiryOrganizationMonitor,
  type OrgHandlerEntries,
  organizationMonitorPropsOf,
} from './iam-cert-expiry-organization-monitor';

export interface OrgMonitorStackProps extends StackProps, OrgHandlerEntries {
  /** Parsed and validated configuration with `deployment=organization` (see `parseConfig`). */
  readonly config: MonitorConfig & { readonly organization: OrganizationConfig };
}

/**
 * The app's organization deployment: the configuration from CDK context, as the props of one
 * IamCertExpiryOrganizationMonitor.
 */
export class OrgMonitorStack extends Stack {
  public readonly monitor: IamCertExpiryOrganizationMonitor;

  constructor(scope: Construct, id: string, props: OrgMonitorStackProps) {
    super(scope, id, {
      description:
        'IAM server certificate expiry monitor for an AWS Organization: member read role, Step Functions fan-out, one digest',
      ...props,
    });
    // Construct id `Default` is left out of logical ids: every resource keeps the id it had when the stack built
    // them itself, so a deployed stack updates in place.
    this.monitor = new IamCertExpiryOrganizationMonitor(
      this,
      'Default',
      organizationMonitorPropsOf(props.config),
      props.entries ? { entries: props.entries } : {},
    );
  }
}
