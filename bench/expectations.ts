/**
 * What a scenario needs, computed from the scenario itself (never hard-coded): the minimum API calls per action,
 * the usages each flagged certificate must be reported with, and the lower bound on wall time that latency and
 * the token-bucket rate limits impose.
 */
import { MAX_RENEWAL_CANDIDATE_READS } from '../lambda/domain/renewal';
import type { RateLimitRule, Scenario, ServiceName } from '../local-aws';

const DAY_MS = 86_400_000;

/** Largest page each API accepts (the minimum uses the largest page). */
const MAX_PAGE = { iamCertificates: 1000, iamTags: 1000, cloudFront: 1000, classic: 400, elbv2: 400 } as const;

export interface CheckerThresholds {
  readonly thresholdDays: number;
  readonly warningDays: number;
}

/** Certificates the checker must flag (no tag overrides in the bench estates): inside the widest window, or no expiry. */
export function expectedFlagged(scenario: Scenario, thresholds: CheckerThresholds, now: Date): string[] {
  const window = Math.max(thresholds.thresholdDays, thresholds.warningDays);
  return scenario.certificates
    .filter((c) => c.expiration === null || (Date.parse(c.expiration) - now.getTime()) / DAY_MS <= window)
    .map((c) => c.name);
}

const pages = (items: number, pageSize: number): number => Math.max(1, Math.ceil(items / pageSize));
const isSecure = (protocol: string): boolean => protocol === 'HTTPS' || protocol === 'TLS';

/** Per region: calls by ELB service, and the length of the ELBv2 dependency chain (in round trips). */
export interface RegionNeeds {
  readonly classicCalls: number;
  readonly elbv2Calls: number;
  readonly elbv2Chain: number;
  readonly classicChain: number;
}

export interface MinimumCalls {
  /** `service:Action` → calls (SNS Publish excluded: one per rendered part, known only after rendering). */
  readonly byAction: Record<string, number>;
  readonly total: number;
  readonly regions: Record<string, RegionNeeds>;
  readonly iamListPages: number;
  readonly tagCalls: number;
  /** `iam:GetServerCertificate`: the flagged bodies, then the possible renewals (capped). */
  readonly bodyReads: number;
  readonly cloudFrontPages: number;
  readonly flagged: number;
}

/** The fewest calls a correct checker can make for this scenario, with `REGIONS=all`. */
export function minimumCalls(scenario: Scenario, thresholds: CheckerThresholds, now: Date): MinimumCalls {
  const byAction: Record<string, number> = {};
  const add = (key: string, n: number) => {
    if (n > 0) byAction[key] = (byAction[key] ?? 0) + n;
  };
  const flagged = expectedFlagged(scenario, thresholds, now);
  const iamListPages = pages(scenario.certificates.length, MAX_PAGE.iamCertificates);
  add('iam:ListServerCertificates', iamListPages);
  // Tags are read for the certificates inside the widest window (the same set here: no overrides).
  const tagCalls = flagged.reduce((n, name) => {
    const tags = Object.keys(scenario.certificates.find((c) => c.name === name)?.tags ?? {}).length;
    return n + pages(tags, MAX_PAGE.iamTags);
  }, 0);
  add('iam:ListServerCertificateTags', tagCalls);

  const regions: Record<string, RegionNeeds> = {};
  let cloudFrontPages = 0;
  const bodyReads = flagged.length > 0 ? flagged.length + renewalCandidateReads(scenario, flagged) : 0;
  add('iam:GetServerCertificate', bodyReads);
  if (flagged.length > 0) {
    add('iam:ListAccountAliases', 1);
    add('ec2:DescribeRegions', 1);
    cloudFrontPages = pages(scenario.cloudFrontDistributions?.length ?? 0, MAX_PAGE.cloudFront);
    add('cloudfront:ListDistributions', cloudFrontPages);
    for (const region of scenario.enabledRegions) {
      const estate = scenario.regions?.[region] ?? {};
      const classicPages = pages(estate.classicLoadBalancers?.length ?? 0, MAX_PAGE.classic);
      const lbs = (estate.loadBalancers ?? []).filter((lb) => lb.type !== 'gateway');
      const lbPages = pages(estate.loadBalancers?.length ?? 0, MAX_PAGE.elbv2);
      const listenerCalls = lbs.reduce((n, lb) => n + pages(lb.listeners.length, MAX_PAGE.elbv2), 0);
      const secure = lbs.flatMap((lb) => lb.listeners.filter((l) => isSecure(l.protocol)));
      // DescribeListenerCertificates lists the default twice (IsDefault true, then false), then the SNI ones.
      const certificateCalls = secure.reduce(
        (n, l) => n + pages((l.defaultCertificate ? 2 : 0) + (l.sniCertificates?.length ?? 0), MAX_PAGE.elbv2),
        0,
      );
      add('elb:DescribeLoadBalancers', classicPages);
      add('elbv2:DescribeLoadBalancers', lbPages);
      add('elbv2:DescribeListeners', listenerCalls);
      add('elbv2:DescribeListenerCertificates', certificateCalls);
      regions[region] = {
        classicCalls: classicPages,
        elbv2Calls: lbPages + listenerCalls + certificateCalls,
        classicChain: classicPages,
        elbv2Chain: lbPages + (listenerCalls > 0 ? 1 : 0) + (certificateCalls > 0 ? 1 : 0),
      };
    }
  }
  // ACM: one listing per region serving a flagged certificate (CloudFront's in us-east-1).
  for (const region of acmRegions(scenario, flagged)) {
    add('acm:ListCertificates', Math.max(1, pages(scenario.regions?.[region]?.acmCertificates?.length ?? 0, 1000)));
  }
  const total = Object.values(byAction).reduce((a, b) => a + b, 0);
  return { byAction, total, regions, iamListPages, tagCalls, bodyReads, cloudFrontPages, flagged: flagged.length };
}

