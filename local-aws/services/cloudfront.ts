/**
 * CloudFront (REST-XML, 2020-05-31): ListDistributions (`GET /2020-05-31/distribution?Marker=&MaxItems=`),
 * GetDistributionConfig and UpdateDistribution (`GET`/`PUT /2020-05-31/distribution/{Id}/config`) with the config's
 * ETag: an update must send the current one as `If-Match`, else PreconditionFailed, and gets a new one.
 */
import { paginate } from '../protocols/paging';
import { AwsError } from '../protocols/aws-error';
import { distributionEtag, type IndexedDistribution } from '../estate/scenario-index';
import { el, escapeXml, node } from '../protocols/xml';
import type { ActionContext, ServiceDefinition } from './service';

export const CLOUDFRONT_NAMESPACE = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const MODIFIED = new Date('2023-02-01T08:00:00Z');

function quantityList(name: string, itemTag: string, items: readonly string[]): string {
  const inner = items.map((i) => node(itemTag, i)).join('');
  return node(name, el('Quantity', items.length) + (items.length > 0 ? node('Items', inner) : ''));
}

function viewerCertificateXml(d: IndexedDistribution): string {
  const [member, ref, source] = d.acmCertificateArn
    ? ['ACMCertificateArn', d.acmCertificateArn, 'acm']
    : ['IAMCertificateId', d.iamCertificateId, 'iam'];
  if (!ref) {
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
      el(member, ref) +
      el('SSLSupportMethod', d.sslSupportMethod) +
      el('MinimumProtocolVersion', d.minimumProtocolVersion) +
      el('Certificate', ref) +
      el('CertificateSource', source),
  );
}

/** The members a summary and a config share, in the order of the summary's model. */
function sharedMembers(d: IndexedDistribution): {
  readonly head: string;
  readonly tail: string;
  readonly aliases: string;
} {
  const originId = `origin-${d.id}`;
  const head =
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
    node('Restrictions', node('GeoRestriction', el('RestrictionType', 'none') + el('Quantity', 0)));
  const tail = el('WebACLId', '') + el('HttpVersion', 'http2') + el('IsIPV6Enabled', true);
  return { head, tail, aliases: quantityList('Aliases', 'CNAME', d.aliases.map(escapeXml)) };
}

function status(d: IndexedDistribution, now: Date): string {
  return now.getTime() < d.deployedAt ? 'InProgress' : 'Deployed';
}

function summaryXml(d: IndexedDistribution, now: Date): string {
  const { head, tail, aliases } = sharedMembers(d);
  return node(
    'DistributionSummary',
    el('Id', d.id) +
      el('ARN', d.arn) +
      el('Status', status(d, now)) +
      el('LastModifiedTime', MODIFIED) +
      el('DomainName', d.domainName) +
      aliases +
      head +
      tail +
      el('Staging', false),
  );
}

function callerReference(d: IndexedDistribution): string {
  return `loopback-${d.id}`;
}

function configXml(d: IndexedDistribution): string {
  const { head, tail, aliases } = sharedMembers(d);
  return `<DistributionConfig xmlns="${CLOUDFRONT_NAMESPACE}">${el('CallerReference', callerReference(d))}${aliases}${el('DefaultRootObject', '')}${head}${tail}</DistributionConfig>`;
}

function requireDistribution(ctx: ActionContext): IndexedDistribution {
  const id = ctx.params.Id ?? '';
  const distribution = ctx.index.distributions.find((d) => d.id === id);
  if (!distribution) throw new AwsError('NoSuchDistribution', 'The specified distribution does not exist.', 404);
  return distribution;
}

/** The text of the first `<name>` element inside `xml`, unescaped; undefined when absent. */
function member(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1]?.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => UNESCAPE[e] ?? '');
}
const UNESCAPE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** UpdateDistribution: the sent config's viewer certificate and its settings become the distribution's. */
function updateDistribution(ctx: ActionContext): string {
  const d = requireDistribution(ctx);
  const ifMatch = ctx.params.IfMatch ?? '';
  if (!ifMatch) throw new AwsError('InvalidIfMatchVersion', 'The If-Match version is missing or not valid.');
  if (ifMatch !== d.etag) {
    throw new AwsError(
      'PreconditionFailed',
      'The precondition given in one or more of the request-header fields evaluated to false.',
      412,
    );
  }
  const body = ctx.params.Body ?? '';
  if (member(body, 'CallerReference') !== callerReference(d)) {
    throw new AwsError('IllegalUpdate', 'The update contains modifications that are not allowed.');
  }
  const viewer = /<ViewerCertificate>([\s\S]*?)<\/ViewerCertificate>/.exec(body)?.[1] ?? '';
  const iamId = member(viewer, 'IAMCertificateId');
  const acmArn = member(viewer, 'ACMCertificateArn');
  if (iamId !== undefined && acmArn !== undefined) {
    throw new AwsError('InvalidViewerCertificate', 'Specify only one of IAMCertificateId and ACMCertificateArn.');
  }
  if (iamId !== undefined && !ctx.index.certificates.some((c) => c.id === iamId && c.path.startsWith('/cloudfront/'))) {
    throw new AwsError(
      'InvalidViewerCertificate',
      `The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.`,
    );
  }
  d.iamCertificateId = iamId;
  d.acmCertificateArn = acmArn;
  d.sslSupportMethod = member(viewer, 'SSLSupportMethod') ?? '';
  d.minimumProtocolVersion = member(viewer, 'MinimumProtocolVersion') ?? '';
  d.etag = distributionEtag(d.id, d.etag);
  d.deployedAt = ctx.now.getTime() + ctx.distributionDeploymentMs;
  ctx.replyHeader('etag', d.etag);
  return distributionXml(d, ctx.now);
}

function distributionXml(d: IndexedDistribution, now: Date): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Distribution xmlns="${CLOUDFRONT_NAMESPACE}">` +
    el('Id', d.id) +
    el('ARN', d.arn) +
    el('Status', status(d, now)) +
    el('LastModifiedTime', MODIFIED) +
    el('InProgressInvalidationBatches', 0) +
    el('DomainName', d.domainName) +
    configXml(d).replace(` xmlns="${CLOUDFRONT_NAMESPACE}"`, '') +
    '</Distribution>'
  );
}

export const cloudFrontService: ServiceDefinition = {
  name: 'cloudfront',
  protocol: 'rest-xml',
  namespace: CLOUDFRONT_NAMESPACE,
  regional: false,
  actions: {
    ListDistributions: ({ params, index, now }) => {
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
        (page.items.length > 0 ? node('Items', page.items.map((d) => summaryXml(d, now)).join('')) : '') +
        '</DistributionList>'
      );
    },
    GetDistributionConfig: (ctx) => {
      const d = requireDistribution(ctx);
      ctx.replyHeader('etag', d.etag);
      return `<?xml version="1.0" encoding="UTF-8"?>\n${configXml(d)}`;
    },
    UpdateDistribution: updateDistribution,
    GetDistribution: (ctx) => {
      const d = requireDistribution(ctx);
      ctx.replyHeader('etag', d.etag);
      return distributionXml(d, ctx.now);
    },
  },
};
