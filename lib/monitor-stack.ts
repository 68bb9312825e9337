import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { MonitorConfig } from './config';
import { IamCertExpiryMonitor, monitorPropsOf } from './iam-cert-expiry-monitor';

export interface MonitorStackProps extends StackProps {
  /** Parsed and validated configuration (see `parseConfig`). */
  readonly config: MonitorConfig;
  /**
   * Handler module of the checker, relative to the repository root. Tests point it at a stub.
   * @default 'lambda/handler.ts'
   */
  readonly entry?: string;
}

/** The app's account deployment: the configuration from CDK context, as the props of one IamCertExpiryMonitor. */
export class MonitorStack extends Stack {
  public readonly monitor: IamCertExpiryMonitor;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, {
      description:
        'IAM server certificate expiry monitor: daily check, alert by email/Slack with the load balancers affected',
      ...props,
    });
    // Construct id `Default` is left out of logical ids: every resource keeps the id it had when the stack built
    // them itself, so a deployed stack updates in place.
    this.monitor = new IamCertExpiryMonitor(
      this,
      'Default',
      monitorPropsOf(props.config),
      props.entry ? { entry: props.entry } : {},
    );
  }
}