/**
 * Possible renewals whose bodies a correct checker must read: the unflagged certificates that expire after the
 * earliest flagged one (IAM's expiry, or for an unknown one its body's: the loopback server makes bodies valid a
 * year from the upload), at most MAX_RENEWAL_CANDIDATE_READS. Their names are only in the bodies, so none can be
 * skipped from the listing. (Every body in the bench estates parses and names a host.)
 */
function renewalCandidateReads(scenario: Scenario, flagged: readonly string[]): number {
  const names = new Set(flagged);
  const expiries = scenario.certificates
    .filter((c) => names.has(c.name))
    .map((c) =>
      c.expiration !== null
        ? Date.parse(c.expiration)
        : Date.parse(c.uploadDate ?? '2020-01-01T00:00:00Z') + 365 * DAY_MS,
    );
  const earliest = Math.min(...expiries);
  const later = scenario.certificates.filter(
    (c) => !names.has(c.name) && c.expiration !== null && Date.parse(c.expiration) > earliest,
  );
  return Math.min(later.length, MAX_RENEWAL_CANDIDATE_READS);
}

/** Usages each flagged certificate must be reported with: Classic listeners, ELBv2 listeners (default or SNI), distributions. */
export function expectedUsages(scenario: Scenario, flagged: readonly string[]): Map<string, number> {
  const counts = new Map(flagged.map((name) => [name, 0]));
  const bump = (name: string | undefined) => {
    if (name !== undefined && counts.has(name)) counts.set(name, counts.get(name)! + 1);
  };
  for (const estate of Object.values(scenario.regions ?? {})) {
    for (const lb of estate.classicLoadBalancers ?? []) for (const l of lb.listeners) bump(l.certificate);
    for (const lb of estate.loadBalancers ?? []) {
      if (lb.type === 'gateway') continue;
      for (const l of lb.listeners) {
        if (!isSecure(l.protocol)) continue;
        for (const name of new Set([l.defaultCertificate, ...(l.sniCertificates ?? [])])) bump(name);
      }
    }
  }
  for (const d of scenario.cloudFrontDistributions ?? []) bump(d.iamCertificate);
  return counts;
}

/** The server's first matching rule for a (service, region) bucket, as RateLimiter picks it. */
export function ruleFor(
  rules: readonly RateLimitRule[],
  service: ServiceName,
  region: string,
): RateLimitRule | undefined {
  return rules.find(
    (r) =>
      (r.service === undefined || r.service === '*' || r.service === service) &&
      (r.region === undefined || r.region === '*' || r.region === region) &&
      (r.action === undefined || r.action === '*'),
  );
}

