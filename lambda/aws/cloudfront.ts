import { CloudFrontClient, paginateListDistributions } from '@aws-sdk/client-cloudfront';
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
        loadBalancerType: 'cloudfront',
        region: 'global',
        loadBalancerName: distribution.Id,
        ...(distribution.ARN !== undefined ? { loadBalancerArn: distribution.ARN } : {}),
        ...(distribution.DomainName !== undefined ? { dnsName: distribution.DomainName } : {}),
        aliases: distribution.Aliases?.Items ?? [],
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
      });
    }
  }
}
