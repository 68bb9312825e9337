import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * A bucket as the `IBucket` that aws-cdk-lib's own APIs take. aws-cdk-lib is not written for
 * exactOptionalPropertyTypes: `Bucket` declares `isWebsite` as `boolean | undefined` where `IBucket` has an
 * optional `boolean`, so the compiler refuses the one as the other. The bucket is unchanged; only its static type is.
 */
export function bucketInterface(bucket: s3.Bucket): s3.IBucket {
  return bucket as s3.IBucket;
}
