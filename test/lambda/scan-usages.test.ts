import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassic,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lambda/aws/clients';
import { scanUsages } from '../../lambda/scan-usages';
import { apiGatewayListing } from './sources/api-gateway-source';
import { usageName, usageRegion } from '../../lambda/domain/usage-place';

const CERT = 'arn:aws:iam::123456789012:server-certificate/web';
const mocks = {
  ec2: mockClient(EC2Client),
  elb: mockClient(ElasticLoadBalancingClient),
  elbv2: mockClient(ElasticLoadBalancingV2Client),
  cloudfront: mockClient(CloudFrontClient),
};
let clients: AwsClients;

beforeEach(() => {
  for (const m of Object.values(mocks)) m.reset();
  clients = new AwsClients({
    maxAttempts: 1,
    connectionTimeoutMs: 100,
    requestTimeoutMs: 100,
    homeRegion: 'us-east-1',
  });
  mocks.ec2
    .on(DescribeRegionsCommand)
    .resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] });
  mocks.cloudfront.on(ListDistributionsCommand).resolves({});
  mocks.elbv2.on(DescribeLoadBalancersCommand).resolves({});
  // The mock answers every region's client; tell them apart by the region each client was made for.
  mocks.elb.on(DescribeClassic).callsFake(async (_input, getClient) => {
    const region = await (getClient() as ElasticLoadBalancingClient).config.region();
    if (region === 'eu-west-1') throw Object.assign(new Error('explicit deny in an SCP'), { name: 'AccessDenied' });
    return {
      LoadBalancerDescriptions: [
        {
          LoadBalancerName: 'legacy',
          ListenerDescriptions: [
            { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 80, SSLCertificateId: CERT } },
          ],
        },
        {
          LoadBalancerName: 'other',
          ListenerDescriptions: [
            {
              Listener: {
                Protocol: 'HTTPS',
                LoadBalancerPort: 443,
                InstancePort: 80,
                SSLCertificateId: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
              },
            },
          ],
        },
      ],
    };
  });
});

afterEach(() => clients.destroy());
afterAll(() => Object.values(mocks).forEach((m) => m.restore()));

describe('scanUsages', () => {
  it('keeps what the other regions found when one region fails, and names the failure', async () => {
    const scan = await scanUsages(clients, { regions: 'all', certificateRefs: new Set([CERT]), concurrency: 2 });
    expect(scan.value.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(scan.value.uses.map((u) => `${usageRegion(u)}/${usageName(u)}`)).toEqual(['us-east-1/legacy']);
    expect(scan.gaps).toEqual([
      {
        region: 'eu-west-1',
        service: 'elb',
        reason: 'AccessDenied: explicit deny in an SCP (check the function role and any SCP on this region)',
      },
    ]);
  });

  // The enabled regions are listed even when regions are configured, to name the ones left out.
  it('scans only the configured regions, and still lists the enabled ones', async () => {
    const scan = await scanUsages(clients, {
      regions: ['us-east-1'],
      certificateRefs: new Set([CERT]),
      concurrency: 2,
    });
    expect(scan.value.regions).toEqual(['us-east-1']);
    expect(scan.value.enabledRegions).toEqual(['eu-west-1', 'us-east-1']);
    expect(mocks.elb.calls()).toHaveLength(1);
    expect(scan.gaps).toEqual([]);
  });

  it('reads no configured name that is not an enabled region: each is a gap, a typo with the nearest region', async () => {
    mocks.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
      ],
    });
    const scan = await scanUsages(clients, {
      regions: ['us-eest-1', 'af-south-1', 'eu-west-1'],
      certificateRefs: new Set([CERT]),
      concurrency: 2,
    });
    expect(scan.value.regions).toEqual(['eu-west-1']);
    expect(scan.value.enabledRegions).toEqual(['eu-west-1', 'us-east-1']);
    expect(scan.gaps).toEqual([
      {
        region: 'us-eest-1',
        service: 'ec2',
        reason: 'not a region (did you mean us-east-1?): fix the configured regions',
      },
      {
        region: 'af-south-1',
        service: 'ec2',
        reason: 'not enabled in this account (an opt-in region): opt in, or leave it out of the configured regions',
      },
      {
        region: 'eu-west-1',
        service: 'elb',
        reason: 'AccessDenied: explicit deny in an SCP (check the function role and any SCP on this region)',
      },
    ]);
    // Only eu-west-1 was asked, by each regional source.
    expect(mocks.elb.calls()).toHaveLength(1);
    expect(mocks.elbv2.calls()).toHaveLength(1);
  });

  it('scans the configured regions when the enabled ones cannot be listed, and says so', async () => {
    mocks.ec2.on(DescribeRegionsCommand).rejects(Object.assign(new Error('no'), { name: 'UnauthorizedOperation' }));
    const scan = await scanUsages(clients, {
      regions: ['us-east-1'],
      certificateRefs: new Set([CERT]),
      concurrency: 2,
    });
    expect(scan.value.regions).toEqual(['us-east-1']);
    expect(scan.value.enabledRegions).toBeUndefined();
    expect(scan.gaps).toEqual([
      {
        region: 'all',
        service: 'ec2',
        reason:
          'could not list the enabled regions, so only the configured regions were checked: UnauthorizedOperation: no ' +
          '(check the function role and any SCP on this region)',
      },
    ]);
  });

  it('lists what is registered: a regional source in every region, a global one once; a failure is a gap of its service', async () => {
    const scan = await scanUsages(clients, {
      regions: ['us-east-1', 'eu-west-1'],
      certificateRefs: new Set([CERT]),
      concurrency: 2,
      listings: [apiGatewayListing(CERT, 'eu-west-1'), { ...apiGatewayListing(CERT), scope: 'global' }],
    });
    expect(scan.value.uses.map((u) => `${usageRegion(u)}/${usageName(u)}`).sort()).toEqual([
      'global/api.global.example.com',
      'us-east-1/api.us-east-1.example.com',
    ]);
    expect(scan.gaps).toEqual([
      {
        region: 'eu-west-1',
        service: 'apigateway',
        reason: 'AccessDenied: not allowed (check the function role and any SCP on this region)',
      },
    ]);
    // Only the region list: the registered listings replace the built-in sources.
    expect(Object.values(mocks).map((m) => m.calls().length)).toEqual([1, 0, 0, 0]);
  });
});
