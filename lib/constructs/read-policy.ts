/**
 * Pure: the identity-policy statements that allow exactly the scan's read actions (READ_PERMISSIONS), scoped as
 * far as IAM allows. One source for the checker's role, the organization scan function's role (its own account)
 * and the member role the StackSet deploys (written as a plain CloudFormation template).
 */
import { READ_PERMISSIONS } from '../../contract/permissions';

export interface ReadStatement<R> {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resource: '*' | R;
}

/** Actions that IAM lets us grant on `*` only (no resource types in the service authorization reference). */
export const UNSCOPED_READ_ACTIONS = READ_PERMISSIONS.filter((p) => p.resource === '*').map((p) => p.action);
/** Actions scoped to the account's server certificates. */
export const CERTIFICATE_READ_ACTIONS = READ_PERMISSIONS.filter((p) => p.resource === 'server-certificate').map(
  (p) => p.action,
);

/** Actions scoped to the account's ACM certificates (any region). */
export const ACM_CERTIFICATE_READ_ACTIONS = READ_PERMISSIONS.filter((p) => p.resource === 'acm-certificate').map(
  (p) => p.action,
);

/**
 * @param serverCertificates the ARN pattern of the account's server certificates (`arn:…:server-certificate/*`)
 * @param acmCertificates the ARN pattern of the account's ACM certificates in every region (`arn:…:acm:*:…:certificate/*`)
 */
export function readStatements<R>(serverCertificates: R, acmCertificates: R): ReadStatement<R>[] {
  return [
    ...(UNSCOPED_READ_ACTIONS.length > 0
      ? [{ sid: 'ReadActionsWithoutResourceLevelPermissions', actions: UNSCOPED_READ_ACTIONS, resource: '*' as const }]
      : []),
    ...(CERTIFICATE_READ_ACTIONS.length > 0
      ? [{ sid: 'ReadServerCertificates', actions: CERTIFICATE_READ_ACTIONS, resource: serverCertificates }]
      : []),
    ...(ACM_CERTIFICATE_READ_ACTIONS.length > 0
      ? [{ sid: 'ReadAcmCertificates', actions: ACM_CERTIFICATE_READ_ACTIONS, resource: acmCertificates }]
      : []),
  ];
}
