/**
 * The package's entry point: the monitor as constructs to put into your own CDK app. The same options as the CDK
 * context keys of the app in this repository, typed and checked the same way.
 */
export { IamCertExpiryMonitor, type IamCertExpiryMonitorProps } from './iam-cert-expiry-monitor';
export {
  IamCertExpiryOrganizationMonitor,
  type IamCertExpiryOrganizationMonitorProps,
} from './iam-cert-expiry-organization-monitor';
export type { CommonMonitorProps } from './monitor-props';
export type { SlackConfig } from './constructs/alert-topic';
export type { DeployedAs } from './constructs/org/member-role-stack-set';
export { PropsError } from './constructs/prop-checks';
