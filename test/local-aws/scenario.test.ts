import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, paginateListServerCertificates } from '@aws-sdk/client-iam';
import { join } from 'node:path';
import {
  clientConfig,
  indexScenario,
  loadScenarioFile,
  resolveScenario,
  scenarioBuilder,
  serverCertificateId,
  startAwsServer,
  syntheticEstate,
} from '../../local-aws';

const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;
const SAMPLE = join(__dirname, '../../local-aws/scenarios/sample-estate.json');

describe('scenario files and the builder', () => {
  test('relative dates resolve against now; $-keys are dropped; null expiration stays unknown', () => {
    const s = resolveScenario(
      {
        $comment: 'ignored',
        accountId: '111122223333',
        enabledRegions: ['us-east-1'],
        certificates: [
          { name: 'a', expiresInDays: -1.5, uploadedDaysAgo: 10, $note: 'x' },
          { name: 'b', expiration: null },
          { name: 'c', expiration: '2030-01-01T00:00:00Z' },
        ],
      } as never,
      { now: NOW },
    );
    expect(s).not.toHaveProperty('$comment');
    expect(s.certificates).toEqual([
      {
        name: 'a',
        expiration: new Date(NOW.getTime() - 1.5 * DAY).toISOString(),
        uploadDate: new Date(NOW.getTime() - 10 * DAY).toISOString(),
      },
      { name: 'b', expiration: null },
      { name: 'c', expiration: '2030-01-01T00:00:00Z' },
    ]);
  });

  test('every problem is reported at once', () => {
    let message = '';
    try {
      resolveScenario({
        accountId: '12345',
        enabledRegions: ['us-east-1'],
        certificates: [
          { name: 'a', expiresInDays: 1, expiration: null },
          { name: 'b' },
          { name: 'b', expiresInDays: 3, path: 'nope' },
        ],
        regions: {
          'us-east-1': {
            loadBalancers: [
              {
                name: 'x',
                type: 'application',
                listeners: [{ protocol: 'HTTPS', port: 443, defaultCertificate: 'missing' }],
              },
            ],
          },
        },
        topics: ['not-an-arn'],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const expected of [
      'certificates[0] (a): give exactly one of expiration and expiresInDays',
      'certificates[1] (b): give exactly one of expiration and expiresInDays',
      'accountId must be 12 digits',
      'duplicate certificate name b',
      "certificate b: path must start and end with '/'",
      'us-east-1 x:443: unknown certificate missing',
      'topic not-an-arn is not an SNS topic ARN',
    ]) {
      expect(message).toContain(expected);
    }
  });

  test('ACM certificates in a file: relative validity, EXPIRED once notAfter has passed, unless a status is given', () => {
    const s = resolveScenario(
      {
        accountId: '111122223333',
        enabledRegions: ['us-east-1'],
        certificates: [],
        securityHub: ['us-east-1'],
        regions: {
          'us-east-1': {
            acmCertificates: [
              { name: 'soon', expiresInDays: 5, issuedDaysAgo: 360, $note: 'x' },
              { name: 'gone', expiresInDays: -1 },
              { name: 'revoked', expiresInDays: -1, status: 'REVOKED' },
              { name: 'fixed', notAfter: '2030-01-01T00:00:00Z', notBefore: '2029-01-01T00:00:00Z' },
            ],
          },
        },
      } as never,
      { now: NOW },
    );
    expect(s.regions!['us-east-1']!.acmCertificates).toEqual([
      {
        name: 'soon',
        notAfter: new Date(NOW.getTime() + 5 * DAY).toISOString(),
        notBefore: new Date(NOW.getTime() - 360 * DAY).toISOString(),
      },
      { name: 'gone', notAfter: new Date(NOW.getTime() - DAY).toISOString(), status: 'EXPIRED' },
      { name: 'revoked', notAfter: new Date(NOW.getTime() - DAY).toISOString(), status: 'REVOKED' },
      { name: 'fixed', notAfter: '2030-01-01T00:00:00Z', notBefore: '2029-01-01T00:00:00Z' },
    ]);
    const index = indexScenario(s);
    expect(index.securityHubEnabled('us-east-1')).toBe(true);
    expect(index.securityHubEnabled('eu-west-1')).toBe(false);
    expect(index.region('us-east-1').acm.map((c) => c.status)).toEqual(['ISSUED', 'EXPIRED', 'REVOKED', 'ISSUED']);
  });

  test('ACM problems are reported with the others', () => {
    let message = '';
    try {
      resolveScenario({
        accountId: '111122223333',
        enabledRegions: ['us-east-1'],
        certificates: [],
        regions: {
          'eu-west-1': {
            acmCertificates: [
              { name: 'both', notAfter: '2030-01-01T00:00:00Z', expiresInDays: 3 },
              { name: 'none' },
              { name: 'dup', expiresInDays: 3, keyAlgorithm: 'RSA_512' as never },
              { name: 'dup', expiresInDays: 3, type: 'BOUGHT' as never, hostnames: [] },
              { name: 'backwards', notBefore: '2031-01-01T00:00:00Z', notAfter: '2030-01-01T00:00:00Z' },
            ],
          },
        },
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const expected of [
      'eu-west-1 acmCertificates[0] (both): give exactly one of notAfter and expiresInDays',
      'eu-west-1 acmCertificates[1] (none): give exactly one of notAfter and expiresInDays',
      'eu-west-1 ACM certificate dup: keyAlgorithm must be one of RSA_1024, RSA_2048',
      'eu-west-1 ACM certificate dup: duplicate name',
      'eu-west-1 ACM certificate dup: hostnames must not be empty',
      'eu-west-1 ACM certificate dup: type must be one of AMAZON_ISSUED, IMPORTED, PRIVATE',
      'eu-west-1 ACM certificate backwards: notBefore 2031-01-01T00:00:00Z must be a date before notAfter',
    ]) {
      expect(message).toContain(expected);
    }
  });

  test('the builder derives ids, ARNs and DNS names deterministically', () => {
    const build = () =>
      scenarioBuilder({ now: NOW })
        .certificate('web', { expiresInDays: 3 })
        .alb('eu-west-1', 'shop', 'web')
        .classicLoadBalancer('eu-west-1', 'old', [{ protocol: 'HTTPS', port: 443, certificate: 'web' }])
        .build();
    const a = indexScenario(build());
    const b = indexScenario(build());
    expect(a.certificates[0]!.id).toBe(serverCertificateId('123456789012', '/', 'web'));
    expect(a.certificates[0]!.id).toHaveLength(21);
    expect(a.region('eu-west-1').elbv2[0]!.arn).toBe(b.region('eu-west-1').elbv2[0]!.arn);
    expect(a.region('eu-west-1').classic[0]!.listeners[0]!.sslCertificateId).toBe(
      'arn:aws:iam::123456789012:server-certificate/web',
    );
    expect(a.enabledRegions).toEqual(['eu-west-1']);
    expect(a.region('us-west-2').elbv2).toEqual([]);
  });
});

describe('sample-estate.json', () => {
  const scenario = loadScenarioFile(SAMPLE, { now: NOW });

  test('loads, with expiries relative to now and one unknown', () => {
    const byName = new Map(scenario.certificates.map((c) => [c.name, c]));
    expect(scenario.accountAliases).toEqual(['acme-prod']);
    expect(scenario.certificates.length).toBeGreaterThanOrEqual(10);
    expect(byName.get('www-acme-com-2025')!.expiration).toBe(new Date(NOW.getTime() - 3 * DAY).toISOString());
    expect(byName.get('internal-tools')!.expiration).toBeNull();
    expect(scenario.topics).toEqual(['arn:aws:sns:us-east-1:123456789012:iam-cert-expiry-alerts']);
  });

  test('is served: regions, ALB listeners with SNI, shared certificate, CloudFront by certificate id', async () => {
    const server = await startAwsServer({ scenario });
    const ec2 = new EC2Client(clientConfig(server));
    const iam = new IAMClient(clientConfig(server));
    const us = new ElasticLoadBalancingV2Client(clientConfig(server));
    const eu = new ElasticLoadBalancingV2Client(clientConfig(server, 'eu-west-1'));
    const cf = new CloudFrontClient(clientConfig(server));
    try {
      const regions = await ec2.send(new DescribeRegionsCommand({}));
      expect(regions.Regions!.map((r) => r.RegionName)).toEqual([
        'us-east-1',
        'us-west-2',
        'eu-west-1',
        'eu-central-1',
        'ap-southeast-2',
        'ca-central-1',
      ]);
      const certs = [];
      for await (const p of paginateListServerCertificates({ client: iam }, {}))
        certs.push(...p.ServerCertificateMetadataList!);
      expect(certs).toHaveLength(scenario.certificates.length);

      const arnsIn = async (client: ElasticLoadBalancingV2Client) => {
        const out: string[] = [];
        for (const lb of (await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers!) {
          for (const l of (await client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn })))
            .Listeners!) {
            const certsOut = await client.send(new DescribeListenerCertificatesCommand({ ListenerArn: l.ListenerArn }));
            out.push(...certsOut.Certificates!.map((c) => c.CertificateArn!));
          }
        }
        return out;
      };
      const api = 'arn:aws:iam::123456789012:server-certificate/api-acme-com';
      expect(await arnsIn(us)).toContain(api);
      const euArns = await arnsIn(eu);
      expect(euArns).toContain(`${api}-2027`); // the renewal: switched in eu-west-1 only
      expect(euArns).toContain('arn:aws:iam::123456789012:server-certificate/checkout-acme-com');

      const dist = (await cf.send(new ListDistributionsCommand({}))).DistributionList!.Items!;
      const staticId = certs.find((c) => c.ServerCertificateName === 'static-acme-com')!.ServerCertificateId;
      expect(dist[0]!.ViewerCertificate!.IAMCertificateId).toBe(staticId);
      expect(dist[1]!.ViewerCertificate!.CloudFrontDefaultCertificate).toBe(true);
    } finally {
      for (const c of [ec2, iam, us, eu, cf]) c.destroy();
      await server.close();
    }
  });
});

describe('synthetic estates', () => {
  test('are deterministic and flag exactly K certificates as expiring soon', () => {
    const props = {
      now: NOW,
      certificates: 50,
      expiringSoon: 5,
      unknownExpiry: 2,
      regions: 3,
      classicPerRegion: 2,
      elbv2PerRegion: 3,
      sniPerListener: 2,
      seed: 9,
    };
    const a = syntheticEstate(props);
    expect(syntheticEstate(props)).toEqual(a);
    expect(syntheticEstate({ ...props, seed: 10 }).expiringCertificates).not.toEqual(a.expiringCertificates);
    expect(a.expiringCertificates).toHaveLength(5);
    expect(a.unknownExpiryCertificates).toHaveLength(2);
    const soon = a.scenario.certificates.filter(
      (c) => c.expiration !== null && Date.parse(c.expiration) <= NOW.getTime() + 14 * DAY,
    );
    expect(soon.map((c) => c.name).sort()).toEqual([...a.expiringCertificates].sort());
    expect(a.loadBalancerCount).toBe(15);
    const idx = indexScenario(a.scenario);
    expect(idx.region('us-east-2').elbv2[0]!.listeners[0]!.sniCertificateArns).toHaveLength(2);
  });

  test('1,000 certificates × 17 regions × 800 load balancers builds and indexes in seconds and serves quickly', async () => {
    const started = performance.now();
    const estate = syntheticEstate({
      now: NOW,
      certificates: 1000,
      expiringSoon: 10,
      regions: 17,
      classicPerRegion: 400,
      elbv2PerRegion: 400,
      sniPerListener: 2,
    });
    const server = await startAwsServer({ scenario: estate.scenario });
    const buildMs = performance.now() - started;
    expect(estate.loadBalancerCount).toBe(17 * 800);
    expect(buildMs).toBeLessThan(5000);
    const client = new ElasticLoadBalancingV2Client(clientConfig(server, 'sa-east-1'));
    try {
      const t0 = performance.now();
      const page = await client.send(new DescribeLoadBalancersCommand({ PageSize: 400 }));
      expect(page.LoadBalancers).toHaveLength(400);
      const last = page.LoadBalancers![399]!;
      const listeners = await client.send(new DescribeListenersCommand({ LoadBalancerArn: last.LoadBalancerArn }));
      const certs = await client.send(
        new DescribeListenerCertificatesCommand({ ListenerArn: listeners.Listeners![1]!.ListenerArn }),
      );
      expect(certs.Certificates).toHaveLength(4); // default twice + 2 SNI
      expect(performance.now() - t0).toBeLessThan(2000);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
