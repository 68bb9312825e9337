/**
 * `rollout` over real HTTP against the loopback AWS: a half-done rollout across two regions (SNI and default
 * listeners, a Classic ELB listener done already) and a CloudFront distribution, finished by --apply and verified;
 * resumed after an interruption; stopped by a denied write; refused for an ambiguous or unqualified renewal; and
 * --delete-old refused while a place may still serve the old certificate.
 */
import { main } from '../../bin/rollout';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { applyEnvironment, loopbackEnvironment } from '../../local-aws/lambda-harness';
import type { ScenarioBuilder } from '../../local-aws/scenario-builder';
import { join } from 'node:path';
import { expectGolden } from '../lambda/render/support';

/** Real output of these runs, which docs/rollout.md quotes. */
const GOLDEN = join(__dirname, '__golden__');

const start = new Date();
const NAMES = ['shop.example.com', 'www.shop.example.com'];
const WRITES = [
  'SetLoadBalancerListenerSSLCertificate',
  'ModifyListener',
  'AddListenerCertificates',
  'RemoveListenerCertificates',
  'UpdateDistribution',
  'DeleteServerCertificate',
];

let server: AwsServer;
let restore: () => void = () => undefined;
/** The test's clock: the server measures certificate propagation by it, and the rollout's waits advance it. */
let clockMs = start.getTime();

afterEach(async () => {
  restore();
  await server?.close();
});