export interface LowerBound {
  readonly totalMs: number;
  /** Which term decided the scan phase (e.g. `elbv2 rate: 1201 calls, burst 100 @ 50/s`). */
  readonly binding: string;
  readonly phases: { readonly listing: number; readonly scan: number; readonly publish: number };
}

/**
 * Lower bound on wall time: listing (pages in sequence, then one round of tag reads) → scan (DescribeRegions,
 * then every region and service at once; each bounded by its dependency chain × latency and by its bucket:
 * the last of C calls cannot be sent before (C − burst) / rate, and takes one latency more) → publish (parts in
 * sequence). Real runs add CPU time and the SDK's own pacing on top.
 */
export function lowerBound(
  needs: MinimumCalls,
  rules: readonly RateLimitRule[],
  latencyMs: number,
  publishParts: number,
): LowerBound {
  const L = latencyMs;
  const bucket = (service: ServiceName, region: string, calls: number): number => {
    const rule = ruleFor(rules, service, region);
    if (!rule || calls <= rule.burst) return 0;
    return ((calls - rule.burst) / rule.ratePerSecond) * 1000 + L;
  };
  const listing = Math.max(
    needs.iamListPages * L + (needs.tagCalls > 0 ? L : 0),
    bucket('iam', 'us-east-1', needs.iamListPages + needs.tagCalls),
  );
  if (needs.flagged === 0)
    return { totalMs: listing, binding: 'listing pages', phases: { listing, scan: 0, publish: 0 } };

  let scanBody = L; // ListAccountAliases runs beside the scan
  let binding = 'latency';
  const consider = (ms: number, why: string) => {
    if (ms > scanBody) {
      scanBody = ms;
      binding = why;
    }
  };
  consider(needs.cloudFrontPages * L, 'cloudfront pages');
  for (const [region, r] of Object.entries(needs.regions)) {
    const v2Rule = ruleFor(rules, 'elbv2', region);
    const v2Bucket = bucket('elbv2', region, r.elbv2Calls);
    consider(
      Math.max(r.elbv2Chain * L, v2Bucket),
      v2Bucket > r.elbv2Chain * L && v2Rule
        ? `elbv2 rate: ${r.elbv2Calls} calls/region, burst ${v2Rule.burst} @ ${v2Rule.ratePerSecond}/s`
        : `elbv2 chain: ${r.elbv2Chain} round trips`,
    );
    const clbRule = ruleFor(rules, 'elb', region);
    const clbBucket = bucket('elb', region, r.classicCalls);
    consider(
      Math.max(r.classicChain * L, clbBucket),
      clbBucket > r.classicChain * L && clbRule
        ? `elb rate: ${r.classicCalls} calls/region, burst ${clbRule.burst} @ ${clbRule.ratePerSecond}/s`
        : `elb chain: ${r.classicChain} pages`,
    );
  }
  const scan = L /* DescribeRegions */ + scanBody;
  const publish = publishParts * L;
  return { totalMs: listing + scan + publish, binding, phases: { listing, scan, publish } };
}

/**
 * The regions whose ACM a correct checker lists: those where a flagged certificate is served (by name or ARN), and
 * us-east-1 when CloudFront serves one. Scenarios here give every certificate a body with names, so each counts.
 */
function acmRegions(scenario: Scenario, flagged: readonly string[]): Set<string> {
  const names = new Set(flagged);
  const isFlagged = (ref: string | undefined): boolean =>
    ref !== undefined && (names.has(ref) || names.has(ref.slice(ref.lastIndexOf('/') + 1)));
  const regions = new Set<string>();
  for (const region of scenario.enabledRegions) {
    const estate = scenario.regions?.[region] ?? {};
    const classic = (estate.classicLoadBalancers ?? []).some((lb) =>
      lb.listeners.some((l) => isFlagged(l.certificate)),
    );
    const elbv2 = (estate.loadBalancers ?? []).some((lb) =>
      lb.listeners.some((l) => isFlagged(l.defaultCertificate) || (l.sniCertificates ?? []).some(isFlagged)),
    );
    if (classic || elbv2) regions.add(region);
  }
  if ((scenario.cloudFrontDistributions ?? []).some((d) => isFlagged(d.iamCertificate))) regions.add('us-east-1');
  return regions;
}
