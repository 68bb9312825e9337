import { CloudFrontClient, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import type { ObservedCertificateUse } from '../domain/types';

/** Emits every CloudFront distribution that serves an IAM certificate (referenced by its certificate id). */
export async function scanCloudFrontDistributions(
  client: CloudFrontClient,
  emit: (use: ObservedCertificateUse) => void,
  abortSignal?: AbortSignal,
): Promise<void> {
  const pages = paginateListDistributions({ client, stopOnSameToken: true }, {}, { abortSignal });
  for await (const page of pages) {
    for (const distribution of page.DistributionList?.Items ?? []) {
      const certificateRef = distribution.ViewerCertificate?.IAMCertificateId;
      if (!certificateRef || !distribution.Id) continue;
      emit({
        certificateRef,
        loadBalancerType: 'cloudfront',
        region: 'global',
        loadBalancerName: distribution.Id,
        loadBalancerArn: distribution.ARN,
        dnsName: distribution.DomainName,
        aliases: distribution.Aliases?.Items ?? [],
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
      });
    }
  }
}
