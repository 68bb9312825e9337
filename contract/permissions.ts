/**
 * Every AWS action the checker calls, in one place: the stack grants exactly these (and `sns:Publish` on its
 * own topic), and the end-to-end tests assert that the calls seen on the wire are exactly these.
 * `resource` says how far the grant can be scoped (IAM service authorization reference).
 */
export interface ReadPermission {
  readonly action: string;
  /** `*` where the action supports no resource-level permissions. */
  readonly resource: '*' | 'server-certificate' | 'acm-certificate';
}

export const READ_PERMISSIONS: readonly ReadPermission[] = [
  { action: 'iam:ListServerCertificates', resource: '*' },
  { action: 'iam:ListServerCertificateTags', resource: 'server-certificate' },
  { action: 'iam:GetServerCertificate', resource: 'server-certificate' },
  { action: 'iam:ListAccountAliases', resource: '*' },
  { action: 'ec2:DescribeRegions', resource: '*' },
  { action: 'elasticloadbalancing:DescribeLoadBalancers', resource: '*' },
  { action: 'elasticloadbalancing:DescribeListeners', resource: '*' },
  { action: 'elasticloadbalancing:DescribeListenerCertificates', resource: '*' },
  { action: 'cloudfront:ListDistributions', resource: '*' },
  // ACM renewals, read only when something is flagged, in the regions serving it. Resource types from
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html:
  // ListCertificates has none; DescribeCertificate and ListTagsForCertificate take `certificate`. The tags are read
  // only for ACM certificates that qualify when several do, for the cert-expiry-monitor:renews tag that chooses.
  { action: 'acm:ListCertificates', resource: '*' },
  { action: 'acm:DescribeCertificate', resource: 'acm-certificate' },
  { action: 'acm:ListTagsForCertificate', resource: 'acm-certificate' },
];

export const PUBLISH_ACTION = 'sns:Publish';
