import { DescribeLoadBalancersCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { scanClassicListeners } from '../../../lambda/aws/classic-elb';
import type { ObservedCertificateUse } from '../../../lambda/domain/types';

const elb = mockClient(ElasticLoadBalancingClient);
const client = new ElasticLoadBalancingClient({ region: 'eu-west-1' });
const CERT = 'arn:aws:iam::123456789012:server-certificate/web';

beforeEach(() => elb.reset());

async function scan(): Promise<ObservedCertificateUse[]> {
  const uses: ObservedCertificateUse[] = [];
  await scanClassicListeners(client, 'eu-west-1', (u) => uses.push(u));
  return uses;
}

describe('scanClassicListeners', () => {
  it('emits secure listeners across pages, skipping plain ones and the Invalid-Certificate sentinel', async () => {
    elb
      .on(DescribeLoadBalancersCommand, { Marker: undefined })
      .resolves({
        LoadBalancerDescriptions: [
          {
            LoadBalancerName: 'legacy',
            DNSName: 'legacy-1.eu-west-1.elb.amazonaws.com',
            ListenerDescriptions: [
              { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 } },
              { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 80, SSLCertificateId: CERT } },
              {
                Listener: {
                  Protocol: 'SSL',
                  LoadBalancerPort: 8443,
                  InstancePort: 80,
                  SSLCertificateId: 'Invalid-Certificate',
                },
              },
            ],
          },
        ],
        NextMarker: 'page2',
      })
      .on(DescribeLoadBalancersCommand, { Marker: 'page2' })
      .resolves({
        LoadBalancerDescriptions: [
          {
            LoadBalancerName: 'smtp',
            ListenerDescriptions: [
              { Listener: { Protocol: 'SSL', LoadBalancerPort: 465, InstancePort: 25, SSLCertificateId: CERT } },
            ],
          },
          { LoadBalancerName: 'empty' },
        ],
      });

    expect(await scan()).toEqual([
      {
        certificateRef: CERT,
        kind: 'listener',
        type: 'classic',
        region: 'eu-west-1',
        name: 'legacy',
        dnsName: 'legacy-1.eu-west-1.elb.amazonaws.com',
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
      },
      expect.objectContaining({ name: 'smtp', protocol: 'SSL', port: 465 }),
    ]);
    const calls = elb.commandCalls(DescribeLoadBalancersCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input.PageSize).toBe(400);
  });

  it('propagates an error so the caller can report the region as not checked', async () => {
    elb.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('no'), { name: 'AccessDenied' }));
    await expect(scan()).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
