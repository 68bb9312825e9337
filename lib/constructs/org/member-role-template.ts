/**
 * Pure: the CloudFormation template of the member read role, deployed by the StackSet into every member account.
 *
 * A plain template object rather than a synthesized CDK stack: a CDK stack would bring the bootstrap-version
 * parameter and rule (member accounts are not CDK-bootstrapped) and metadata, and could pull in assets, which a
 * StackSet template cannot have. This one holds exactly one role and is tested as data.
 */
import {
  SECURITY_HUB_IMPORT_ACTION,
  SECURITY_HUB_READ_ACTION,
  securityHubHubArn,
  securityHubProductArn,
} from '../../../contract/sink-permissions';
import { readStatements } from '../read-policy';

/** The template parameter that carries the hub's scanning role ARN (the only principal the role trusts). */
export const HUB_ROLE_ARN_PARAMETER = 'HubScanRoleArn';

/** The member account's own server certificates: resolved in each member account, not the hub's. */
const MEMBER_SERVER_CERTIFICATES = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:server-certificate/*' };
const MEMBER_ACM_CERTIFICATES = { 'Fn::Sub': 'arn:${AWS::Partition}:acm:*:${AWS::AccountId}:certificate/*' };

/** The member's own account and region (the StackSet deploys to the hub's region only): resolved in each member. */
const MEMBER = { partition: '${AWS::Partition}', region: '${AWS::Region}', account: '${AWS::AccountId}' };

/** With `securityHub`, the role may import and read the member's own findings: its default product and hub only. */
function securityHubStatements(securityHub: boolean) {
  if (!securityHub) return [];
  return [
    {
      Sid: 'ImportOwnSecurityHubFindings',
      Effect: 'Allow',
      Action: SECURITY_HUB_IMPORT_ACTION,
      Resource: { 'Fn::Sub': securityHubProductArn(MEMBER) },
    },
    {
      Sid: 'ReadOwnSecurityHubFindings',
      Effect: 'Allow',
      Action: SECURITY_HUB_READ_ACTION,
      Resource: { 'Fn::Sub': securityHubHubArn(MEMBER) },
    },
  ];
}

export function memberRoleTemplate(
  roleName: string,
  options: { readonly securityHub?: boolean } = {},
): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'IAM certificate expiry monitor: read-only role the organization hub assumes to scan this account',
    Parameters: {
      [HUB_ROLE_ARN_PARAMETER]: {
        Type: 'String',
        Description:
          "ARN of the hub's scan-account function role, the only principal allowed to assume the reader role",
        AllowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$',
      },
    },
    Resources: {
      ReaderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: roleName,
          Description:
            'IAM certificate expiry monitor: list IAM server certificates and the load balancers and CloudFront distributions using them (read-only)',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: { Ref: HUB_ROLE_ARN_PARAMETER } }, Action: 'sts:AssumeRole' },
            ],
          },
          Policies: [
            {
              PolicyName: 'ReadServerCertificatesAndTheirUsers',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  ...readStatements(MEMBER_SERVER_CERTIFICATES, MEMBER_ACM_CERTIFICATES).map((s) => ({
                    Sid: s.sid,
                    Effect: 'Allow',
                    Action: s.actions,
                    Resource: s.resource,
                  })),
                  ...securityHubStatements(options.securityHub ?? false),
                ],
              },
            },
          ],
        },
      },
    },
    Outputs: { ReaderRoleArn: { Value: { 'Fn::GetAtt': ['ReaderRole', 'Arn'] } } },
  };
}
