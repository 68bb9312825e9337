/**
 * How many pages each listing may take before it stops as a named gap.
 *
 * cap = ceil(ceiling / page size) x SHORT_PAGES, where the ceiling is the service's documented quota: its
 * documented maximum where there is one, else ADJUSTED_HEADROOM times the default (an adjustable quota with no
 * documented maximum is our assumption, named as such). SHORT_PAGES allows pages ten times shorter than asked
 * for: IAM and Organizations document that a page may hold fewer items than the maximum, even none, while more
 * follow.
 */
const SHORT_PAGES = 10;
const ADJUSTED_HEADROOM = 100;

function pagesFor(ceiling: number, pageSize: number): number {
  return Math.ceil(ceiling / pageSize) * SHORT_PAGES;
}

export const LISTING_PAGE_CAPS = {
  /**
   * Server certificates: 20 by default, at most 1,000 per account; MaxItems 1,000 → 1 page (x10 = 10).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServerCertificates.html
   */
  iamServerCertificates: pagesFor(1_000, 1_000),
  /** Tags per IAM resource: 50; MaxItems defaults to 100 → 1 page (x10 = 10). Same IAM quotas page. */
  iamTags: pagesFor(50, 100),
  /**
   * Classic Load Balancers per Region: 20, adjustable, no documented maximum → 2,000 assumed; PageSize 400 → 5
   * pages (x10 = 50). https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-limits.html
   */
  classicLoadBalancers: pagesFor(20 * ADJUSTED_HEADROOM, 400),
  /**
   * Application and Network Load Balancers per Region: 50 each, adjustable → 10,000 assumed; PageSize 400 → 25
   * pages (x10 = 250). https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
   */
  elbv2LoadBalancers: pagesFor(2 * 50 * ADJUSTED_HEADROOM, 400),
  /** Listeners per Application Load Balancer: 50, adjustable → 5,000 assumed; PageSize 400 → 13 pages (x10 = 130). */
  elbv2Listeners: pagesFor(50 * ADJUSTED_HEADROOM, 400),
  /** Certificates per Application Load Balancer: 25 (+ default), adjustable → 2,600 assumed; 400 a page → 70. */
  elbv2ListenerCertificates: pagesFor(26 * ADJUSTED_HEADROOM, 400),
  /**
   * Distributions per account: 500, adjustable → 50,000 assumed; at most 100 a page → 500 pages (x10 = 5,000).
   * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html
   */
  cloudFrontDistributions: pagesFor(500 * ADJUSTED_HEADROOM, 100),
  /**
   * Accounts in an organization: 10 by default, adjustable → 1,000 assumed per parent; MaxResults 20 → 50 pages
   * (x10 = 500, so 10,000 accounts in full pages). Roots: at most 1. OUs in an organization: 1,000.
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
   */
  organizationAccounts: pagesFor(10 * ADJUSTED_HEADROOM, 20),
  organizationRoots: pagesFor(1, 20),
  organizationUnits: pagesFor(1_000, 20),
  /**
   * Our own active findings: at most one per certificate (1,000); MaxResults 100 → 10 pages (x10 = 100).
   * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetFindings.html
   */
  securityHubOwnFindings: pagesFor(1_000, 100),
} as const;
