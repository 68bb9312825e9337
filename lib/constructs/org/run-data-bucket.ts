import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RUN_DATA_RETENTION_DAYS_RULE } from '../../../contract/validation';
import { bucketInterface } from '../bucket-interface';
import { checkProps } from '../prop-checks';
import { RUN_DATA_PREFIX } from '../../../contract/organization';

export interface RunDataBucketProps {
  /** Days after which run data expires. */
  readonly retentionDays: number;
}

/**
 * The organization run's working data: the account list, the Distributed Map's results and the large per-account
 * reports, each run under its own prefix. Encrypted with its own customer-managed key (rotation on; S3 Bucket Keys
 * cut the KMS requests of a 1,000-account run to a few), so access to run data is granted apart from the alert
 * topic's key. TLS only, public access blocked, owner-enforced objects, no versioning (every object is written once
 * per run and expires), and emptied and removed with the stack: it holds nothing a new run does not rebuild.
 */
export class RunDataBucket extends Construct {
  public readonly bucket: s3.IBucket;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: RunDataBucketProps) {
    super(scope, id);
    checkProps(this, { retentionDays: [props.retentionDays, RUN_DATA_RETENTION_DAYS_RULE] });
    this.key = new kms.Key(this, 'Key', {
      description:
        'Encrypts the run data of the IAM certificate expiry monitor organization run (account lists, results, reports)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    });
    this.bucket = bucketInterface(
      new s3.Bucket(this, 'Bucket', {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: false,
        lifecycleRules: [
          {
            id: 'ExpireRunData',
            prefix: RUN_DATA_PREFIX,
            expiration: Duration.days(props.retentionDays),
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ],
        removalPolicy: RemovalPolicy.DESTROY,
        autoDeleteObjects: true,
      }),
    );
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "Server access logs would record only this stack's own roles (the run's functions and state machine) reading and writing " +
        'short-lived run data that expires on a lifecycle rule; CloudTrail data events are the audit trail if one is required, ' +
        'without a second bucket to secure and expire.',
    });
  }
}
