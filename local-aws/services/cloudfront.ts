/** CloudFront (REST-XML, 2020-05-31): ListDistributions (`GET /2020-05-31/distribution?Marker=&MaxItems=`). */
import { paginate } from '../protocols/paging';
import { AwsError } from '../protocols/aws-error';
import type { IndexedDistribution } from '../estate/scenario-index';
import { el, escapeXml, node } from '../protocols/xml';
import type { ServiceDefinition } from './service';

export const CLOUDFRONT_NAMESPACE = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const MODIFIED = new Date('2023-02-01T08:00:00Z');

function quantityList(name: string, itemTag: string, items: readonly string[]): string {
  const inner = items.map((i) => node(itemTag, i)).join('');
  return node(name, el('Quantity', items.length) + (items.length > 0 ? node('Items', inner) : ''));
}

function viewerCertificateXml(d: IndexedDistribution): string {
  if (!d.iamCertificateId) {
    return node(
      'ViewerCertificate',
      el('CloudFrontDefaultCertificate', true) +
        el('MinimumProtocolVersion', d.minimumProtocolVersion) +
        el('CertificateSource', 'cloudfront'),
    );
  }
  return node(
    'ViewerCertificate',
    el('CloudFrontDefaultCertificate', false) +
      el('IAMCertificateId', d.iamCertificateId) +
      el('SSLSupportMethod', d.sslSupportMethod) +
      el('MinimumProtocolVersion', d.minimumProtocolVersion) +
      el('Certificate', d.iamCertificateId) +
      el('CertificateSource', 'iam'),
  );
}

function summaryXml(d: IndexedDistribution): string {
  const originId = `origin-${d.id}`;
  return node(
    'DistributionSummary',
    el('Id', d.id) +
      el('ARN', d.arn) +
      el('Status', 'Deployed') +
      el('LastModifiedTime', MODIFIED) +
      el('DomainName', d.domainName) +
      quantityList('Aliases', 'CNAME', d.aliases.map(escapeXml)) +
      quantityList('Origins', 'Origin', [
        el('Id', originId) +
          el('DomainName', `${d.id.toLowerCase()}-origin.example.com`) +
          el('OriginPath', '') +
          node('CustomHeaders', el('Quantity', 0)) +
          node(
            'CustomOriginConfig',
            el('HTTPPort', 80) + el('HTTPSPort', 443) + el('OriginProtocolPolicy', 'https-only'),
          ),
      ]) +
      node(
        'DefaultCacheBehavior',
        el('TargetOriginId', originId) +
          el('ViewerProtocolPolicy', 'redirect-to-https') +
          node('AllowedMethods', el('Quantity', 2) + node('Items', el('Method', 'HEAD') + el('Method', 'GET'))) +
          el('Compress', true) +
          el('CachePolicyId', '658327ea-f89d-4fab-a63d-7e88639e58f6'),
      ) +
      node('CacheBehaviors', el('Quantity', 0)) +
      node('CustomErrorResponses', el('Quantity', 0)) +
      el('Comment', '') +
      el('PriceClass', 'PriceClass_100') +
      el('Enabled', d.enabled) +
      viewerCertificateXml(d) +
      node('Restrictions', node('GeoRestriction', el('RestrictionType', 'none') + el('Quantity', 0))) +
      el('WebACLId', '') +
      el('HttpVersion', 'http2') +
      el('IsIPV6Enabled', true) +
      el('Staging', false),
  );
}

export const cloudFrontService: ServiceDefinition = {
  name: 'cloudfront',
  protocol: 'rest-xml',
  namespace: CLOUDFRONT_NAMESPACE,
  regional: false,
  actions: {
    ListDistributions: ({ params, index }) => {
      const rawMax = params.MaxItems;
      const maxItems = rawMax === undefined || rawMax === '' ? 100 : Number(rawMax);
      if (!Number.isInteger(maxItems) || maxItems < 0 || maxItems > 1000) {
        throw new AwsError('InvalidArgument', 'MaxItems must be an integer between 0 and 1000');
      }
      const page =
        maxItems === 0
          ? { items: [], nextMarker: undefined }
          : paginate(index.distributions, params.Marker || undefined, maxItems);
      return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<DistributionList xmlns="${CLOUDFRONT_NAMESPACE}">` +
        el('Marker', params.Marker ?? '') +
        el('NextMarker', page.nextMarker) +
        el('MaxItems', maxItems) +
        el('IsTruncated', page.nextMarker !== undefined) +
        el('Quantity', page.items.length) +
        (page.items.length > 0 ? node('Items', page.items.map(summaryXml).join('')) : '') +
        '</DistributionList>'
      );
    },
  },
};
