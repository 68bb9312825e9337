/**
 * Tells which service, region and action a request is for. All services share one endpoint, so the SigV4
 * credential scope (`Credential=AKID/20261126/REGION/SERVICE/aws4_request`) names the service and region, and the
 * query `Version` field separates Classic ELB (2012-06-01) from ELBv2 (2015-12-01). Signatures are not checked.
 * JSON 1.1 services name the operation in `X-Amz-Target`; Security Hub (REST-JSON) in its method and path.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceName } from './service-name';
import { parseForm } from './form-params';

export type JsonObject = Readonly<Record<string, unknown>>;

export interface IdentifiedRequest {
  readonly service: ServiceName;
  readonly region: string;
  readonly action: string;
  /** Form fields or query-string parameters; for JSON bodies, the top-level members (objects as JSON text). */
  readonly params: Record<string, string>;
  /** The parsed JSON body (JSON 1.1 and REST-JSON services). */
  readonly input?: JsonObject;
  /** The access key id of the SigV4 credential scope: it chooses the caller's account. */
  readonly accessKeyId?: string;
}

const BY_VERSION: Record<string, ServiceName> = {
  '2010-05-08': 'iam',
  '2010-03-31': 'sns',
  '2016-11-15': 'ec2',
  '2012-06-01': 'elb',
  '2015-12-01': 'elbv2',
  '2011-06-15': 'sts',
};

const BY_SIGNING_NAME: Record<string, ServiceName> = {
  iam: 'iam',
  sns: 'sns',
  ec2: 'ec2',
  cloudfront: 'cloudfront',
  sts: 'sts',
};

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;
/** JSON 1.1 services name the operation in `X-Amz-Target: <prefix>.<Operation>`. */
const BY_TARGET_PREFIX: Record<string, ServiceName> = {
  AWSOrganizationsV20161128: 'organizations',
  CertificateManager: 'acm',
  AWSEvents: 'eventbridge',
};
/** Security Hub's REST-JSON routes (POST). */
const SECURITY_HUB_ROUTES: Record<string, string> = {
  '/findings/import': 'BatchImportFindings',
  '/findings': 'GetFindings',
};
const DEFAULT_REGION = 'us-east-1';

/** Returns undefined when the request is for no service this server speaks. */
export function identifyRequest(
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
  body: string,
): IdentifiedRequest | undefined {
  const scope = SCOPE.exec(String(headers.authorization ?? ''));
  const accessKeyId = scope?.[1];
  const region = scope?.[2] ?? DEFAULT_REGION;
  const signingName = scope?.[3];
  const url = new URL(rawUrl, 'http://localhost');
  const identified = identifyJsonOrS3(method, url, headers, body, signingName);
  if (identified) return { ...identified, region, ...(accessKeyId ? { accessKeyId } : {}) };

  if (signingName === 'cloudfront' || url.pathname.startsWith('/2020-05-31/')) {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    const config = /^\/2020-05-31\/distribution\/([^/]+)\/config$/.exec(url.pathname);
    let action = `${method} ${url.pathname}`;
    const one = /^\/2020-05-31\/distribution\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && /^\/2020-05-31\/distribution\/?$/.test(url.pathname)) action = 'ListDistributions';
    else if (method === 'GET' && one) {
      action = 'GetDistribution';
      params.Id = decodeURIComponent(one[1]!);
    } else if (config && (method === 'GET' || method === 'PUT')) {
      action = method === 'GET' ? 'GetDistributionConfig' : 'UpdateDistribution';
      params.Id = decodeURIComponent(config[1]!);
      if (method === 'PUT') Object.assign(params, { Body: body, IfMatch: String(headers['if-match'] ?? '') });
    }
    return { service: 'cloudfront', region, action, params, ...(accessKeyId ? { accessKeyId } : {}) };
  }
  if (method !== 'POST') return undefined;
  const params = parseForm(body);
  const action = params.Action ?? '';
  const byVersion = BY_VERSION[params.Version ?? ''];
  let service: ServiceName | undefined;
  if (signingName === 'elasticloadbalancing')
    service = byVersion === 'elb' || byVersion === 'elbv2' ? byVersion : undefined;
  else if (signingName !== undefined) service = BY_SIGNING_NAME[signingName] ?? byVersion;
  else service = byVersion;
  return service ? { service, region, action, params, ...(accessKeyId ? { accessKeyId } : {}) } : undefined;
}

/** S3 (path-style REST, signing name `s3`), Security Hub (REST-JSON) and the JSON 1.1 services (`X-Amz-Target`). */
function identifyJsonOrS3(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: string,
  signingName: string | undefined,
): Omit<IdentifiedRequest, 'region'> | undefined {
  if (signingName === 's3') {
    const [bucket = '', ...key] = url.pathname.slice(1).split('/');
    const action = method === 'PUT' ? 'PutObject' : method === 'GET' ? 'GetObject' : `${method} object`;
    const params: Record<string, string> = {
      Bucket: decodeURIComponent(bucket),
      Key: key.map(decodeURIComponent).join('/'),
    };
    if (method === 'PUT') params.Body = body;
    return { service: 's3', action, params };
  }
  if (signingName === 'securityhub') {
    const action = (method === 'POST' && SECURITY_HUB_ROUTES[url.pathname]) || `${method} ${url.pathname}`;
    return { service: 'securityhub', action, ...jsonBody(body) };
  }
  const [prefix = '', action = ''] = String(headers['x-amz-target'] ?? '').split('.');
  const service = BY_TARGET_PREFIX[prefix];
  if (!service) return undefined;
  return { service, action, ...jsonBody(body) };
}

function jsonBody(body: string): { params: Record<string, string>; input: JsonObject } {
  const input = (body ? JSON.parse(body) : {}) as JsonObject;
  const params = Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  return { params, input };
}
