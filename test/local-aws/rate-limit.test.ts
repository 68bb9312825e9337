import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { clientConfig, RATE_LIMIT_PRESETS, RateLimiter, scenarioBuilder, startAwsServer } from '../../local-aws';

const scenario = scenarioBuilder()
  .regions('us-east-1', 'eu-west-1')
  .certificate('web')
  .alb('us-east-1', 'shop', 'web')
  .build();

describe('token-bucket rate limiting', () => {
  test('the bucket allows `burst` requests at once, refills at ratePerSecond', () => {
    let now = 0;
    const limiter = new RateLimiter([{ service: 'elbv2', ratePerSecond: 10, burst: 3 }], () => now);
    const take = () => limiter.tryTake('elbv2', 'us-east-1', 'DescribeListeners');
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false]);
    now += 100; // one token back
    expect([take(), take()]).toEqual([true, false]);
    now += 10_000; // refills to burst, no more
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false]);
    expect(limiter.tryTake('elbv2', 'eu-west-1', 'DescribeListeners')).toBe(true); // separate bucket per region
    expect(limiter.tryTake('iam', 'us-east-1', 'ListServerCertificates')).toBe(true); // no rule for IAM
  });

  test('the first matching rule decides, so a specific rule can precede a wildcard', () => {
    const limiter = new RateLimiter(
      [
        { service: 'iam', ratePerSecond: 0, burst: 1 },
        { service: '*', ratePerSecond: 0, burst: 2 },
      ],
      () => 0,
    );
    expect([limiter.tryTake('iam', 'us-east-1', 'A'), limiter.tryTake('iam', 'us-east-1', 'A')]).toEqual([true, false]);
    expect([1, 2, 3].map(() => limiter.tryTake('sns', 'us-east-1', 'Publish'))).toEqual([true, true, false]);
  });

  test('the realistic preset: ELB describes 10/s burst 40, everything else 50/s burst 100', () => {
    const limiter = new RateLimiter(RATE_LIMIT_PRESETS.realistic, () => 0);
    const allowed = (service: 'elbv2' | 'elb' | 'iam', n: number) =>
      Array.from({ length: n }, () => limiter.tryTake(service, 'us-east-1', 'X')).filter(Boolean).length;
    expect(allowed('elbv2', 50)).toBe(40);
    expect(allowed('elb', 50)).toBe(40);
    expect(allowed('iam', 150)).toBe(100);
  });

  test('over HTTP: requests beyond the burst are throttled with the service error', async () => {
    const server = await startAwsServer({ scenario, rateLimit: { service: 'elbv2', ratePerSecond: 0.001, burst: 4 } });
    const us = new ElasticLoadBalancingV2Client(clientConfig(server));
    const eu = new ElasticLoadBalancingV2Client(clientConfig(server, 'eu-west-1'));
    const iam = new IAMClient(clientConfig(server));
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 7 }, () => us.send(new DescribeLoadBalancersCommand({}))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(3);
      expect(rejected[0]!.reason).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
      await expect(eu.send(new DescribeLoadBalancersCommand({}))).resolves.toBeDefined();
      await expect(iam.send(new ListServerCertificatesCommand({}))).resolves.toBeDefined();
      expect(server.count({ fault: 'rate-limit' })).toBe(3);
      expect(server.countBy('status', { service: 'elbv2', region: 'us-east-1' })).toEqual({ 200: 4, 400: 3 });
      server.setRateLimit(undefined);
      await expect(us.send(new DescribeLoadBalancersCommand({}))).resolves.toBeDefined();
    } finally {
      for (const c of [us, eu, iam]) c.destroy();
      await server.close();
    }
  });
});

describe('request log', () => {
  test('records service, action, region, params, status and time; counts by any field; reset clears', async () => {
    const before = Date.now();
    const server = await startAwsServer({ scenario });
    const us = new ElasticLoadBalancingV2Client(clientConfig(server));
    const eu = new ElasticLoadBalancingV2Client(clientConfig(server, 'eu-west-1'));
    const iam = new IAMClient(clientConfig(server));
    try {
      await us.send(new DescribeLoadBalancersCommand({ PageSize: 5 }));
      await eu.send(new DescribeLoadBalancersCommand({}));
      await iam.send(new ListServerCertificatesCommand({ MaxItems: 10 }));
      expect(server.requests[0]).toEqual({
        service: 'elbv2',
        action: 'DescribeLoadBalancers',
        region: 'us-east-1',
        accountId: '123456789012',
        params: { Action: 'DescribeLoadBalancers', Version: '2015-12-01', PageSize: '5' },
        status: 200,
        at: expect.any(Number),
        durationMs: expect.any(Number),
      });
      expect(server.requests[0]!.at).toBeGreaterThanOrEqual(before);
      expect(server.countBy('action')).toEqual({ DescribeLoadBalancers: 2, ListServerCertificates: 1 });
      expect(server.countBy('region', { service: 'elbv2' })).toEqual({ 'us-east-1': 1, 'eu-west-1': 1 });
      expect(server.countBy('serviceAction')).toEqual({
        'elbv2:DescribeLoadBalancers': 2,
        'iam:ListServerCertificates': 1,
      });
      expect(server.count({ service: 'iam' })).toBe(1);
      expect(server.requestsWhere({ region: 'eu-west-1' })).toHaveLength(1);
      server.reset();
      expect(server.requests).toEqual([]);
      expect(server.count()).toBe(0);
    } finally {
      for (const c of [us, eu, iam]) c.destroy();
      await server.close();
    }
  });

  test('handles many concurrent keep-alive requests', async () => {
    const server = await startAwsServer({ scenario, latencyMs: { min: 0, max: 5 } });
    const client = new ElasticLoadBalancingV2Client(clientConfig(server));
    try {
      await Promise.all(Array.from({ length: 200 }, () => client.send(new DescribeLoadBalancersCommand({}))));
      expect(server.count({ status: 200 })).toBe(200);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
