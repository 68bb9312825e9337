import {
  CloudFrontClient,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
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
import { DeleteServerCertificateCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { classicListenerCertificate, setClassicListenerCertificate } from '../../../lambda/aws/classic-elb';
import {
  getDistributionConfig,
  updateDistributionCertificate,
  withViewerCertificate,
} from '../../../lambda/aws/cloudfront';
import {
  addSniCertificate,
  listenerCertificates,
  removeSniCertificate,
  setDefaultCertificate,
} from '../../../lambda/aws/elbv2';
import { deleteServerCertificate } from '../../../lambda/aws/iam';

const elb = mockClient(ElasticLoadBalancingClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const cloudFront = mockClient(CloudFrontClient);
const iam = mockClient(IAMClient);
const OLD = 'arn:aws:iam::123456789012:server-certificate/old';
const NEW = 'arn:aws:iam::123456789012:server-certificate/new';
const LISTENER = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/a/1/2';

beforeEach(() => {
  elb.reset();
  elbv2.reset();
  cloudFront.reset();
  iam.reset();
});

describe('Classic ELB listener writes', () => {
  const client = new ElasticLoadBalancingClient({ region: 'eu-west-1' });

  it('reads the certificate of the listener on the port asked for', async () => {
    elb.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['legacy'] }).resolves({
      LoadBalancerDescriptions: [
        {
          ListenerDescriptions: [
            { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 8443, InstancePort: 80, SSLCertificateId: NEW } },
            { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 80, SSLCertificateId: OLD } },
          ],
        },
      ],
    });
    expect(await classicListenerCertificate(client, 'legacy', 443)).toBe(OLD);
    expect(await classicListenerCertificate(client, 'legacy', 80)).toBeUndefined();
  });

  it('sets the certificate of one listener', async () => {
    elb.on(SetLoadBalancerListenerSSLCertificateCommand).resolves({});
    await setClassicListenerCertificate(client, 'legacy', 443, NEW);
    expect(elb.commandCalls(SetLoadBalancerListenerSSLCertificateCommand)[0]!.args[0].input).toEqual({
      LoadBalancerName: 'legacy',
      LoadBalancerPort: 443,
      SSLCertificateId: NEW,
    });
  });
});

describe('ELBv2 listener writes', () => {
  const client = new ElasticLoadBalancingV2Client({ region: 'eu-west-1' });

  it('reads the default once and the SNI certificates across pages', async () => {
    elbv2
      .on(DescribeListenerCertificatesCommand, { ListenerArn: LISTENER, Marker: undefined })
      .resolves({
        Certificates: [
          { CertificateArn: OLD, IsDefault: true },
          { CertificateArn: OLD, IsDefault: false },
        ],
        NextMarker: 'm2',
      })
      .on(DescribeListenerCertificatesCommand, { ListenerArn: LISTENER, Marker: 'm2' })
      .resolves({ Certificates: [{ CertificateArn: NEW, IsDefault: false }] });
    expect(await listenerCertificates(client, LISTENER)).toEqual({ defaultCertificate: OLD, sni: [NEW] });
  });

  it('changes only the certificates of a listener', async () => {
    elbv2.on(ModifyListenerCommand).resolves({});
    elbv2.on(AddListenerCertificatesCommand).resolves({});
    elbv2.on(RemoveListenerCertificatesCommand).resolves({});
    await setDefaultCertificate(client, LISTENER, NEW);
    await addSniCertificate(client, LISTENER, NEW);
    await removeSniCertificate(client, LISTENER, OLD);
    const input = { ListenerArn: LISTENER, Certificates: [{ CertificateArn: NEW }] };
    expect(elbv2.commandCalls(ModifyListenerCommand)[0]!.args[0].input).toEqual(input);
    expect(elbv2.commandCalls(AddListenerCertificatesCommand)[0]!.args[0].input).toEqual(input);
    expect(elbv2.commandCalls(RemoveListenerCertificatesCommand)[0]!.args[0].input).toEqual({
      ListenerArn: LISTENER,
      Certificates: [{ CertificateArn: OLD }],
    });
  });
});

describe('CloudFront distribution writes', () => {
  const client = new CloudFrontClient({ region: 'us-east-1' });
  const config = {
    CallerReference: 'ref',
    Comment: 'shop',
    Enabled: true,
    ViewerCertificate: {
      CloudFrontDefaultCertificate: false,
      IAMCertificateId: 'ASCAOLD',
      SSLSupportMethod: 'vip',
      MinimumProtocolVersion: 'TLSv1.2_2019',
      Certificate: 'ASCAOLD',
      CertificateSource: 'iam',
    },
  } as unknown as DistributionConfig;

  it('changes only the viewer certificate, keeping its TLS settings', () => {
    expect(withViewerCertificate(config, { iamCertificateId: 'ASCANEW' })).toEqual({
      ...config,
      ViewerCertificate: {
        CloudFrontDefaultCertificate: false,
        IAMCertificateId: 'ASCANEW',
        SSLSupportMethod: 'vip',
        MinimumProtocolVersion: 'TLSv1.2_2019',
        Certificate: 'ASCANEW',
        CertificateSource: 'iam',
      },
    });
    expect(withViewerCertificate(config, { acmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' })).toEqual({
      ...config,
      ViewerCertificate: {
        CloudFrontDefaultCertificate: false,
        ACMCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
        SSLSupportMethod: 'vip',
        MinimumProtocolVersion: 'TLSv1.2_2019',
      },
    });
  });

  it('updates with If-Match set to the ETag of the read', async () => {
    cloudFront.on(GetDistributionConfigCommand, { Id: 'E1' }).resolves({ DistributionConfig: config, ETag: 'E2ETAG' });
    cloudFront.on(UpdateDistributionCommand).resolves({});
    const read = await getDistributionConfig(client, 'E1');
    expect(read.served).toEqual({ iamCertificateId: 'ASCAOLD' });
    await updateDistributionCertificate(client, read, { iamCertificateId: 'ASCANEW' });
    const input = cloudFront.commandCalls(UpdateDistributionCommand)[0]!.args[0].input;
    expect(input.Id).toBe('E1');
    expect(input.IfMatch).toBe('E2ETAG');
    expect(input.DistributionConfig?.ViewerCertificate?.IAMCertificateId).toBe('ASCANEW');
  });
});

describe('IAM DeleteServerCertificate', () => {
  it('deletes by name', async () => {
    iam.on(DeleteServerCertificateCommand).resolves({});
    await deleteServerCertificate(new IAMClient({ region: 'us-east-1' }), 'old');
    expect(iam.commandCalls(DeleteServerCertificateCommand)[0]!.args[0].input).toEqual({
      ServerCertificateName: 'old',
    });
  });
});
