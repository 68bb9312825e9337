import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { READ_PERMISSIONS } from '../../../contract/permissions';
import { grantReadPermissions } from '../../../lib/constructs/read-permissions';
import {
  ACM_CERTIFICATE_READ_ACTIONS,
  CERTIFICATE_READ_ACTIONS,
  readStatements,
  UNSCOPED_READ_ACTIONS,
} from '../../../lib/constructs/read-policy';
import { bareStack, sortedActions, statementsOf, statementWithSid } from './support';

describe('readStatements', () => {
  test('every read action once: "*" where IAM allows nothing narrower, else the given certificates', () => {
    const statements = readStatements('certificates', 'acm-certificates');
    expect(statements.flatMap((s) => s.actions).sort()).toEqual(READ_PERMISSIONS.map((p) => p.action).sort());
    expect(statements).toEqual([
      { sid: 'ReadActionsWithoutResourceLevelPermissions', actions: UNSCOPED_READ_ACTIONS, resource: '*' },
      { sid: 'ReadServerCertificates', actions: CERTIFICATE_READ_ACTIONS, resource: 'certificates' },
      { sid: 'ReadAcmCertificates', actions: ACM_CERTIFICATE_READ_ACTIONS, resource: 'acm-certificates' },
    ]);
    expect(CERTIFICATE_READ_ACTIONS).toEqual(['iam:ListServerCertificateTags', 'iam:GetServerCertificate']);
    expect(ACM_CERTIFICATE_READ_ACTIONS).toEqual(['acm:DescribeCertificate', 'acm:ListTagsForCertificate']);
    expect(UNSCOPED_READ_ACTIONS).toContain('acm:ListCertificates');
  });
});

describe('grantReadPermissions', () => {
  test("adds exactly the read actions to the role, certificates scoped to this account's", () => {
    const stack = bareStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    grantReadPermissions(role);
    const statements = statementsOf(Template.fromStack(stack), role);
    expect(sortedActions(statements)).toEqual(READ_PERMISSIONS.map((p) => p.action).sort());
    expect(statementWithSid(statements, 'ReadActionsWithoutResourceLevelPermissions').Resource).toBe('*');
    expect(statementWithSid(statements, 'ReadServerCertificates').Resource).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':server-certificate/*'],
      ],
    });
    expect(statementWithSid(statements, 'ReadAcmCertificates').Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':acm:*:', { Ref: 'AWS::AccountId' }, ':certificate/*']],
    });
  });
});
