/** Deterministic identifiers in AWS's formats, derived from names so a scenario always serves the same values. */
import { createHash } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha1').update(text).digest();
}

/** `len` lowercase hex characters derived from the text (len ≤ 40). */
export function hexId(text: string, len = 16): string {
  return digest(text).toString('hex').slice(0, len);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A 21-character IAM server certificate id (`ASCA` + 17 upper-case alphanumerics), like AWS's. */
export function serverCertificateId(accountId: string, path: string, name: string): string {
  const bytes = digest(`${accountId}|${path}|${name}`);
  let id = 'ASCA';
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[bytes[i]! % 32];
  return id;
}

export function serverCertificateArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:server-certificate${path}${name}`;
}

export type Elbv2Type = 'application' | 'network' | 'gateway';
const TYPE_SEGMENT: Record<Elbv2Type, string> = { application: 'app', network: 'net', gateway: 'gwy' };

export function elbv2LoadBalancerArn(region: string, accountId: string, type: Elbv2Type, name: string): string {
  const seg = TYPE_SEGMENT[type];
  return `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/${seg}/${name}/${hexId(`${region}|${accountId}|${seg}|${name}`)}`;
}

/** `arn:...:listener/app/NAME/LBHEX/LISTENERHEX` from the load balancer ARN and listener port. */
export function elbv2ListenerArn(loadBalancerArn: string, port: number): string {
  return `${loadBalancerArn.replace(':loadbalancer/', ':listener/')}/${hexId(`${loadBalancerArn}|${port}`)}`;
}

/** Ten decimal digits, as in `my-elb-1234567890.us-east-1.elb.amazonaws.com`. */
function digits10(text: string): string {
  return String(digest(text).readUInt32BE(0)).padStart(10, '1').slice(0, 10);
}

export function classicDnsName(region: string, name: string, internal: boolean): string {
  return `${internal ? 'internal-' : ''}${name}-${digits10(`${region}|${name}`)}.${region}.elb.amazonaws.com`;
}

export function elbv2DnsName(region: string, name: string, type: Elbv2Type, internal: boolean): string {
  if (type === 'application')
    return `${internal ? 'internal-' : ''}${name}-${digits10(`${region}|${name}`)}.${region}.elb.amazonaws.com`;
  return `${name}-${hexId(`${region}|${name}`)}.elb.${region}.amazonaws.com`;
}

export function cloudFrontDomainName(id: string): string {
  return `${hexId(id, 14)}.cloudfront.net`;
}

/** The DNS name a scenario resource has when none is given: `NAME.example.com` (lower case, hyphens). */
export function exampleHostname(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.example.com`;
}

/** A UUID-shaped id (8-4-4-4-12 lowercase hex) derived from the text. */
export function uuidFrom(text: string): string {
  const h = hexId(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A UUID-shaped request id, sequential but unique per server. */
export function requestId(counter: number, salt: string): string {
  return uuidFrom(`${salt}|${counter}`);
}

/** `arn:aws:acm:REGION:ACCOUNT:certificate/UUID`, the form DescribeCertificate documents. */
export function acmCertificateArn(region: string, accountId: string, name: string): string {
  return `arn:aws:acm:${region}:${accountId}:certificate/${uuidFrom(`acm|${region}|${accountId}|${name}`)}`;
}
