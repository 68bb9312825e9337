import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { clientConfig, scenarioBuilder, startAwsServer, type AwsServer, type FaultKind } from '../../local-aws';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const scenario = scenarioBuilder()
  .regions('us-east-1', 'eu-west-1')
  .certificate('web', { expiresInDays: 3 })
  .alb('eu-west-1', 'shop', 'web')
  .topic(TOPIC)
  .build();

describe('fault injection, as the SDK sees it', () => {
  let server: AwsServer;
  let iam: IAMClient;
  let ec2: EC2Client;
  let elb: ElasticLoadBalancingClient;
  let elbv2: ElasticLoadBalancingV2Client;
  let sns: SNSClient;
  let cloudfront: CloudFrontClient;
  let acm: ACMClient;
  let securityhub: SecurityHubClient;
  let eventbridge: EventBridgeClient;

  beforeAll(async () => {
    server = await startAwsServer({ scenario, seed: 42 });
    iam = new IAMClient(clientConfig(server));
    ec2 = new EC2Client(clientConfig(server));
    elb = new ElasticLoadBalancingClient(clientConfig(server));
    elbv2 = new ElasticLoadBalancingV2Client(clientConfig(server, 'eu-west-1'));
    sns = new SNSClient(clientConfig(server));
    cloudfront = new CloudFrontClient(clientConfig(server));
    acm = new ACMClient(clientConfig(server));
    securityhub = new SecurityHubClient(clientConfig(server));
    eventbridge = new EventBridgeClient(clientConfig(server));
  });
  afterAll(async () => {
    for (const c of [iam, ec2, elb, elbv2, sns, cloudfront, acm, securityhub, eventbridge]) c.destroy();
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    server.setFaults([]);
    server.setLatency(undefined);
  });

  const calls = {
    iam: () => iam.send(new ListServerCertificatesCommand({})),
    ec2: () => ec2.send(new DescribeRegionsCommand({})),
    elb: () => elb.send(new DescribeClassicCommand({})),
    elbv2: () => elbv2.send(new DescribeLoadBalancersCommand({})),
    sns: () => sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'x' })),
    cloudfront: () => cloudfront.send(new ListDistributionsCommand({})),
    acm: () => acm.send(new ListCertificatesCommand({})),
    securityhub: () => securityhub.send(new GetFindingsCommand({})),
    eventbridge: () =>
      eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'test', DetailType: 't', Detail: '{}' }] })),
  };

  test.each<[FaultKind, keyof typeof calls, string, number]>([
    ['throttle', 'iam', 'Throttling', 400],
    ['throttle', 'elb', 'Throttling', 400],
    ['throttle', 'elbv2', 'Throttling', 400],
    ['throttle', 'cloudfront', 'Throttling', 400],
    ['throttle', 'sns', 'ThrottledException', 429],
    ['throttle', 'ec2', 'RequestLimitExceeded', 503],
    ['internal-error', 'iam', 'InternalFailure', 500],
    ['internal-error', 'ec2', 'InternalError', 500],
    ['internal-error', 'sns', 'InternalErrorException', 500],
    ['unavailable', 'elbv2', 'ServiceUnavailable', 503],
    ['unavailable', 'ec2', 'Unavailable', 503],
    ['access-denied', 'iam', 'AccessDenied', 403],
    ['access-denied', 'elbv2', 'AccessDenied', 403],
    ['access-denied', 'cloudfront', 'AccessDenied', 403],
    ['access-denied', 'sns', 'AuthorizationErrorException', 403],
    ['access-denied', 'ec2', 'UnauthorizedOperation', 403],
    ['region-not-opted-in', 'elbv2', 'InvalidClientTokenId', 403],
    ['region-not-opted-in', 'ec2', 'AuthFailure', 401],
    ['throttle', 'acm', 'ThrottlingException', 400],
    ['throttle', 'securityhub', 'LimitExceededException', 429],
    ['throttle', 'eventbridge', 'ThrottlingException', 400],
    ['access-denied', 'acm', 'AccessDeniedException', 403],
    ['access-denied', 'securityhub', 'AccessDeniedException', 403],
    ['access-denied', 'eventbridge', 'AccessDeniedException', 400],
    ['internal-error', 'acm', 'InternalFailure', 500],
    ['internal-error', 'securityhub', 'InternalException', 500],
    ['internal-error', 'eventbridge', 'InternalException', 500],
    ['unavailable', 'securityhub', 'ServiceUnavailable', 503],
    ['region-not-opted-in', 'acm', 'UnrecognizedClientException', 400],
    ['region-not-opted-in', 'securityhub', 'UnrecognizedClientException', 403],
  ])('%s on %s → %s (%d)', async (kind, service, name, status) => {
    server.setFaults([{ kind, service }]);
    await expect(calls[service]()).rejects.toMatchObject({ name, $metadata: { httpStatusCode: status } });
    expect(server.requests).toEqual([expect.objectContaining({ service, status, fault: kind })]);
  });

  test('access denied names the IAM action', async () => {
    server.setFaults([
      { kind: 'access-denied', service: 'elbv2', action: 'DescribeLoadBalancers', region: 'eu-west-1' },
    ]);
    await expect(calls.elbv2()).rejects.toThrow(
      /is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers/,
    );
  });

  test.each([
    ['acm', 'acm:ListCertificates'],
    ['securityhub', 'securityhub:GetFindings'],
    ['eventbridge', 'events:PutEvents'],
  ] as const)('access denied on %s names %s', async (service, action) => {
    server.setFaults([{ kind: 'access-denied', service }]);
    await expect(calls[service]()).rejects.toThrow(`is not authorized to perform: ${action} because`);
  });

  test('code, status and message can be overridden', async () => {
    server.setFaults([
      { kind: 'throttle', service: 'iam', code: 'ThrottlingException', status: 400, message: 'slow down' },
    ]);
    await expect(calls.iam()).rejects.toMatchObject({ name: 'ThrottlingException', message: 'slow down' });
  });

  test('connection reset: the socket is destroyed before any response', async () => {
    server.setFaults([{ kind: 'connection-reset', service: 'elb' }]);
    await expect(calls.elb()).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE/);
    expect(server.requests[0]).toMatchObject({ status: 0, fault: 'connection-reset' });
  });

  test('malformed XML: a 200 response the SDK cannot parse', async () => {
    server.setFaults([{ kind: 'malformed-xml', service: 'iam' }]);
    await expect(calls.iam()).rejects.toThrow(/XML|parse|Unexpected|Deserialization/i);
    server.setFaults([{ kind: 'malformed-xml', service: 'cloudfront' }]);
    await expect(calls.cloudfront()).rejects.toThrow();
  });

  test('hang: headers and half a body, until the client aborts', async () => {
    server.setFaults([{ kind: 'hang', service: 'elbv2' }]);
    const started = Date.now();
    // Headers arrived, so the SDK fails while reading the body.
    await expect(
      elbv2.send(new DescribeLoadBalancersCommand({}), { abortSignal: AbortSignal.timeout(200) }),
    ).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(server.requests[0]).toMatchObject({ fault: 'hang', status: 200 });
  });

  test('count limits how often a fault fires; the SDK retries through it', async () => {
    server.setFaults([{ kind: 'internal-error', service: 'iam', count: 2 }]);
    const retrying = new IAMClient(clientConfig(server, 'us-east-1', 3));
    try {
      const out = await retrying.send(new ListServerCertificatesCommand({}));
      expect(out.$metadata.attempts).toBe(3);
    } finally {
      retrying.destroy();
    }
    expect(server.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(server.faultsFired()).toEqual([2]);
  });

  test('wildcards and matching by action and region', async () => {
    server.setFaults([{ kind: 'access-denied', service: '*', region: 'eu-west-1' }]);
    await expect(calls.elbv2()).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(calls.elb()).resolves.toBeDefined(); // us-east-1
    server.setFaults([{ kind: 'throttle', action: 'Publish' }]);
    await expect(calls.sns()).rejects.toMatchObject({ name: 'ThrottledException' });
    await expect(calls.iam()).resolves.toBeDefined();
  });

  test('matching by request fields: one topic of a region hangs, another answers', async () => {
    server.setFaults([{ kind: 'hang', service: 'sns', params: { TopicArn: `${TOPIC}-chat` } }]);
    await expect(calls.sns()).resolves.toBeDefined();
    await expect(
      sns.send(new PublishCommand({ TopicArn: `${TOPIC}-chat`, Message: 'x' }), {
        abortSignal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow(/abort/i);
    expect(server.requests.map((r) => [r.params.TopicArn, r.fault])).toEqual([
      [TOPIC, undefined],
      [`${TOPIC}-chat`, 'hang'],
    ]);
  });

  test('probability draws from a seeded PRNG: same seed, same sequence', async () => {
    const outcomes = async (seed: number) => {
      const s = await startAwsServer({
        scenario,
        seed,
        faults: [{ kind: 'internal-error', service: 'ec2', probability: 0.5 }],
      });
      const client = new EC2Client(clientConfig(s));
      try {
        for (let i = 0; i < 20; i++) await client.send(new DescribeRegionsCommand({})).catch(() => undefined);
        return s.requests.map((r) => r.status);
      } finally {
        client.destroy();
        await s.close();
      }
    };
    const a = await outcomes(7);
    expect(await outcomes(7)).toEqual(a);
    const failures = a.filter((st) => st === 500).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
  });

  test('latency: fixed per rule, added to the global latency', async () => {
    server.setLatency(50);
    server.setFaults([{ kind: 'latency', service: 'iam', latencyMs: 100 }]);
    const started = Date.now();
    await calls.iam();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.requests[0]!.durationMs).toBeGreaterThanOrEqual(140);
    expect(server.requests[0]!.fault).toBeUndefined();
  });

  test('latency: random between min and max', async () => {
    server.setLatency({ min: 20, max: 60 });
    for (let i = 0; i < 5; i++) await calls.ec2();
    for (const r of server.requests) {
      expect(r.durationMs).toBeGreaterThanOrEqual(19);
      expect(r.durationMs).toBeLessThan(300);
    }
  });
});

describe('close()', () => {
  test('ends hung responses and pending delays promptly', async () => {
    const server = await startAwsServer({
      scenario,
      faults: [
        { kind: 'hang', service: 'iam' },
        { kind: 'latency', service: 'ec2', latencyMs: 60_000 },
      ],
    });
    const iam = new IAMClient(clientConfig(server));
    const ec2 = new EC2Client(clientConfig(server));
    const hung = iam.send(new ListServerCertificatesCommand({})).catch((e: unknown) => e);
    const delayed = ec2.send(new DescribeRegionsCommand({})).catch((e: unknown) => e);
    for (let i = 0; i < 50 && server.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await server.close();
    expect(await hung).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(1000);
    iam.destroy();
    ec2.destroy();
  });
});
