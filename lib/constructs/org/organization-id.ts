import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS_RULE } from '../../../contract/validation';
import { checkProps } from '../prop-checks';
import { awsCustomResourceLogGroup } from '../provider-logs';

export interface OrganizationIdProps {
  /** Retention of the log group of CDK's AwsCustomResource function, which reads the id. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * This organization's id (`o-…`), read at deploy time with organizations:DescribeOrganization (callable from the
 * management account and from any member, so also from a delegated administrator). Read rather than configured:
 * one key fewer to get wrong, and the id scopes the hub's sts:AssumeRole (aws:ResourceOrgID), so a typo there
 * would silently make every member "not assumable".
 */
export class OrganizationId extends Construct {
  public readonly organizationId: string;

  constructor(scope: Construct, id: string, props: OrganizationIdProps) {
    super(scope, id);
    checkProps(this, { logRetention: [props.logRetention, LOG_RETENTION_DAYS_RULE] });
    const call: cr.AwsSdkCall = {
      service: 'Organizations',
      action: 'describeOrganization',
      physicalResourceId: cr.PhysicalResourceId.fromResponse('Organization.Id'),
      outputPaths: ['Organization.Id'],
    };
    const describe = new cr.AwsCustomResource(this, 'DescribeOrganization', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['organizations:DescribeOrganization'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
      logGroup: awsCustomResourceLogGroup(this, props.logRetention),
    });
    this.organizationId = describe.getResponseField('Organization.Id');
    Validations.of(describe.grantPrincipal as unknown as Construct).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "The AwsCustomResource provider function (CDK's) writes its logs through AWSLambdaBasicExecutionRole; it runs only on " +
        'deployment and holds nothing else but organizations:DescribeOrganization.',
    });
    Validations.of(describe).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'organizations:DescribeOrganization (read-only, run once per deployment) supports no resource-level permissions: "*" is the only valid resource.',
    });
  }
}
