import {
  CloudFrontClient,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  paginateListDistributions,
  UpdateDistributionCommand,
  type DistributionConfig,
  type ViewerCertificate,
} from '@aws-sdk/client-cloudfront';
import type { ObservedCertificateUse } from '../domain/types';
import { boundedPages } from './bounded-pages';
import { LISTING_PAGE_CAPS } from './listing-caps';

/** Emits every CloudFront distribution that serves an IAM certificate (referenced by its certificate id). */
export async function scanCloudFrontDistributions(
  client: CloudFrontClient,
  emit: (use: ObservedCertificateUse) => void,
  abortSignal?: AbortSignal,
): Promise<void> {
  const pages = boundedPages(paginateListDistributions({ client }, {}, { abortSignal }), {
    action: 'ListDistributions',
    maxPages: LISTING_PAGE_CAPS.cloudFrontDistributions,
    nextToken: (page) => page.DistributionList?.NextMarker,
    abortSignal,
  });
  for await (const page of pages) {
    for (const distribution of page.DistributionList?.Items ?? []) {
      const certificateRef = distribution.ViewerCertificate?.IAMCertificateId;
      if (!certificateRef || !distribution.Id) continue;
      emit({
        certificateRef,
        kind: 'distribution',
        id: distribution.Id,
        ...(distribution.ARN !== undefined ? { arn: distribution.ARN } : {}),
        ...(distribution.DomainName !== undefined ? { domainName: distribution.DomainName } : {}),
        aliases: distribution.Aliases?.Items ?? [],
      });
    }
  }
}

/** The certificate a distribution's config names: an IAM certificate id, or an ACM ARN (us-east-1). */
export type ViewerCertificateRef = { readonly iamCertificateId: string } | { readonly acmCertificateArn: string };

/** A distribution's config as read, with the ETag that an update of it must send as `If-Match`. */
export interface EditableDistribution {
  readonly id: string;
  readonly etag: string;
  readonly config: DistributionConfig;
  /** What its viewer certificate is now; undefined: CloudFront's default certificate. */
  readonly served?: ViewerCertificateRef;
}

export async function getDistributionConfig(client: CloudFrontClient, id: string): Promise<EditableDistribution> {
  const { DistributionConfig: config, ETag } = await client.send(new GetDistributionConfigCommand({ Id: id }));
  if (!config || !ETag) throw new Error(`GetDistributionConfig of ${id} returned no config or no ETag`);
  const viewer = config.ViewerCertificate;
  const served = viewer?.IAMCertificateId
    ? { iamCertificateId: viewer.IAMCertificateId }
    : viewer?.ACMCertificateArn
      ? { acmCertificateArn: viewer.ACMCertificateArn }
      : undefined;
  return { id, etag: ETag, config, ...(served ? { served } : {}) };
}

/**
 * The config with only its viewer certificate replaced: `IAMCertificateId` or `ACMCertificateArn` (one of them,
 * never both), the deprecated `Certificate`/`CertificateSource` kept in step when present, and
 * `SSLSupportMethod` and `MinimumProtocolVersion` as they were. Pure.
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html
 */
export function withViewerCertificate(config: DistributionConfig, to: ViewerCertificateRef): DistributionConfig {
  const {
    IAMCertificateId: _iam,
    ACMCertificateArn: _acm,
    Certificate: legacy,
    CertificateSource: _source,
    ...kept
  } = config.ViewerCertificate ?? {};
  const viewer: ViewerCertificate =
    'iamCertificateId' in to
      ? {
          ...kept,
          CloudFrontDefaultCertificate: false,
          IAMCertificateId: to.iamCertificateId,
          ...(legacy !== undefined ? { Certificate: to.iamCertificateId, CertificateSource: 'iam' } : {}),
        }
      : { ...kept, CloudFrontDefaultCertificate: false, ACMCertificateArn: to.acmCertificateArn };
  return { ...config, ViewerCertificate: viewer };
}

/**
 * Points the distribution read at another certificate: `UpdateDistribution` with the whole config and
 * `If-Match` = the read's ETag, so a change made since the read fails with `PreconditionFailed` instead of being
 * overwritten.
 */
export async function updateDistributionCertificate(
  client: CloudFrontClient,
  read: EditableDistribution,
  to: ViewerCertificateRef,
): Promise<void> {
  await client.send(
    new UpdateDistributionCommand({
      Id: read.id,
      IfMatch: read.etag,
      DistributionConfig: withViewerCertificate(read.config, to),
    }),
  );
}

/** `Deployed` once every edge location has the distribution's last change; `InProgress` until then. */
export async function distributionStatus(client: CloudFrontClient, id: string): Promise<string | undefined> {
  const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }));
  return Distribution?.Status;
}
