import { CloudFrontClient, ListDistributionsCommand, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { X509Certificate } from 'node:crypto';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers as paginateClassic,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListenerCertificates,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  IAMClient,
  ListAccountAliasesCommand,
  ListServerCertificateTagsCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  paginateListServerCertificateTags,
  paginateListServerCertificates,
} from '@aws-sdk/client-iam';
import {
  clientConfig,
  elbv2ListenerArn,
  elbv2LoadBalancerArn,
  scenarioBuilder,
  startAwsServer,
  type AwsServer,
} from '../../local-aws';

const NOW = new Date('2026-11-26T12:00:00Z');
const ACCOUNT = '123456789012';
const WEIRD = 'wïdget & <co> "x"';

function buildScenario() {
  const b = scenarioBuilder({ now: NOW, accountId: ACCOUNT })
    .account(ACCOUNT, 'acme-prod')
    .regions('us-east-1', 'eu-west-1')
    .notOptedIn('af-south-1', 'me-south-1')
    .certificate('web', { expiresInDays: 5, tags: { 'cert-expiry-monitor:owner': 'team-web', env: 'prod' } })
    .certificate('api', { expiration: '2027-06-01T00:00:00Z', uploadDate: '2026-06-01T00:00:00Z' })
    .certificate('unknown', { expiration: null })
    .certificate('cdn', {
      path: '/cloudfront/',
      expiresInDays: 40,
      hostnames: ['static.example.com', '*.static.example.com'],
      intermediateExpiresInDays: 30,
    })
    .certificate('explicit', { expiresInDays: 50, body: 'not a certificate' })
    .certificate(WEIRD, { expiresInDays: 100 })
    .classicLoadBalancer('us-east-1', 'legacy', [
      { protocol: 'HTTPS', port: 443, instancePort: 80, certificate: 'web' },
      { protocol: 'SSL', port: 8443, instancePort: 8443, instanceProtocol: 'TCP', certificate: 'Invalid-Certificate' },
      { protocol: 'HTTP', port: 80 },
    ])
    .alb('us-east-1', 'shop', 'web', ['api', WEIRD])
    .nlb('eu-west-1', 'mqtt', 'api')
    .distribution({ id: 'E1ABCDEF123456', aliases: ['static.example.com'], iamCertificate: 'cdn' });
  for (let i = 0; i < 7; i++) b.certificate(`bulk-${i}`, { expiresInDays: 300 + i });
  for (let i = 0; i < 5; i++) b.alb('eu-west-1', `alb-${i}`, `bulk-${i}`);
  return b.build();
}

