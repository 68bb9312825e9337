/**
 * Odd and hostile SDK responses through the whole check (mocked clients): each is handled and reported, none
 * crashes the run.
 */
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassic,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  IAMClient,
  ListAccountAliasesCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
} from '@aws-sdk/client-iam';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lambda/aws/clients';
import { runCheck } from '../../lambda/check';
import { enabledSinks } from '../../lambda/sinks/enabled-sinks';
import { DAY_MS } from '../../lambda/domain/classify';
import { usageType } from '../../lambda/domain/usage-place';
import { usageRecord } from '../../lambda/render/usage-record';

const now = new Date('2026-11-26T08:00:00Z');
const soon = new Date(now.getTime() + 2 * DAY_MS);
const mocks = {
  iam: mockClient(IAMClient),
  ec2: mockClient(EC2Client),
  elb: mockClient(ElasticLoadBalancingClient),
  elbv2: mockClient(ElasticLoadBalancingV2Client),
  cloudfront: mockClient(CloudFrontClient),
  sns: mockClient(SNSClient),
};
const longName = `a${'é'.repeat(499)}${'x'.repeat(500)}`;
const certs = [
  {
    ServerCertificateName: 'web',
    Path: '/',
    ServerCertificateId: 'ASCA1',
    Arn: 'arn:aws:iam::123456789012:server-certificate/web',
    Expiration: soon,
  },
  // IAM forbids a name twice, but the monitor must not merge or drop them if a response says so.
  {
    ServerCertificateName: 'web',
    Path: '/cloudfront/',
    ServerCertificateId: 'ASCA2',
    Arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/web',
    Expiration: soon,
  },
  {
    ServerCertificateName: longName,
    Path: '/',
    ServerCertificateId: 'ASCA3',
    Arn: `arn:aws:iam::123456789012:server-certificate/${longName}`,
    Expiration: soon,
  },
  {
    ServerCertificateName: '证书-😀',
    Path: '/',
    ServerCertificateId: 'ASCA4',
    Arn: 'arn:aws:iam::123456789012:server-certificate/证书-😀',
  },
  {
    ServerCertificateName: undefined,
    Path: undefined,
    ServerCertificateId: undefined,
    Arn: undefined,
    Expiration: soon,
  },
];

beforeEach(() => {
  for (const m of Object.values(mocks)) m.reset();
  mocks.iam.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: certs as never });
  mocks.iam.on(ListServerCertificateTagsCommand).resolves({});
  mocks.iam.on(ListAccountAliasesCommand).resolves({});
  mocks.ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }, {}] });
  mocks.elb.on(DescribeClassic).resolves({
    LoadBalancerDescriptions: [
      { ListenerDescriptions: [{}, { Listener: { SSLCertificateId: certs[0].Arn } as never }] },
      {},
    ],
  });
  mocks.elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      { LoadBalancerArn: 'not-an-arn', LoadBalancerName: longName, Type: 'application' },
      { LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1', Type: undefined },
    ],
  });
  mocks.elbv2
    .on(DescribeListenersCommand)
    .resolves({ Listeners: [{ ListenerArn: 'weird/listener', Protocol: 'HTTPS' }, { Protocol: 'TLS' }] });
  mocks.elbv2
    .on(DescribeListenerCertificatesCommand)
    .resolves({ Certificates: [{}, { CertificateArn: certs[2].Arn }] });
  mocks.cloudfront.on(ListDistributionsCommand).resolves({});
  mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
});

afterAll(() => Object.values(mocks).forEach((m) => m.restore()));

it('reports every certificate, matches usages by ARN, and publishes within limits', async () => {
  const clients = new AwsClients({
    maxAttempts: 1,
    connectionTimeoutMs: 100,
    requestTimeoutMs: 100,
    homeRegion: 'us-east-1',
  });
  const outcome = await runCheck(clients, {
    settings: { thresholds: { thresholdDays: 7, warningDays: 0 }, regions: 'all' },
    accountId: '123456789012',
    now,
    concurrency: 2,
    sinks: enabledSinks({ topicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' }, clients),
  });
  const report = outcome.report!;
  // Every region and CloudFront were read, so the ones served nowhere are unused, and sort last.
  expect(report.findings.map((f) => [f.certificate.arn, f.severity])).toEqual([
    ['arn:aws:iam::123456789012:server-certificate/' + longName, 'critical'],
    ['arn:aws:iam::123456789012:server-certificate/web', 'critical'],
    ['arn:aws:iam::123456789012:server-certificate/证书-😀', 'unused'],
    ['(unnamed)', 'unused'],
    ['arn:aws:iam::123456789012:server-certificate/cloudfront/web', 'unused'],
  ]);
  const usage = (name: string) =>
    report.findings.find((f) => f.certificate.arn === `arn:aws:iam::123456789012:server-certificate/${name}`)!.usages;
  expect(usage('web').map(usageType)).toEqual(['classic']);
  // Both load balancers answer with the same odd listener; the nameless one is still reported.
  expect(
    usage(longName)
      .map(usageRecord)
      .map((u) => [u.name, u.listenerArn]),
  ).toEqual([
    ['(unnamed)', 'weird/listener'],
    [longName, 'weird/listener'],
  ]);
  expect(usage('cloudfront/web')).toEqual([]);
  expect(report.coverage.gaps).toEqual([]);
  const publish = mocks.sns.commandCalls(PublishCommand)[0].args[0].input;
  expect(publish.Subject!.length).toBeLessThanOrEqual(100);
  expect(Buffer.byteLength(publish.Message!)).toBeLessThan(262_144);
  clients.destroy();
});
