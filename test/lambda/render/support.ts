/** Test helpers for the render tests: report builders, golden files, schema validators. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import type {
  CertificateUsage,
  ClassicListenerUsage,
  DistributionUsage,
  Elbv2ListenerUsage,
  ExpirySeverity,
  Finding,
  FlaggedSeverity,
  Report,
} from '../../../lambda/domain/types';
import { realisticReport } from '../../fixtures/reports/realistic';
import type { OrgReport } from '../../../lambda/domain/org-report';
import { renderOrgPublishRequests, type RenderOrgPublishOptions } from '../../../lambda/render/org-publish-requests';

export const GOLDEN_DIR = join(__dirname, '__golden__');

/** Compares `actual` with the golden file (in `dir`); with UPDATE_GOLDEN=1 rewrites it instead. */
export function expectGolden(name: string, actual: string, dir = GOLDEN_DIR): void {
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`Golden file missing: ${path}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** A golden file's text (for a test that checks a value against another test's golden). */
export function readGolden(name: string): string {
  return readFileSync(join(GOLDEN_DIR, name), 'utf8');
}

/** Compiles `file`, with the other schemas it references (`$ref` by file name) added first. */
function schemaValidator(file: string, referenced: readonly string[] = []): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('uri', /^https:\/\/\S+$/);
  const load = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../schema', name), 'utf8'));
  for (const name of referenced) ajv.addSchema(load(name));
  return ajv.compile(load(file));
}

export const validateChatbot = schemaValidator('chatbot-custom-notification.schema.json');
export const validateReport = schemaValidator('report.schema.json');
export const validateOrgReport = schemaValidator('org-report.schema.json', ['report.schema.json']);

/** Asserts a schema match, showing Ajv's errors on failure. */
export function expectValid(validate: ValidateFunction, value: unknown): void {
  const ok = validate(value);
  expect(ok ? [] : validate.errors).toEqual([]);
}

export const NOW = realisticReport.generatedAt;
export const ACCOUNT = '123456789012';

/** An ALB listener's default certificate. */
/** Fields to change; one given as `undefined` is left out, as an adapter leaves out what it did not read. */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

function overridden<T extends object>(base: T, overrides: Overrides<T>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result as T;
}

export function usage(overrides: Overrides<Elbv2ListenerUsage> = {}): Elbv2ListenerUsage {
  return overridden<Elbv2ListenerUsage>(
    {
      kind: 'listener',
      type: 'application',
      region: 'us-east-1',
      name: 'web-alb',
      arn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web-alb/1111111111111111`,
      listenerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/web-alb/1111111111111111/2222222222222222`,
      dnsName: 'web-alb-1.us-east-1.elb.amazonaws.com',
      protocol: 'HTTPS',
      port: 443,
      role: 'default',
    },
    overrides,
  );
}

/** A Classic ELB listener. */
export function classicUsage(overrides: Partial<ClassicListenerUsage> = {}): ClassicListenerUsage {
  return {
    kind: 'listener',
    type: 'classic',
    region: 'us-east-1',
    name: 'legacy-web',
    dnsName: 'legacy-web-1.us-east-1.elb.amazonaws.com',
    protocol: 'HTTPS',
    port: 443,
    role: 'default',
    ...overrides,
  };
}

/** A CloudFront distribution. */
export function distributionUsage(overrides: Overrides<DistributionUsage> = {}): DistributionUsage {
  return overridden<DistributionUsage>(
    {
      kind: 'distribution',
      id: 'E1ABCDEF234567',
      arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF234567`,
      domainName: 'd111111abcdef8.cloudfront.net',
      aliases: ['shop.example.com'],
    },
    overrides,
  );
}

export function finding(
  name: string,
  severity: FlaggedSeverity = 'critical',
  daysLeft: number | undefined = 3,
  usages: readonly CertificateUsage[] = [usage()],
  extra: Partial<Omit<Finding, 'severity'>> & { readonly expirySeverity?: ExpirySeverity } = {},
): Finding {
  const { expirySeverity = 'unknown', ...facts } = extra;
  const standing = severity === 'unused' ? { severity, expirySeverity } : { severity };
  const expiration =
    severity === 'unknown' || daysLeft === undefined
      ? undefined
      : new Date(NOW.getTime() + (daysLeft + 0.5) * 86_400_000);
  return {
    certificate: {
      name,
      id: `ASCA${name
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .padEnd(17, 'X')
        .slice(0, 17)}`,
      arn: `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`,
      path: '/',
      ...(expiration ? { expiration } : {}),
    },
    ...standing,
    ...(severity === 'unknown' ? {} : { daysLeft }),
    usages,
    thresholdDays: 7,
    ...facts,
  };
}