/** Half done: the Classic ELB listener and one SNI listener serve the renewal already. */
function halfDone(): ScenarioBuilder {
  return scenarioBuilder({ now: start })
    .regions('us-east-1', 'eu-west-1')
    .certificate('shop-2025', { expiresInDays: 10, hostnames: NAMES, path: '/cloudfront/' })
    .certificate('shop-2026', { expiresInDays: 400, uploadedDaysAgo: 2, hostnames: NAMES, path: '/cloudfront/' })
    .certificate('api', { expiresInDays: 300, hostnames: ['api.example.com'] })
    .alb('us-east-1', 'shop-alb', 'shop-2025')
    .alb('us-east-1', 'api-alb', 'api', ['shop-2025'])
    .classicLoadBalancer('us-east-1', 'legacy', [{ protocol: 'HTTPS', port: 443, certificate: 'shop-2026' }])
    .nlb('eu-west-1', 'shop-nlb', 'shop-2025')
    .alb('eu-west-1', 'eu-alb', 'api', ['shop-2025', 'shop-2026'])
    .distribution({
      id: 'E1SHOP',
      iamCertificate: 'shop-2025',
      aliases: ['shop.example.com'],
      sslSupportMethod: 'vip',
    });
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function serve(
  scenario: ScenarioBuilder,
  options: { faults?: FaultRule[]; certificatePropagationMs?: number; distributionDeploymentMs?: number } = {},
): Promise<void> {
  clockMs = start.getTime();
  server = await startAwsServer({
    scenario: scenario.build(),
    ...options,
    clock: () => new Date(clockMs),
  });
  restore = applyEnvironment(loopbackEnvironment(server.endpoint));
}

async function rollout(argv: string[], signal?: AbortSignal, onOut?: (text: string) => void): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    {
      env: process.env,
      out: (t) => {
        out.push(t);
        onOut?.(t);
      },
      err: (t) => err.push(t),
    },
    {
      sleep: async (ms) => {
        clockMs += ms;
      },
      now: () => clockMs,
      ...(signal ? { signal } : {}),
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function writes(): Record<string, number> {
  return Object.fromEntries(Object.entries(server.countBy('action')).filter(([action]) => WRITES.includes(action)));
}

/** What each place serves now, read from the server's state. */
function served() {
  const { index } = server;
  const arn = (name: string) => index.certificatesByName.get(name)?.arn ?? `(deleted ${name})`;
  const listener = (region: string, lb: string) => {
    const l = index.region(region).elbv2ByName.get(lb)!.listeners[0]!;
    return { default: l.defaultCertificateArn, sni: l.sniCertificateArns };
  };
  const distribution = index.distributions.find((d) => d.id === 'E1SHOP')!;
  return {
    old: arn('shop-2025'),
    renewal: arn('shop-2026'),
    api: arn('api'),
    shopAlb: listener('us-east-1', 'shop-alb'),
    apiAlb: listener('us-east-1', 'api-alb'),
    shopNlb: listener('eu-west-1', 'shop-nlb'),
    euAlb: listener('eu-west-1', 'eu-alb'),
    legacy: index.region('us-east-1').classicByName.get('legacy')!.listeners[0]!.sslCertificateId,
    distribution: {
      certificate: distribution.iamCertificateId,
      sslSupportMethod: distribution.sslSupportMethod,
      minimumProtocolVersion: distribution.minimumProtocolVersion,
    },
    renewalId: index.certificatesByName.get('shop-2026')?.id,
  };
}

function expectFinished(): void {
  const s = served();
  expect(s.shopAlb).toEqual({ default: s.renewal, sni: [] });
  expect(s.apiAlb).toEqual({ default: s.api, sni: [s.renewal] });
  expect(s.shopNlb).toEqual({ default: s.renewal, sni: [] });
  expect(s.euAlb).toEqual({ default: s.api, sni: [s.renewal] });
  expect(s.legacy).toBe(s.renewal);
  // Only the certificate changed: the distribution's TLS settings are as they were.
  expect(s.distribution).toEqual({
    certificate: s.renewalId,
    sslSupportMethod: 'vip',
    minimumProtocolVersion: 'TLSv1.2_2021',
  });
}

describe('rollout over the loopback AWS', () => {
  it('prints the plan in order with the commands and IAM actions, and changes nothing', async () => {
    await serve(halfDone());
    const { code, out } = await rollout(['shop-2025']);
    expect(code).toBe(0);
    expect(out).toContain('Renewal: shop-2026 (arn:aws:iam::123456789012:server-certificate/cloudfront/shop-2026)');
    expect(out).toContain('Already serving the renewal (not touched):\n  Classic ELB legacy (us-east-1) HTTPS:443');
    const steps = out.split('\n').filter((l) => /^ {2}\d\. /.test(l));
    expect(steps).toEqual([
      '  1. ALB eu-alb (eu-west-1) HTTPS:443, SNI: remove shop-2025 (shop-2026 is on it already)',
      '  2. NLB shop-nlb (eu-west-1) TLS:443, default certificate: shop-2025 -> shop-2026',
      '  3. ALB api-alb (us-east-1) HTTPS:443, SNI: add shop-2026, then remove shop-2025',
      '  4. ALB shop-alb (us-east-1) HTTPS:443, default certificate: shop-2025 -> shop-2026',
      '  5. CloudFront distribution E1SHOP: shop-2025 -> shop-2026',
    ]);
    expect(out).toMatch(
      /aws elbv2 modify-listener --region us-east-1 --listener-arn \S+ --certificates CertificateArn=\S+shop-2026/,
    );
    expect(out).toContain('  cloudfront:UpdateDistribution\n');
    expect(out).not.toContain('iam:DeleteServerCertificate');
    expect(out).toContain('Plan only: nothing was changed.');
    expect(writes()).toEqual({});
  });

  it('--json prints the plan as data', async () => {
    await serve(halfDone());
    const { code, out } = await rollout(['shop-2025', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out) as { status: string; steps: { kind: string; place: string }[]; done: string[] };
    expect(plan.status).toBe('plan');
    expect(plan.steps.map((s) => s.kind)).toEqual([
      'elbv2-sni',
      'elbv2-default',
      'elbv2-sni',
      'elbv2-default',
      'cloudfront',
    ]);
    expect(plan.steps.map((s) => s.place)[0]).toBe('ALB eu-alb (eu-west-1) HTTPS:443');
    expect(plan.done).toEqual(['Classic ELB legacy (us-east-1) HTTPS:443']);
  });

  it('--apply finishes a half-done rollout and verifies each place; a second run changes nothing', async () => {
    await serve(halfDone());
    const first = await rollout(['shop-2025', '--apply']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Switched 5, already done 0, failed 0, left 0.');
    expectGolden('rollout-apply.txt', `${first.out}\n`, GOLDEN);
    expectFinished();
    expect(writes()).toEqual({
      AddListenerCertificates: 1,
      RemoveListenerCertificates: 2,
      ModifyListener: 2,
      UpdateDistribution: 1,
    });

    server.reset();
    const second = await rollout(['shop-2025', '--apply']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing left to switch: no place read serves shop-2025.');
    expect(second.out).toContain('Switched 0, already done 0, failed 0, left 0.');
    expect(writes()).toEqual({});
  });

  it('a run interrupted after the second place resumes where it stopped', async () => {
    await serve(halfDone());
    const interrupt = new AbortController();
    let switched = 0;
    const first = await rollout(['shop-2025', '--apply'], interrupt.signal, (line) => {
      if (line.startsWith('  switched')) switched += 1;
      if (switched === 2) interrupt.abort();
    });
    expect(first.code).toBe(1);
    expect(first.out).toContain('Switched 2, already done 0, failed 0, left 3.');
    expect(first.out).toContain('Interrupted: run the same command again to resume.');
    expect(served().shopNlb.default).toBe(served().renewal);
    expect(served().shopAlb.default).toBe(served().old);

    server.reset();
    const second = await rollout(['shop-2025', '--apply']);
    expect(second.code).toBe(0);
    // The two places switched before are done: listed as such, and not written again.
    expect(second.out).toMatch(
      /Already serving the renewal \(not touched\):\n( {2}.*\n)* {2}NLB shop-nlb \(eu-west-1\) TLS:443\n/,
    );
    expect(second.out).toContain('Switched 3, already done 0, failed 0, left 0.');
    expect(server.requestsWhere({ action: 'ModifyListener' }).map((r) => r.region)).toEqual(['us-east-1']);
    expect(server.count({ region: 'eu-west-1', action: 'RemoveListenerCertificates' })).toBe(0);
    expectFinished();
  });

  it('a denied write stops the run with the missing IAM action, and what is left', async () => {
    await serve(halfDone(), {
      faults: [{ kind: 'access-denied', service: 'elbv2', action: 'ModifyListener', region: 'eu-west-1' }],
    });
    const { code, out } = await rollout(['shop-2025', '--apply', '--delete-old']);
    expect(code).toBe(1);
    expect(out).toContain('  switched  ALB eu-alb (eu-west-1) HTTPS:443: read back, serves shop-2026');
    expect(out).toContain(
      '  FAILED    NLB shop-nlb (eu-west-1) TLS:443: access denied: your credentials lack elasticloadbalancing:ModifyListener',
    );
    expect(out).toContain('Switched 1, already done 0, failed 1, left 3.');
    expect(out).toContain(
      'Left (not reached):\n  ALB api-alb (us-east-1) HTTPS:443, SNI: add shop-2026, then remove shop-2025\n' +
        '  ALB shop-alb (us-east-1) HTTPS:443, default certificate: shop-2025 -> shop-2026\n' +
        '  CloudFront distribution E1SHOP: shop-2025 -> shop-2026\n',
    );
    // --delete-old refuses while places of the plan may still serve the old certificate.
    expect(out).toContain('Delete REFUSED: 4 places of the plan may still serve shop-2025.');
    expectGolden('rollout-denied.txt', `${out}\n`, GOLDEN);
    expect(writes()).toEqual({ RemoveListenerCertificates: 1, ModifyListener: 1 });
  });

  it('--apply --json reports each outcome, the missing action and what is left', async () => {
    await serve(halfDone(), {
      faults: [{ kind: 'access-denied', service: 'elbv2', action: 'ModifyListener', region: 'eu-west-1' }],
    });
    const { code, out } = await rollout(['shop-2025', '--apply', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      status: 'applied',
      apply: {
        outcomes: [
          { place: 'ALB eu-alb (eu-west-1) HTTPS:443', result: 'switched' },
          {
            place: 'NLB shop-nlb (eu-west-1) TLS:443',
            result: 'failed',
            missingAction: 'elasticloadbalancing:ModifyListener',
          },
        ],
        left: [
          'ALB api-alb (us-east-1) HTTPS:443',
          'ALB shop-alb (us-east-1) HTTPS:443',
          'CloudFront distribution E1SHOP',
        ],
        interrupted: false,
      },
    });
  });

  it('retries CertificateNotFound while a fresh upload propagates, and gives up after the bound', async () => {
    const fresh = () =>
      scenarioBuilder({ now: start })
        .certificate('shop-2025', { expiresInDays: 10, hostnames: NAMES })
        .certificate('shop-2026', { expiresInDays: 400, uploadedDaysAgo: 1 / 1440, hostnames: NAMES })
        .alb('us-east-1', 'shop-alb', 'shop-2025');
    await serve(fresh(), { certificatePropagationMs: 5 * 60_000 });
    const ok = await rollout(['shop-2025', '--apply']);
    expect(ok.code).toBe(0);
    const attempts = server.requestsWhere({ action: 'ModifyListener' });
    expect(attempts.filter((r) => r.errorCode === 'CertificateNotFound').length).toBeGreaterThan(1);
    expect(attempts.at(-1)!.status).toBe(200);

    await server.close();
    await serve(fresh(), { certificatePropagationMs: 60 * 60_000 });
    const late = await rollout(['shop-2025', '--apply']);
    expect(late.code).toBe(1);
    expect(late.out).toMatch(/FAILED {4}ALB shop-alb \(us-east-1\) HTTPS:443: ELB still answers CertificateNotFound/);
  });

  it('a stale CloudFront ETag is read again and retried', async () => {
    await serve(halfDone(), {
      faults: [
        {
          kind: 'internal-error',
          service: 'cloudfront',
          action: 'UpdateDistribution',
          count: 1,
          code: 'PreconditionFailed',
          status: 412,
        },
      ],
    });
    const { code } = await rollout(['shop-2025', '--apply']);
    expect(code).toBe(0);
    expect(server.countBy('action', { service: 'cloudfront' })).toMatchObject({ UpdateDistribution: 2 });
    expectFinished();
  });

  it('refuses an ambiguous renewal, and a --to that does not qualify; a --to that qualifies decides', async () => {
    const two = scenarioBuilder({ now: start })
      .certificate('shop-2025', { expiresInDays: 10, hostnames: NAMES })
      .certificate('shop-a', { expiresInDays: 400, hostnames: NAMES })
      .certificate('shop-b', { expiresInDays: 390, hostnames: NAMES })
      .certificate('shop-narrow', { expiresInDays: 400, hostnames: ['shop.example.com'] })
      .alb('us-east-1', 'shop-alb', 'shop-2025');
    await serve(two);
    const ambiguous = await rollout(['shop-2025', '--apply']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.out).toContain('No rollout plan for shop-2025:\n  - Several renewals qualify (shop-a, shop-b)');
    expect(ambiguous.out).toContain('Nothing was changed.');

    const narrow = await rollout(['shop-2025', '--to', 'shop-narrow']);
    expect(narrow.code).toBe(1);
    expect(narrow.out).toContain(
      'shop-narrow does not qualify as the renewal of shop-2025: does not cover www.shop.example.com.',
    );

    const chosen = await rollout(['shop-2025', '--to', 'shop-b']);
    expect(chosen.code).toBe(0);
    expect(chosen.out).toContain('Renewal: shop-b');
    expect(chosen.out).toContain('named with --to, and it qualifies');
    expect(writes()).toEqual({});
  });

  it('--delete-old refuses while a place may not have been read, and deletes once a full read finds nothing', async () => {
    await serve(halfDone());
    // eu-west-1 is not read: a place there may serve it.
    const partial = await rollout(['shop-2025', '--apply', '--delete-old', '--regions', 'us-east-1']);
    expect(partial.code).toBe(1);
    expect(partial.out).toContain('NOT CHECKED: 1 enabled region not checked: eu-west-1');
    expect(partial.out).toMatch(
      /Delete REFUSED: not every place could be read \(1 enabled region not checked: eu-west-1/,
    );
    expect(served().shopNlb.default).toBe(served().old);

    const plan = await rollout(['shop-2025', '--delete-old']);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('Delete shop-2025: after every place is switched, only if a fresh read');
    expect(plan.out).toContain('  iam:DeleteServerCertificate\n');

    const whole = await rollout(['shop-2025', '--apply', '--delete-old']);
    expect(whole.code).toBe(0);
    expect(whole.out).toContain(
      'Deleted shop-2025: a fresh read of every region and CloudFront found nothing that serves it.',
    );
    expect(server.index.certificatesByName.has('shop-2025')).toBe(false);
  });

  it('--delete-old waits until CloudFront has deployed the switch to every edge location', async () => {
    await serve(halfDone(), { distributionDeploymentMs: 5 * 60_000 });
    const first = await rollout(['shop-2025', '--apply', '--delete-old']);
    expect(first.code).toBe(1);
    expect(first.out).toContain('Delete REFUSED: CloudFront is still deploying E1SHOP (status not Deployed)');
    expect(writes().DeleteServerCertificate).toBeUndefined();
    clockMs += 5 * 60_000;
    const again = await rollout(['shop-2025', '--apply', '--delete-old']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Deleted shop-2025');
    expect(server.countBy('action', { service: 'cloudfront' })).toMatchObject({ GetDistribution: 2 });
  });

  it('throttled writes are retried by the SDK, as the scan is', async () => {
    await serve(halfDone(), {
      faults: [{ kind: 'throttle', service: 'elbv2', action: 'ModifyListener', count: 2 }],
    });
    const { code } = await rollout(['shop-2025', '--apply']);
    expect(code).toBe(0);
    expect(server.requestsWhere({ action: 'ModifyListener' }).filter((r) => r.errorCode === 'Throttling')).toHaveLength(
      2,
    );
    expectFinished();
  });
});
