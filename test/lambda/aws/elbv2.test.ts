import {
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { scanElbv2Listeners } from '../../../lambda/aws/elbv2';
import type { ObservedCertificateUse } from '../../../lambda/domain/types';
import { usageName } from '../../../lambda/domain/usage-place';
import { usageRecord } from '../../../lambda/render/usage-record';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const client = new ElasticLoadBalancingV2Client({ region: 'us-east-1' });
const A = 'arn:aws:iam::123456789012:server-certificate/a';
const B = 'arn:aws:iam::123456789012:server-certificate/b';
const lbArn = (name: string, kind = 'app') =>
  `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${kind}/${name}/0123456789abcdef`;
const listenerArn = (name: string, n: number, kind = 'app') =>
  `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/${kind}/${name}/0123456789abcdef/${n}`;
const notFound = (name: string) => Object.assign(new Error('gone'), { name });

beforeEach(() => elbv2.reset());

async function scan(concurrency = 2): Promise<ObservedCertificateUse[]> {
  const uses: ObservedCertificateUse[] = [];
  await scanElbv2Listeners(client, 'us-east-1', (u) => uses.push(u), { concurrency });
  return uses;
}

function estate() {
  elbv2
    .on(DescribeLoadBalancersCommand, { Marker: undefined })
    .resolves({
      LoadBalancers: [
        { LoadBalancerArn: lbArn('alb'), LoadBalancerName: 'alb', Type: 'application', DNSName: 'alb.example' },
      ],
      NextMarker: 'p2',
    })
    .on(DescribeLoadBalancersCommand, { Marker: 'p2' })
    .resolves({
      LoadBalancers: [
        { LoadBalancerArn: lbArn('nlb', 'net'), LoadBalancerName: 'nlb', Type: 'network', DNSName: 'nlb.example' },
        { LoadBalancerArn: lbArn('gwlb', 'gwy'), LoadBalancerName: 'gwlb', Type: 'gateway' },
      ],
    });
  elbv2
    .on(DescribeListenersCommand, { LoadBalancerArn: lbArn('alb') })
    .resolves({
      Listeners: [
        { ListenerArn: listenerArn('alb', 1), Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: A }] },
        { ListenerArn: listenerArn('alb', 2), Protocol: 'HTTP', Port: 80 },
      ],
    })
    .on(DescribeListenersCommand, { LoadBalancerArn: lbArn('nlb', 'net') })
    .resolves({
      Listeners: [
        {
          ListenerArn: listenerArn('nlb', 1, 'net'),
          Protocol: 'TLS',
          Port: 8443,
          Certificates: [{ CertificateArn: B }],
        },
      ],
    });
  elbv2
    .on(DescribeListenerCertificatesCommand, { ListenerArn: listenerArn('alb', 1) })
    // AWS lists the default certificate twice: once with IsDefault, once among the SNI certificates.
    .resolves({
      Certificates: [
        { CertificateArn: A, IsDefault: true },
        { CertificateArn: A, IsDefault: false },
        { CertificateArn: B, IsDefault: false },
      ],
    })
    .on(DescribeListenerCertificatesCommand, { ListenerArn: listenerArn('nlb', 1, 'net') })
    .resolves({ Certificates: [{ CertificateArn: B, IsDefault: true }] });
}

describe('scanElbv2Listeners', () => {
  it('emits default and SNI certificates of HTTPS and TLS listeners, the default once', async () => {
    estate();
    const uses = await scan();
    const seen = uses.map((u) => {
      const r = usageRecord(u);
      return `${r.type} ${r.name} ${r.protocol}:${r.port} ${r.role} ${u.certificateRef.split('/').pop()}`;
    });
    expect(seen.sort()).toEqual([
      'application alb HTTPS:443 default a',
      'application alb HTTPS:443 sni b',
      'network nlb TLS:8443 default b',
    ]);
    expect(uses.find((u) => usageRecord(u).name === 'alb' && usageRecord(u).role === 'sni')).toEqual({
      certificateRef: B,
      kind: 'listener',
      type: 'application',
      region: 'us-east-1',
      name: 'alb',
      arn: lbArn('alb'),
      dnsName: 'alb.example',
      listenerArn: listenerArn('alb', 1),
      protocol: 'HTTPS',
      port: 443,
      role: 'sni',
    });
  });

  it('takes the role from IsDefault, not from DescribeListeners', async () => {
    estate();
    // This endpoint claims B is the NLB listener's certificate, but IsDefault says it is SNI-only.
    elbv2
      .on(DescribeListenerCertificatesCommand, { ListenerArn: listenerArn('nlb', 1, 'net') })
      .resolves({ Certificates: [{ CertificateArn: B, IsDefault: false }] });
    const uses = await scan();
    expect(uses.map(usageRecord).find((u) => u.name === 'nlb')?.role).toBe('sni');
  });

  it('makes one call per page, load balancer and secure listener, and none for gateway load balancers', async () => {
    estate();
    await scan();
    expect(elbv2.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(2);
    expect(elbv2.commandCalls(DescribeListenersCommand).map((c) => c.args[0].input.LoadBalancerArn)).toEqual(
      expect.arrayContaining([lbArn('alb'), lbArn('nlb', 'net')]),
    );
    expect(elbv2.commandCalls(DescribeListenersCommand)).toHaveLength(2);
    expect(elbv2.commandCalls(DescribeListenerCertificatesCommand)).toHaveLength(2);
  });

  it('skips a load balancer deleted during the scan', async () => {
    estate();
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: lbArn('alb') })
      .rejects(notFound('LoadBalancerNotFoundException'));
    const uses = await scan();
    expect(uses.map(usageName)).toEqual(['nlb']);
  });

  it('fails the region on any other error, keeping what it emitted before', async () => {
    estate();
    elbv2
      .on(DescribeListenerCertificatesCommand, { ListenerArn: listenerArn('alb', 1) })
      .rejects(notFound('AccessDenied'));
    const uses: ObservedCertificateUse[] = [];
    await expect(
      scanElbv2Listeners(client, 'us-east-1', (u) => uses.push(u), { concurrency: 1 }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('never has more requests in flight than the concurrency allows', async () => {
    const lbs = Array.from({ length: 12 }, (_, i) => ({
      LoadBalancerArn: lbArn(`lb${i}`),
      LoadBalancerName: `lb${i}`,
      Type: 'application' as const,
    }));
    let inFlight = 0;
    let peak = 0;
    const slow = async <T>(value: T): Promise<T> => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return value;
    };
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: lbs });
    elbv2
      .on(DescribeListenersCommand)
      .callsFake((input) =>
        slow({ Listeners: [{ ListenerArn: `${input.LoadBalancerArn}/l`, Protocol: 'HTTPS', Port: 443 }] }),
      );
    elbv2
      .on(DescribeListenerCertificatesCommand)
      .callsFake(() => slow({ Certificates: [{ CertificateArn: A, IsDefault: true }] }));
    const uses = await scan(3);
    expect(uses).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('rejects at once when the deadline has passed', async () => {
    estate();
    const deadline = new AbortController();
    deadline.abort();
    await expect(
      scanElbv2Listeners(client, 'us-east-1', () => undefined, { concurrency: 2, abortSignal: deadline.signal }),
    ).rejects.toBeDefined();
  });
});
