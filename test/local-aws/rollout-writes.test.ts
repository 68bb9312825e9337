/** The loopback's write APIs, through unmodified SDK clients: AWS's answers, including its failures. */
import { CloudFrontClient, GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingClient,
  SetLoadBalancerListenerSSLCertificateCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  AddListenerCertificatesCommand,
  DescribeListenerCertificatesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  RemoveListenerCertificatesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DeleteServerCertificateCommand, IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { clientConfig, scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';

const NOW = new Date('2026-11-26T12:00:00Z');
let server: AwsServer;
let clock = NOW.getTime();

beforeEach(async () => {
  clock = NOW.getTime();
  server = await startAwsServer({
    scenario: scenarioBuilder({ now: NOW })
      .certificate('old', { expiresInDays: 5, path: '/cloudfront/' })
      .certificate('new', { expiresInDays: 400, uploadedDaysAgo: 1 / 1440, path: '/cloudfront/' })
      .certificate('other', { expiresInDays: 300 })
      .classicLoadBalancer('us-east-1', 'legacy', [{ protocol: 'HTTPS', port: 443, certificate: 'old' }])
      .alb('us-east-1', 'web', 'old', ['other'])
      .distribution({
        id: 'E1',
        iamCertificate: 'old',
        sslSupportMethod: 'vip',
        minimumProtocolVersion: 'TLSv1.1_2016',
      })
      .build(),
    certificatePropagationMs: 10 * 60_000,
    clock: () => new Date(clock),
  });
});
afterEach(() => server.close());

const arn = (name: string) => server.index.certificatesByName.get(name)!.arn;

describe('loopback ELB certificate writes', () => {
  it('answer CertificateNotFound for a fresh upload until it has propagated, then switch the listener', async () => {
    const elb = new ElasticLoadBalancingClient(clientConfig(server));
    const set = () =>
      elb.send(
        new SetLoadBalancerListenerSSLCertificateCommand({
          LoadBalancerName: 'legacy',
          LoadBalancerPort: 443,
          SSLCertificateId: arn('new'),
        }),
      );
    await expect(set()).rejects.toMatchObject({ name: 'CertificateNotFoundException' });
    clock += 10 * 60_000;
    await set();
    const { LoadBalancerDescriptions } = await elb.send(
      new DescribeLoadBalancersCommand({ LoadBalancerNames: ['legacy'] }),
    );
    expect(LoadBalancerDescriptions![0]!.ListenerDescriptions![0]!.Listener!.SSLCertificateId).toBe(arn('new'));
  });

  it('an unknown certificate is CertificateNotFound whatever the time', async () => {
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(server));
    const listener = server.index.region('us-east-1').elbv2ByName.get('web')!.listeners[0]!.arn;
    clock += 3_600_000;
    await expect(
      elbv2.send(
        new ModifyListenerCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: `${arn('new')}x` }] }),
      ),
    ).rejects.toMatchObject({ name: 'CertificateNotFoundException' });
  });

  it('ModifyListener replaces the default; Add/RemoveListenerCertificates change the SNI list only', async () => {
    clock += 3_600_000;
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(server));
    const listener = server.index.region('us-east-1').elbv2ByName.get('web')!.listeners[0]!.arn;
    const certificates = async () =>
      (await elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: listener }))).Certificates!.map((c) => [
        c.CertificateArn,
        c.IsDefault,
      ]);
    await elbv2.send(
      new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: arn('new') }] }),
    );
    await elbv2.send(
      new AddListenerCertificatesCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: arn('new') }] }),
    );
    await elbv2.send(
      new RemoveListenerCertificatesCommand({
        ListenerArn: listener,
        Certificates: [{ CertificateArn: arn('other') }],
      }),
    );
    await elbv2.send(
      new ModifyListenerCommand({ ListenerArn: listener, Certificates: [{ CertificateArn: arn('other') }] }),
    );
    expect(await certificates()).toEqual([
      [arn('other'), true],
      [arn('other'), false],
      [arn('new'), false],
    ]);
    await expect(
      elbv2.send(
        new RemoveListenerCertificatesCommand({
          ListenerArn: listener,
          Certificates: [{ CertificateArn: arn('other') }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'OperationNotPermittedException' });
  });
});

describe('loopback CloudFront config updates', () => {
  it('need the current ETag: a stale one is PreconditionFailed; each update gives a new one', async () => {
    const cloudFront = new CloudFrontClient(clientConfig(server));
    const first = await cloudFront.send(new GetDistributionConfigCommand({ Id: 'E1' }));
    expect(first.DistributionConfig!.ViewerCertificate).toMatchObject({
      IAMCertificateId: server.index.certificatesByName.get('old')!.id,
      SSLSupportMethod: 'vip',
      MinimumProtocolVersion: 'TLSv1.1_2016',
    });
    const config = (id: string) => ({
      ...first.DistributionConfig!,
      ViewerCertificate: { ...first.DistributionConfig!.ViewerCertificate, IAMCertificateId: id, Certificate: id },
    });
    const newId = server.index.certificatesByName.get('new')!.id;
    const updated = await cloudFront.send(
      new UpdateDistributionCommand({ Id: 'E1', IfMatch: first.ETag!, DistributionConfig: config(newId) }),
    );
    expect(updated.ETag).toBeDefined();
    expect(updated.ETag).not.toBe(first.ETag);
    await expect(
      cloudFront.send(
        new UpdateDistributionCommand({ Id: 'E1', IfMatch: first.ETag!, DistributionConfig: config(newId) }),
      ),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    const again = await cloudFront.send(new GetDistributionConfigCommand({ Id: 'E1' }));
    expect(again.ETag).toBe(updated.ETag);
    expect(again.DistributionConfig!.ViewerCertificate).toMatchObject({
      IAMCertificateId: newId,
      SSLSupportMethod: 'vip',
      MinimumProtocolVersion: 'TLSv1.1_2016',
    });
  });

  it('refuse an IAM certificate outside /cloudfront/', async () => {
    const cloudFront = new CloudFrontClient(clientConfig(server));
    const read = await cloudFront.send(new GetDistributionConfigCommand({ Id: 'E1' }));
    const otherId = server.index.certificatesByName.get('other')!.id;
    await expect(
      cloudFront.send(
        new UpdateDistributionCommand({
          Id: 'E1',
          IfMatch: read.ETag!,
          DistributionConfig: {
            ...read.DistributionConfig!,
            ViewerCertificate: { ...read.DistributionConfig!.ViewerCertificate, IAMCertificateId: otherId },
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidViewerCertificate' });
  });
});

describe('loopback IAM DeleteServerCertificate', () => {
  it('removes the certificate from the listing', async () => {
    const iam = new IAMClient(clientConfig(server));
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'other' }));
    const { ServerCertificateMetadataList } = await iam.send(new ListServerCertificatesCommand({}));
    expect(ServerCertificateMetadataList!.map((c) => c.ServerCertificateName)).toEqual(['old', 'new']);
    await expect(
      iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'other' })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
