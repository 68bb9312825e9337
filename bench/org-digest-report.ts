/**
 * The organization report the digest bench renders (pure, deterministic): `n` member accounts with 1–3 flagged
 * certificates each (severities in turn, each served by a couple of ALB and Classic ELB listeners), one account
 * with 5,000 flagged certificates, and a few accounts that could not be checked. Built in memory with the same
 * `buildOrgReport` the aggregate step uses; no scan, no loopback server.
 */
import type { AccountItem } from '../contract/organization';
import { buildOrgReport, type AccountOutcome, type OrgReport } from '../lambda/domain/org-report';
import type { CertificateUsage, ExpirySeverity, Finding, FlaggedSeverity, Report } from '../lambda/domain/types';

export interface OrgDigestEstate {
  /** Member accounts with 1–3 flagged certificates each. */
  readonly accounts: number;
  /** Flagged certificates of the one large account (0: none). */
  readonly largeAccountCertificates: number;
  readonly notChecked: number;
}

export const LARGE_ACCOUNT_CERTIFICATES = 5000;
export const NOT_CHECKED_ACCOUNTS = 3;
/** A fixed clock, so that every run renders the same bytes. */
export const BENCH_NOW = new Date('2026-12-01T06:00:00.000Z');

const DAY_MS = 86_400_000;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
/** Severity and days left, in turn; `unknown` has no expiry. */
const TIERS: readonly (readonly [ExpirySeverity, number | undefined])[] = [
  ['critical', 3],
  ['warning', 21],
  ['expired', -2],
  ['critical', 0],
  ['warning', 29],
  ['unknown', undefined],
];

export function orgDigestReport(estate: OrgDigestEstate, now = BENCH_NOW): OrgReport {
  const members = Array.from({ length: estate.accounts }, (_, i) => member(i, `member-${i}`));
  const large = estate.largeAccountCertificates > 0 ? [member(estate.accounts, 'platform-shared')] : [];
  const failed = Array.from({ length: estate.notChecked }, (_, i) => member(estate.accounts + 1 + i, `failed-${i}`));
  const outcomes: AccountOutcome[] = [
    ...members.map((account, i) => checked(account, findings(account.accountId, i, 1 + (i % 3), now), now)),
    ...large.map((account) =>
      checked(account, findings(account.accountId, 0, estate.largeAccountCertificates, now), now),
    ),
    ...failed.map((account): AccountOutcome => ({
      status: 'not-checked',
      account,
      reason: `AccessDenied: not authorized to perform sts:AssumeRole on ${account.accountId}`,
    })),
  ];
  return buildOrgReport({ generatedAt: now, listed: [...members, ...large, ...failed], outcomes });
}

function member(i: number, name: string): AccountItem {
  return { accountId: String(300_000_000_000 + i), accountName: name, hub: false };
}

function checked(account: AccountItem, flagged: readonly Finding[], now: Date): AccountOutcome {
  const report: Report = {
    accountId: account.accountId,
    generatedAt: now,
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: flagged.length + 4,
    findings: flagged,
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: REGIONS, gaps: [], regionsNotChecked: [], complete: true },
  };
  return { status: 'checked', account, certificatesScanned: report.certificatesScanned, report };
}

/** `count` findings of one account, the severities in turn from `offset`, most urgent first as classify sorts them. */
function findings(accountId: string, offset: number, count: number, now: Date): Finding[] {
  const list = Array.from({ length: count }, (_, j) => {
    const [severity, daysLeft] = TIERS[(offset + j) % TIERS.length]!;
    const name = `svc-${String(j).padStart(4, '0')}.example.com`;
    return {
      certificate: {
        name,
        id: `ASCA${accountId.slice(-9)}${String(j).padStart(8, '0')}`,
        arn: `arn:aws:iam::${accountId}:server-certificate/${name}`,
        path: '/',
        ...(daysLeft === undefined ? {} : { expiration: new Date(now.getTime() + (daysLeft + 0.5) * DAY_MS) }),
      },
      severity,
      ...(daysLeft === undefined ? {} : { daysLeft }),
      usages: usages(accountId, j),
      thresholdDays: 7,
      ...(j % 4 === 0 ? { owner: `team-${j % 7}@example.com` } : {}),
    };
  });
  const rank: Record<FlaggedSeverity, number> = { expired: 0, critical: 1, warning: 2, unknown: 3, unused: 4 };
  return list.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
}

/** Two ALB listeners (default and SNI) in two regions and one Classic ELB listener. */
function usages(accountId: string, j: number): CertificateUsage[] {
  const hex = (k: number) => (j * 16 + k).toString(16).padStart(16, '0');
  const alb = (k: number): CertificateUsage => {
    const region = REGIONS[k % REGIONS.length]!;
    const lb = `web-${String(j).padStart(4, '0')}-alb-${k}`;
    const arn = `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/${lb}/${hex(k)}`;
    return {
      kind: 'listener',
      type: 'application',
      region,
      name: lb,
      arn,
      listenerArn: `${arn.replace(':loadbalancer/', ':listener/')}/${hex(k + 8)}`,
      dnsName: `${lb}-${1_000_000 + j}.${region}.elb.amazonaws.com`,
      protocol: 'HTTPS',
      port: 443,
      role: k === 0 ? 'default' : 'sni',
    };
  };
  const classic: CertificateUsage = {
    kind: 'listener',
    type: 'classic',
    region: 'us-east-1',
    name: `legacy-${String(j).padStart(4, '0')}-elb`,
    dnsName: `legacy-${String(j).padStart(4, '0')}-elb-${2_000_000 + j}.us-east-1.elb.amazonaws.com`,
    protocol: 'HTTPS',
    port: 443,
    role: 'default',
  };
  return [alb(0), alb(1), classic];
}
