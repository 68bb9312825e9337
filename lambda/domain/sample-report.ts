/**
 * Pure: the report of a test alert (`{"test": true}`). Nothing is scanned: one made-up certificate, critical at the
 * account's own threshold and served by one made-up load balancer listener, so that each sink shows what a real
 * alert looks like, marked as a test (`Report.test`). Its names say what they are, and the account's real
 * certificates are never named or touched.
 */
import type { Finding, ListenerUsage, Report, Thresholds } from './types';

/** The made-up certificate's name; its IAM id and path say the same. */
export const SAMPLE_CERTIFICATE_NAME = 'iam-cert-expiry-monitor-test-alert';
/** Its IAM id (the form of one: `ASCA` and 17 more), stable so that Security Hub updates one finding per account. */
export const SAMPLE_CERTIFICATE_ID = 'ASCATESTALERTSAMPLE00';
const SAMPLE_PATH = '/iam-cert-expiry-monitor-test-alert/';
const SAMPLE_LOAD_BALANCER = 'example-test-alert';
const DAY_MS = 86_400_000;

export interface SampleReportInput {
  readonly accountId: string;
  /** The function's region: the made-up listener's. */
  readonly region: string;
  readonly partition: string;
  readonly thresholds: Thresholds;
  readonly now: Date;
  readonly runId: string;
}

export function sampleReport(input: SampleReportInput): Report {
  const { accountId, region, partition, thresholds, now } = input;
  const daysLeft = thresholds.thresholdDays;
  // An hour past the whole days, so that days left (rounded toward zero) is exactly the threshold: critical.
  const expiration = new Date(now.getTime() + daysLeft * DAY_MS + 3_600_000);
  const loadBalancerArn = `arn:${partition}:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/${SAMPLE_LOAD_BALANCER}/0000000000000000`;
  const usage: ListenerUsage = {
    kind: 'listener',
    type: 'application',
    region,
    name: SAMPLE_LOAD_BALANCER,
    dnsName: `${SAMPLE_LOAD_BALANCER}-0000000000.${region}.elb.amazonaws.com`,
    protocol: 'HTTPS',
    port: 443,
    role: 'default',
    arn: loadBalancerArn,
    listenerArn: loadBalancerArn.replace(':loadbalancer/', ':listener/') + '/0000000000000000',
  };
  const finding: Finding = {
    certificate: {
      name: SAMPLE_CERTIFICATE_NAME,
      id: SAMPLE_CERTIFICATE_ID,
      arn: `arn:${partition}:iam::${accountId}:server-certificate${SAMPLE_PATH}${SAMPLE_CERTIFICATE_NAME}`,
      path: SAMPLE_PATH,
      expiration,
    },
    severity: 'critical',
    daysLeft,
    usages: [usage],
    thresholdDays: thresholds.thresholdDays,
    renewal: { state: 'none', remaining: [usage], unchecked: 0 },
  };
  return {
    accountId,
    runId: input.runId,
    generatedAt: now,
    thresholds,
    certificatesScanned: 1,
    findings: [finding],
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: [region], gaps: [], regionsNotChecked: [], complete: true },
    test: true,
  };
}