export function report(findings: readonly Finding[], overrides: Partial<Report> = {}): Report {
  return {
    accountId: ACCOUNT,
    accountAlias: 'acme-prod',
    generatedAt: NOW,
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: findings.length + 3,
    findings,
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
    ...overrides,
  };
}

/** `count` flagged certificates, each served by `usagesEach` ALB listeners across regions. */
export function largeReport(count: number, usagesEach: number): Report {
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
  const findings: Finding[] = [];
  for (let i = 0; i < count; i += 1) {
    const usages: CertificateUsage[] = [];
    for (let j = 0; j < usagesEach; j += 1) {
      const region = regions[j % regions.length];
      const lb = `svc-${String(i).padStart(4, '0')}-alb-${j}`;
      usages.push(
        usage({
          region,
          name: lb,
          arn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/${lb}/${(i * 100 + j).toString(16).padStart(16, '0')}`,
          listenerArn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:listener/app/${lb}/${(i * 100 + j).toString(16).padStart(16, '0')}/abcdef0123456789`,
          dnsName: `${lb}-123456789.${region}.elb.amazonaws.com`,
          role: j % 2 === 0 ? 'default' : 'sni',
        }),
      );
    }
    const severity: FlaggedSeverity = i < 100 ? 'expired' : i < 600 ? 'critical' : 'warning';
    const daysLeft =
      severity === 'expired'
        ? -(100 - i)
        : severity === 'critical'
          ? Math.floor((i - 100) / 100)
          : 8 + Math.floor((i - 600) / 20);
    findings.push(finding(`service-${String(i).padStart(4, '0')}.example.com`, severity, daysLeft, usages));
  }
  return report(findings, {
    certificatesScanned: count,
    coverage: {
      regionsScanned: regions,
      gaps: [{ region: 'eu-north-1', service: 'elbv2', reason: 'AccessDenied' }],
      regionsNotChecked: [{ region: 'eu-north-1', reason: 'denied', detail: 'elbv2: AccessDenied' }],
      complete: false,
    },
  });
}

/** A deterministic 16-hex-digit id, as in load balancer and listener ARNs. */
function hexId(seed: number): string {
  let x = (seed + 1) >>> 0;
  let out = '';
  for (let i = 0; i < 2; i += 1) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    x = Math.imul(x ^ (x >>> 12), 0x297a2d39) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * One wildcard certificate (critical, 3 days left) served by `albListeners` ALB listeners spread over three
 * regions, default and SNI in turn, with realistic ARNs (listener ARN 118 characters), plus `classicListeners`
 * Classic ELB listeners in us-east-1.
 */
export function wildcardReport(albListeners: number, classicListeners = 0): Report {
  const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
  const usages: CertificateUsage[] = [];
  for (let i = 0; i < albListeners; i += 1) {
    const region = regions[i % regions.length];
    const lb = `shop-storefront-${String(i).padStart(3, '0')}`;
    const lbId = hexId(i);
    usages.push(
      usage({
        region,
        name: lb,
        arn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/${lb}/${lbId}`,
        listenerArn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:listener/app/${lb}/${lbId}/${hexId(i + 10_000)}`,
        dnsName: `${lb}-${1_000_000_000 + i * 7919}.${region}.elb.amazonaws.com`,
        role: Math.floor(i / 3) % 2 === 0 ? 'default' : 'sni',
      }),
    );
  }
  for (let i = 0; i < classicListeners; i += 1) {
    usages.push(
      classicUsage({
        name: `legacy-shop-elb-${i + 1}`,
        dnsName: `legacy-shop-elb-${i + 1}-${2_000_000_000 + i}.us-east-1.elb.amazonaws.com`,
        port: i === 0 ? 443 : 8443,
      }),
    );
  }
  return report(
    [finding('wildcard.shop.example.com', 'critical', 3, usages, { owner: 'platform-team@acme.example' })],
    {
      certificatesScanned: 14,
      coverage: { regionsScanned: regions, gaps: [], regionsNotChecked: [], complete: true },
    },
  );
}

/** renderOrgPublishRequests with the account messages drawn into an array (they render as they are iterated). */
export function orgRequests(org: OrgReport, options?: RenderOrgPublishOptions) {
  const { digest, accounts } = renderOrgPublishRequests(org, options);
  return { digest, accounts: [...accounts] };
}