describe('loopback AWS server: every action parses with the real SDK', () => {
  let server: AwsServer;
  let iam: IAMClient;
  let ec2: EC2Client;
  let classicUs: ElasticLoadBalancingClient;
  let elbv2Us: ElasticLoadBalancingV2Client;
  let elbv2Eu: ElasticLoadBalancingV2Client;
  let cloudfront: CloudFrontClient;
  const scenario = buildScenario();

  beforeAll(async () => {
    server = await startAwsServer({ scenario });
    iam = new IAMClient(clientConfig(server));
    ec2 = new EC2Client(clientConfig(server));
    classicUs = new ElasticLoadBalancingClient(clientConfig(server));
    elbv2Us = new ElasticLoadBalancingV2Client(clientConfig(server));
    elbv2Eu = new ElasticLoadBalancingV2Client(clientConfig(server, 'eu-west-1'));
    cloudfront = new CloudFrontClient(clientConfig(server));
  });
  afterAll(async () => {
    for (const c of [iam, ec2, classicUs, elbv2Us, elbv2Eu, cloudfront]) c.destroy();
    await server.close();
  });
  beforeEach(() => server.reset());

  test('IAM ListServerCertificates returns metadata, omits unknown Expiration, escapes names', async () => {
    const out = await iam.send(new ListServerCertificatesCommand({}));
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    const byName = new Map(out.ServerCertificateMetadataList!.map((c) => [c.ServerCertificateName, c]));
    expect(byName.size).toBe(13);
    expect(byName.get('api')).toEqual({
      Path: '/',
      ServerCertificateName: 'api',
      ServerCertificateId: expect.stringMatching(/^ASCA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/api`,
      UploadDate: new Date('2026-06-01T00:00:00Z'),
      Expiration: new Date('2027-06-01T00:00:00Z'),
    });
    expect(byName.get('web')!.Expiration).toEqual(new Date(NOW.getTime() + 5 * 86_400_000));
    expect(byName.get('unknown')).not.toHaveProperty('Expiration');
    expect(byName.get(WEIRD)!.Arn).toBe(`arn:aws:iam::${ACCOUNT}:server-certificate/${WEIRD}`);
    expect(byName.get('cdn')!.Arn).toBe(`arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/cdn`);
  });

  test('IAM ListServerCertificates pages with Marker/MaxItems and filters by PathPrefix', async () => {
    const first = await iam.send(new ListServerCertificatesCommand({ MaxItems: 5 }));
    expect(first.ServerCertificateMetadataList).toHaveLength(5);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));
    const names: string[] = [];
    for await (const page of paginateListServerCertificates({ client: iam, pageSize: 5 }, {})) {
      names.push(...page.ServerCertificateMetadataList!.map((c) => c.ServerCertificateName!));
    }
    expect(names).toEqual(scenario.certificates.map((c) => c.name));
    expect(server.count({ action: 'ListServerCertificates' })).toBe(1 + 3);
    const cf = await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }));
    expect(cf.ServerCertificateMetadataList!.map((c) => c.ServerCertificateName)).toEqual(['cdn']);
    await expect(iam.send(new ListServerCertificatesCommand({ MaxItems: 1001 }))).rejects.toMatchObject({
      name: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('IAM ListServerCertificateTags pages, and unknown names are NoSuchEntity (404)', async () => {
    const tags = await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web' }));
    expect(tags.Tags).toEqual([
      { Key: 'cert-expiry-monitor:owner', Value: 'team-web' },
      { Key: 'env', Value: 'prod' },
    ]);
    expect(tags.IsTruncated).toBe(false);
    const paged = [];
    for await (const p of paginateListServerCertificateTags(
      { client: iam, pageSize: 1 },
      { ServerCertificateName: 'web' },
    ))
      paged.push(...p.Tags!);
    expect(paged).toHaveLength(2);
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'api' }))).Tags).toEqual([]);
    await expect(
      iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The Server Certificate with name nope cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  test('IAM GetServerCertificate returns a real body and chain that agree with the listing, and tags', async () => {
    const out = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'cdn' }));
    const {
      ServerCertificateMetadata: metadata,
      CertificateBody: body,
      CertificateChain: chain,
    } = out.ServerCertificate!;
    expect(metadata).toMatchObject({
      ServerCertificateName: 'cdn',
      Path: '/cloudfront/',
      Expiration: new Date(NOW.getTime() + 40 * 86_400_000),
    });
    const leaf = new X509Certificate(body!);
    expect(leaf.subjectAltName).toBe('DNS:static.example.com, DNS:*.static.example.com');
    expect(new Date(leaf.validTo)).toEqual(metadata!.Expiration);
    const [intermediate, root] = chain!
      .split(/(?<=-----END CERTIFICATE-----\n)/)
      .map((pem) => new X509Certificate(pem));
    expect(leaf.verify(intermediate.publicKey) && intermediate.verify(root.publicKey)).toBe(true);
    expect(new Date(intermediate.validTo)).toEqual(new Date(NOW.getTime() + 30 * 86_400_000));
    // The same scenario served again gives the same certificate.
    expect(
      (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'cdn' }))).ServerCertificate!
        .CertificateBody,
    ).toBe(body);
  });

  test('IAM GetServerCertificate: a scenario body verbatim (no chain), NoSuchEntity for an unknown name', async () => {
    const out = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'explicit' }));
    expect(out.ServerCertificate).toMatchObject({ CertificateBody: 'not a certificate' });
    expect(out.ServerCertificate!.CertificateChain).toBeUndefined();
    await expect(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'nope' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  test('IAM ListAccountAliases', async () => {
    const out = await iam.send(new ListAccountAliasesCommand({}));
    expect(out.AccountAliases).toEqual(['acme-prod']);
    expect(out.IsTruncated).toBe(false);
  });

  test('EC2 DescribeRegions lists enabled regions, and not-opted-in ones only with AllRegions', async () => {
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions).toEqual([
      { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
    ]);
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions!.map((r) => [r.RegionName, r.OptInStatus])).toEqual([
      ['us-east-1', 'opt-in-not-required'],
      ['eu-west-1', 'opt-in-not-required'],
      ['af-south-1', 'not-opted-in'],
      ['me-south-1', 'not-opted-in'],
    ]);
    const filtered = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
    expect(filtered.Regions!.map((r) => r.RegionName)).toEqual(['eu-west-1']);
    expect(server.requests[0]).toMatchObject({
      service: 'ec2',
      action: 'DescribeRegions',
      region: 'us-east-1',
      status: 200,
    });
  });

  test('a regional call to a not-opted-in region fails like AWS (InvalidClientTokenId 403)', async () => {
    const client = new ElasticLoadBalancingV2Client(clientConfig(server, 'af-south-1'));
    await expect(client.send(new DescribeLoadBalancersCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
    client.destroy();
  });

  test('Classic ELB DescribeLoadBalancers returns listeners with SSLCertificateId and the sentinel', async () => {
    const out = await classicUs.send(new DescribeClassicCommand({}));
    expect(out.NextMarker).toBeUndefined();
    const lb = out.LoadBalancerDescriptions![0]!;
    expect(lb.LoadBalancerName).toBe('legacy');
    expect(lb.DNSName).toMatch(/^legacy-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    expect(lb.ListenerDescriptions!.map((d) => d.Listener)).toEqual([
      {
        Protocol: 'HTTPS',
        LoadBalancerPort: 443,
        InstanceProtocol: 'HTTP',
        InstancePort: 80,
        SSLCertificateId: `arn:aws:iam::${ACCOUNT}:server-certificate/web`,
      },
      {
        Protocol: 'SSL',
        LoadBalancerPort: 8443,
        InstanceProtocol: 'TCP',
        InstancePort: 8443,
        SSLCertificateId: 'Invalid-Certificate',
      },
      { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
    ]);
    const eu = new ElasticLoadBalancingClient(clientConfig(server, 'eu-west-1'));
    expect((await eu.send(new DescribeClassicCommand({}))).LoadBalancerDescriptions).toEqual([]);
    await expect(classicUs.send(new DescribeClassicCommand({ LoadBalancerNames: ['nope'] }))).rejects.toMatchObject({
      name: 'AccessPointNotFoundException',
    });
    await expect(classicUs.send(new DescribeClassicCommand({ PageSize: 401 }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    eu.destroy();
    expect(server.countBy('region', { service: 'elb' })).toEqual({ 'us-east-1': 3, 'eu-west-1': 1 });
  });

  test('Classic ELB pages with the SDK paginator', async () => {
    const big = scenarioBuilder({ now: NOW });
    for (let i = 0; i < 7; i++) big.classicLoadBalancer('us-east-1', `c${i}`, [{ protocol: 'HTTP', port: 80 }]);
    const other = await startAwsServer({ scenario: big.build() });
    const client = new ElasticLoadBalancingClient(clientConfig(other));
    try {
      const names: string[] = [];
      // The Classic ELB paginator does not map pageSize to PageSize: pass PageSize in the input.
      for await (const p of paginateClassic({ client }, { PageSize: 3 }))
        names.push(...p.LoadBalancerDescriptions!.map((d) => d.LoadBalancerName!));
      expect(names).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
      expect(other.count({ action: 'DescribeLoadBalancers' })).toBe(3);
    } finally {
      client.destroy();
      await other.close();
    }
  });

  test('ELBv2 DescribeLoadBalancers: ARNs, types, paging per region', async () => {
    const us = await elbv2Us.send(new DescribeLoadBalancersCommand({}));
    expect(us.LoadBalancers).toEqual([
      expect.objectContaining({
        LoadBalancerArn: elbv2LoadBalancerArn('us-east-1', ACCOUNT, 'application', 'shop'),
        LoadBalancerName: 'shop',
        Type: 'application',
        Scheme: 'internet-facing',
        State: { Code: 'active' },
        DNSName: expect.stringMatching(/^shop-\d{10}\.us-east-1\.elb\.amazonaws\.com$/),
      }),
    ]);
    expect(us.LoadBalancers![0]!.LoadBalancerArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/shop\/[0-9a-f]{16}$/,
    );
    const names: string[] = [];
    for await (const p of paginateDescribeLoadBalancers({ client: elbv2Eu }, { PageSize: 2 }))
      names.push(...p.LoadBalancers!.map((l) => l.LoadBalancerName!));
    expect(names).toEqual(['mqtt', 'alb-0', 'alb-1', 'alb-2', 'alb-3', 'alb-4']);
    expect(server.count({ service: 'elbv2', region: 'eu-west-1' })).toBe(3);
    const nlb = await elbv2Eu.send(new DescribeLoadBalancersCommand({ Names: ['mqtt'] }));
    expect(nlb.LoadBalancers![0]).toMatchObject({
      Type: 'network',
      DNSName: expect.stringMatching(/^mqtt-[0-9a-f]{16}\.elb\.eu-west-1\.amazonaws\.com$/),
    });
    await expect(
      elbv2Us.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [nlb.LoadBalancers![0]!.LoadBalancerArn!] })),
    ).rejects.toMatchObject({
      name: 'LoadBalancerNotFoundException',
      message: 'One or more load balancers not found',
    });
  });

  test('ELBv2 DescribeListeners returns only the default certificate, without IsDefault', async () => {
    const lbArn = elbv2LoadBalancerArn('us-east-1', ACCOUNT, 'application', 'shop');
    const out = await elbv2Us.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(out.Listeners).toEqual([
      expect.objectContaining({
        ListenerArn: elbv2ListenerArn(lbArn, 443),
        LoadBalancerArn: lbArn,
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: expect.stringMatching(/^ELBSecurityPolicy-/),
        Certificates: [{ CertificateArn: `arn:aws:iam::${ACCOUNT}:server-certificate/web` }],
      }),
    ]);
    expect(out.Listeners![0]!.ListenerArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener\/app\/shop\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
    await expect(elbv2Us.send(new DescribeListenersCommand({ LoadBalancerArn: `${lbArn}0` }))).rejects.toMatchObject({
      name: 'LoadBalancerNotFoundException',
    });
    await expect(
      elbv2Us.send(
        new DescribeListenersCommand({
          ListenerArns: [`${lbArn.replace(':loadbalancer/', ':listener/')}/0000000000000000`],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ListenerNotFoundException',
      message: 'One or more listeners not found',
    });
  });

  test('ELBv2 DescribeListenerCertificates lists the default twice (IsDefault true, then false) plus SNI', async () => {
    const listenerArn = elbv2ListenerArn(elbv2LoadBalancerArn('us-east-1', ACCOUNT, 'application', 'shop'), 443);
    const arn = (n: string) => `arn:aws:iam::${ACCOUNT}:server-certificate/${n}`;
    const out = await elbv2Us.send(new DescribeListenerCertificatesCommand({ ListenerArn: listenerArn }));
    expect(out.Certificates).toEqual([
      { CertificateArn: arn('web'), IsDefault: true },
      { CertificateArn: arn('web'), IsDefault: false },
      { CertificateArn: arn('api'), IsDefault: false },
      { CertificateArn: arn(WEIRD), IsDefault: false },
    ]);
    const paged = [];
    for await (const p of paginateDescribeListenerCertificates(
      { client: elbv2Us },
      { ListenerArn: listenerArn, PageSize: 1 },
    ))
      paged.push(...p.Certificates!);
    expect(paged).toEqual(out.Certificates);
    await expect(
      elbv2Eu.send(new DescribeListenerCertificatesCommand({ ListenerArn: listenerArn })),
    ).rejects.toMatchObject({
      name: 'ListenerNotFoundException',
    });
  });

  test('CloudFront ListDistributions references the IAM certificate by ServerCertificateId', async () => {
    const out = await cloudfront.send(new ListDistributionsCommand({}));
    const list = out.DistributionList!;
    expect(list).toMatchObject({ IsTruncated: false, Quantity: 1, MaxItems: 100 });
    const cdnId = (await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' })))
      .ServerCertificateMetadataList![0]!.ServerCertificateId;
    expect(list.Items![0]).toMatchObject({
      Id: 'E1ABCDEF123456',
      ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF123456`,
      DomainName: expect.stringMatching(/\.cloudfront\.net$/),
      Aliases: { Quantity: 1, Items: ['static.example.com'] },
      Enabled: true,
      Status: 'Deployed',
      ViewerCertificate: {
        CloudFrontDefaultCertificate: false,
        IAMCertificateId: cdnId,
        SSLSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
        Certificate: cdnId,
        CertificateSource: 'iam',
      },
    });
    expect(server.requests.find((r) => r.service === 'cloudfront')).toMatchObject({
      action: 'ListDistributions',
      status: 200,
    });
  });

  test('CloudFront ListDistributions pages with Marker/NextMarker/IsTruncated', async () => {
    const b = scenarioBuilder({ now: NOW });
    for (let i = 0; i < 5; i++) b.distribution({ id: `E${i}TESTDISTRIB0${i}` });
    const other = await startAwsServer({ scenario: b.build() });
    const client = new CloudFrontClient(clientConfig(other));
    try {
      const first = (await client.send(new ListDistributionsCommand({ MaxItems: 2 }))).DistributionList!;
      expect(first).toMatchObject({ IsTruncated: true, Quantity: 2, MaxItems: 2, NextMarker: expect.any(String) });
      const ids: string[] = [];
      for await (const p of paginateListDistributions({ client, pageSize: 2 }, {}))
        ids.push(...(p.DistributionList!.Items ?? []).map((d) => d.Id!));
      expect(ids).toEqual([
        'E0TESTDISTRIB00',
        'E1TESTDISTRIB01',
        'E2TESTDISTRIB02',
        'E3TESTDISTRIB03',
        'E4TESTDISTRIB04',
      ]);
      expect(other.requests.at(-1)!.params).toEqual({ Marker: expect.any(String), MaxItems: '2' });
    } finally {
      client.destroy();
      await other.close();
    }
  });

  test('clients configured only through AWS_ENDPOINT_URL reach the server', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = server.endpoint;
    const credentials = { accessKeyId: 'AKIDENVTEST', secretAccessKey: 'x' };
    const client = new ElasticLoadBalancingV2Client({ region: 'eu-west-1', credentials, maxAttempts: 1 });
    const iamFromEnv = new IAMClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      expect((await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(6);
      expect((await iamFromEnv.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-prod']);
      expect(server.requests.map((r) => [r.service, r.region])).toEqual([
        ['elbv2', 'eu-west-1'],
        ['iam', 'us-east-1'],
      ]);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
      client.destroy();
      iamFromEnv.destroy();
    }
  });

  test('an unknown action is InvalidAction', async () => {
    const res = await fetch(`${server.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=UpdateServerCertificate&Version=2010-05-08&ServerCertificateName=web',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidAction</Code>');
  });
});
