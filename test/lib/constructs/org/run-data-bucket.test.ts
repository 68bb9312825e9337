import { Match, Template } from 'aws-cdk-lib/assertions';
import { RunDataBucket } from '../../../../lib/constructs/org/run-data-bucket';
import { arnOf, bareStack } from '../support';

function build(retentionDays: number) {
  const stack = bareStack();
  const runData = new RunDataBucket(stack, 'RunData', { retentionDays });
  return { runData, template: Template.fromStack(stack) };
}

describe('RunDataBucket', () => {
  const built = build(30);

  test('encrypted with its own rotating key (bucket keys on), TLS only, private, owner-enforced, unversioned', () => {
    const { template, runData } = built;
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arnOf(runData.key) },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 30 });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: [arnOf(runData.bucket), { 'Fn::Join': ['', [arnOf(runData.bucket), '/*']] }],
          },
          // The auto-delete provider empties the bucket when the stack is deleted.
          Match.objectLike({ Action: Match.arrayWith(['s3:DeleteObject*']) }),
        ],
      },
    });
  });

  test('run data expires under runs/ after retentionDays; incomplete uploads after a day', () => {
    const rule = {
      Id: 'ExpireRunData',
      Prefix: 'runs/',
      Status: 'Enabled',
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    };
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ ...rule, ExpirationInDays: 30 }] },
    });
    build(3).template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ ...rule, ExpirationInDays: 3 }] },
    });
  });

  test('emptied and deleted with the stack', () => {
    built.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    built.template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
  });
});
