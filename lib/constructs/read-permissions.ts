import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ACM_CERTIFICATE_READ_ACTIONS,
  CERTIFICATE_READ_ACTIONS,
  UNSCOPED_READ_ACTIONS,
  readStatements,
} from './read-policy';

/**
 * Grants `role` the scan's read actions in its own account (see read-policy.ts) and acknowledges the two
 * wildcards cdk-nag reports on them, with the reason, on the role's default policy.
 */
export function grantReadPermissions(role: iam.Role): void {
  const stack = Stack.of(role);
  const certificates = stack.formatArn({
    service: 'iam',
    region: '',
    resource: 'server-certificate',
    resourceName: '*',
  });
  const acmCertificates = stack.formatArn({ service: 'acm', region: '*', resource: 'certificate', resourceName: '*' });
  for (const statement of readStatements(certificates, acmCertificates)) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: statement.sid, actions: [...statement.actions], resources: [statement.resource] }),
    );
  }
  const defaultPolicy = role.node.findChild('DefaultPolicy');
  Validations.of(defaultPolicy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      `Only for ${UNSCOPED_READ_ACTIONS.join(', ')}: the IAM service authorization reference lists no resource types for these ` +
      'List/Describe actions, so "*" is the only valid resource. All are read-only and the role holds nothing broader.',
  });
  Validations.of(defaultPolicy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:server-certificate/*]',
    reason:
      `Only for ${CERTIFICATE_READ_ACTIONS.join(', ')} (read-only): the scan reads the tags (and, on a day with findings, the public bodies) of whichever server ` +
      'certificates exist in this account, whose names are not known at deploy time; scoped to server certificates of this account.',
  });
  Validations.of(defaultPolicy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:acm:*:<AWS::AccountId>:certificate/*]',
    reason:
      `Only for ${ACM_CERTIFICATE_READ_ACTIONS.join(', ')} (read-only): a flagged certificate's renewal may be any ACM certificate ` +
      'of this account in any region that serves it, unknown at deploy time; scoped to ACM certificates of this account.',
  });
}
