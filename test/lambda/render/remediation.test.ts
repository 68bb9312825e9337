import {
  consoleUrl,
  remediationFor,
  renewedCertificateArn,
  renewedCertificateName,
  renewedCertificatePath,
} from '../../../lambda/render/remediation';
import { NOW, finding, usage, usageWithoutListenerArn } from './support';
import type { AcmRegionRenewal, CertificateUsage } from '../../../lambda/domain/types';

const ctx = { generatedAt: NOW, coverageIncomplete: false };

describe('renewed certificate name, path and ARN', () => {
  it('appends the run year', () => {
    expect(renewedCertificateName('api-example-com', NOW)).toBe('api-example-com-2026');
  });
  it('replaces a trailing year instead of stacking years', () => {
    expect(renewedCertificateName('www-example-com-2025', NOW)).toBe('www-example-com-2026');
    expect(renewedCertificateName('www.example.com_20250301', NOW)).toBe('www.example.com-2026');
  });
  it('uses the full date when the year alone would give the same name back', () => {
    expect(renewedCertificateName('shop-2026', NOW)).toBe('shop-20260314');
  });
  it('stays within the 128-character IAM limit', () => {
    expect(renewedCertificateName('x'.repeat(128), NOW)).toHaveLength(128);
  });
  it('uses /cloudfront/ when CloudFront serves it, else keeps the path', () => {
    const cf = usage({ loadBalancerType: 'cloudfront', region: 'global', loadBalancerName: 'E1' });
    expect(renewedCertificatePath(finding('a', 'critical', 3, [cf]))).toBe('/cloudfront/');
    const kept = finding('a', 'critical', 3, [cf]);
    expect(renewedCertificatePath({ ...kept, certificate: { ...kept.certificate, path: '/cloudfront/prod/' } })).toBe(
      '/cloudfront/prod/',
    );
    const plain = finding('a');
    expect(renewedCertificatePath({ ...plain, certificate: { ...plain.certificate, path: '/prod/' } })).toBe('/prod/');
  });
  it('derives the new ARN from the old ARN partition and account', () => {
    expect(renewedCertificateArn('arn:aws-cn:iam::111122223333:server-certificate/x/old', '/y/', 'new')).toBe(
      'arn:aws-cn:iam::111122223333:server-certificate/y/new',
    );
  });
});

describe('remediationFor', () => {
  const commands = (f: Parameters<typeof remediationFor>[0], c = ctx) =>
    remediationFor(f, c).steps.flatMap((s) => s.commands);

  it('unused: delete only', () => {
    const r = remediationFor(finding('old', 'critical', 2, []), ctx);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0].commands).toEqual(['aws iam delete-server-certificate --server-certificate-name old']);
    expect(r.steps[0].note).toBeUndefined();
  });

  // Found nowhere, but not everywhere was read: no delete command, and the places not checked named.
  it('found nowhere with incomplete coverage: no delete command, the places not checked named', () => {
    const notChecked = '1 enabled region not checked: eu-west-1 (excluded by configuration)';
    const r = remediationFor(finding('old', 'critical', 2, []), { ...ctx, coverageIncomplete: true, notChecked });
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0].commands).toEqual([]);
    expect(r.steps[0].title).toContain(notChecked);
    expect(r.steps[0].title).not.toMatch(/delete it:/);
  });

  it('served somewhere with incomplete coverage: switch steps, then a rollout step naming the places, no delete', () => {
    const f = finding('shop', 'critical', 2, [
      {
        loadBalancerType: 'application',
        region: 'us-east-1',
        loadBalancerName: 'shop',
        listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/1/2',
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
      },
    ]);
    const r = remediationFor(f, { ...ctx, coverageIncomplete: true, notChecked: 'CloudFront distributions not read' });
    expect(r.steps.flatMap((s) => s.commands).join('\n')).not.toContain('delete-server-certificate');
    expect(r.steps[r.steps.length - 1]).toMatchObject({ commands: [] });
    expect(r.steps[r.steps.length - 1].title).toContain('CloudFront distributions not read');
    expect(
      remediationFor(f, ctx)
        .steps.flatMap((s) => s.commands)
        .join('\n'),
    ).toContain('delete-server-certificate');
  });

  it('classic: upload, set-load-balancer-listener-ssl-certificate with region and port, delete old', () => {
    const c = commands(
      finding('web', 'expired', -1, [
        usage({ loadBalancerType: 'classic', loadBalancerName: 'legacy', port: 8443, region: 'eu-west-1' }),
      ]),
    );
    expect(c).toEqual([
      'aws iam upload-server-certificate --server-certificate-name web-2026 --certificate-body file://certificate.pem --certificate-chain file://chain.pem --private-key file://private-key.pem',
      'aws elb set-load-balancer-listener-ssl-certificate --region eu-west-1 --load-balancer-name legacy --load-balancer-port 8443 --ssl-certificate-id arn:aws:iam::123456789012:server-certificate/web-2026',
      'aws iam delete-server-certificate --server-certificate-name web',
    ]);
  });

  it('ALB/NLB default: modify-listener', () => {
    const c = commands(finding('api', 'critical', 3, [usage({ loadBalancerType: 'network', listenerArn: 'arn:L' })]));
    expect(c[1]).toBe(
      'aws elbv2 modify-listener --region us-east-1 --listener-arn arn:L --certificates CertificateArn=arn:aws:iam::123456789012:server-certificate/api-2026',
    );
  });

  it('SNI: add the new certificate, then remove the old one', () => {
    const c = commands(finding('shop', 'critical', 3, [usage({ role: 'sni', listenerArn: 'arn:L' })]));
    expect(c[1]).toBe(
      'aws elbv2 add-listener-certificates --region us-east-1 --listener-arn arn:L --certificates CertificateArn=arn:aws:iam::123456789012:server-certificate/shop-2026',
    );
    expect(c[2]).toBe(
      'aws elbv2 remove-listener-certificates --region us-east-1 --listener-arn arn:L --certificates CertificateArn=arn:aws:iam::123456789012:server-certificate/shop',
    );
  });

  it('listener ARN missing: placeholder plus a note on how to find it', () => {
    const r = remediationFor(finding('x', 'critical', 3, [usageWithoutListenerArn()]), ctx);
    expect(r.steps[1].commands[0]).toContain("--listener-arn '<LISTENER_ARN>'");
    expect(r.steps[1].note).toMatch(
      /describe-listeners --region us-east-1 --load-balancer-arn arn:aws:elasticloadbalancing/,
    );
  });

  it('CloudFront: upload under /cloudfront/, then get-distribution-config / edit IAMCertificateId / update-distribution --if-match', () => {
    const cf = usage({
      loadBalancerType: 'cloudfront',
      region: 'global',
      loadBalancerName: 'E2QWRUHAPOMQZL',
      role: 'sni',
    });
    const c = commands(finding('cdn', 'critical', 3, [cf]));
    expect(c[0]).toMatch(/ --path \/cloudfront\/$/);
    expect(c[1]).toMatch(
      /^NEW_CERT_ID=\$\(aws iam get-server-certificate --server-certificate-name cdn-2026 .*ServerCertificateId --output text\)$/,
    );
    expect(c[2]).toBe('aws cloudfront get-distribution-config --id E2QWRUHAPOMQZL --output json > E2QWRUHAPOMQZL.json');
    expect(c[3]).toBe('ETAG=$(jq -r .ETag E2QWRUHAPOMQZL.json)');
    expect(c[4]).toContain('.ViewerCertificate.IAMCertificateId = $id');
    expect(c[5]).toBe(
      'aws cloudfront update-distribution --id E2QWRUHAPOMQZL --distribution-config file://E2QWRUHAPOMQZL-config.json --if-match "$ETAG"',
    );
    expect(c[6]).toBe('aws cloudfront wait distribution-deployed --id E2QWRUHAPOMQZL');
  });

  it('unknown expiry: look the date up first', () => {
    const r = remediationFor(finding('mystery', 'unknown', undefined), ctx);
    expect(r.steps[0].commands[0]).toBe(
      'aws iam get-server-certificate --server-certificate-name mystery --query ServerCertificate.ServerCertificateMetadata.Expiration --output text',
    );
  });

  it('quotes odd names and keeps the path', () => {
    const f = finding("we'ird name", 'critical', 3, [usage({ loadBalancerType: 'classic', loadBalancerName: 'lb' })]);
    const c = commands({ ...f, certificate: { ...f.certificate, path: '/team a/' } });
    expect(c[0]).toContain("--server-certificate-name 'we'\\''ird name-2026'");
    expect(c[0]).toContain("--path '/team a/'");
    expect(c[c.length - 1]).toBe("aws iam delete-server-certificate --server-certificate-name 'we'\\''ird name'");
  });

  it('omitted usages: the delete step warns', () => {
    const r = remediationFor(finding('x'), { ...ctx, omittedUsages: 7 });
    expect(r.steps[r.steps.length - 1].note).toMatch(/7 more usages/);
  });
});

describe('consoleUrl', () => {
  it('EC2 load balancer list filtered by name, per region', () => {
    expect(consoleUrl(usage({ region: 'eu-west-1', loadBalancerName: 'shop-alb' }))).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#LoadBalancers:search=shop-alb',
    );
  });
  it('CloudFront distribution page', () => {
    expect(consoleUrl(usage({ loadBalancerType: 'cloudfront', region: 'global', loadBalancerName: 'E1' }))).toBe(
      'https://console.aws.amazon.com/cloudfront/v4/home#/distributions/E1',
    );
  });
  it('other partitions', () => {
    expect(consoleUrl(usage({ region: 'cn-north-1' }), 'aws-cn')).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//,
    );
    expect(consoleUrl(usage({ region: 'us-gov-west-1' }), 'aws-us-gov')).toMatch(
      /^https:\/\/console\.amazonaws-us-gov\.com\//,
    );
  });
});

describe('switching to an ACM renewal: each command form uses the ACM ARN and names its region', () => {
  const acmArn = (region: string) =>
    `arn:aws:acm:${region}:${'123456789012'}:certificate/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee`;
  const acmIn = (region: string) => ({
    region,
    state: 'found' as const,
    alsoQualifying: [],
    certificate: {
      arn: acmArn(region),
      region,
      domainName: 'shop.example.com',
      hostnames: ['shop.example.com'],
      type: 'AMAZON_ISSUED',
      renewalEligibility: 'ELIGIBLE',
      notAfter: new Date(NOW.getTime() + 300 * 86_400_000),
    },
  });
  const classic = usageWithoutListenerArn({
    loadBalancerType: 'classic',
    region: 'eu-west-1',
    loadBalancerName: 'legacy',
  });
  const sni = usage({ region: 'eu-west-1', role: 'sni' });
  const alb = usage({ region: 'eu-west-1' });
  const cdn = usageWithoutListenerArn({
    loadBalancerType: 'cloudfront',
    region: 'global',
    loadBalancerName: 'E2SHOP',
  });
  const withAcm = (usages: CertificateUsage[], acm: AcmRegionRenewal[]) =>
    finding('shop-2026', 'critical', 3, usages, {
      renewal: {
        state: 'none',
        remaining: usages,
        unchecked: 0,
        acm,
      },
    });

  it('Classic ELB, ALB default and SNI (add, then remove) switch to the ACM ARN of their region; no upload', () => {
    const steps = remediationFor(withAcm([classic, alb, sni], [acmIn('eu-west-1')]), ctx).steps;
    const commands = steps.flatMap((s) => s.commands);
    expect(commands.some((c) => c.includes('upload-server-certificate'))).toBe(false);
    expect(commands).toContain(
      `aws elb set-load-balancer-listener-ssl-certificate --region eu-west-1 --load-balancer-name legacy --load-balancer-port 443 --ssl-certificate-id ${acmArn('eu-west-1')}`,
    );
    expect(commands.filter((c) => c.includes('--region eu-west-1') && c.includes('elbv2'))).toEqual([
      expect.stringMatching(
        new RegExp(`^aws elbv2 modify-listener --region eu-west-1 .*CertificateArn=${acmArn('eu-west-1')}$`),
      ),
      expect.stringMatching(
        new RegExp(`^aws elbv2 add-listener-certificates --region eu-west-1 .*CertificateArn=${acmArn('eu-west-1')}$`),
      ),
      expect.stringMatching(
        /^aws elbv2 remove-listener-certificates --region eu-west-1 .*server-certificate\/shop-2026$/,
      ),
    ]);
    expect(commands.at(-1)).toBe('aws iam delete-server-certificate --server-certificate-name shop-2026');
  });

  it('CloudFront switches ViewerCertificate to ACMCertificateArn (us-east-1), keeping the TLS settings', () => {
    const step = remediationFor(withAcm([cdn], [acmIn('us-east-1')]), ctx).steps[0];
    expect(step.commands[0]).toBe(`NEW_CERT_ARN=${acmArn('us-east-1')}`);
    expect(step.commands[3]).toContain(
      'del(.IAMCertificateId, .Certificate, .CertificateSource) | .ACMCertificateArn = $arn',
    );
    expect(step.commands.join('\n')).not.toMatch(/SSLSupportMethod|MinimumProtocolVersion/); // left as they were
    expect(step.note).toMatch(/SSLSupportMethod and MinimumProtocolVersion are kept/);
  });

  it('ACM in one region and an upload for the other; an unread region asks for no upload and no delete', () => {
    const us = usage({ region: 'us-west-2' });
    const both = remediationFor(
      withAcm([alb, us], [acmIn('eu-west-1'), { region: 'us-west-2', state: 'none' }]),
      ctx,
    ).steps.flatMap((s) => s.commands);
    expect(both.filter((c) => c.includes('upload-server-certificate'))).toHaveLength(1);
    const unknown = remediationFor(
      withAcm([alb, us], [acmIn('eu-west-1'), { region: 'us-west-2', state: 'unknown', problem: 'AccessDenied' }]),
      ctx,
    ).steps;
    expect(unknown.flatMap((s) => s.commands).some((c) => c.includes('upload-server-certificate'))).toBe(false);
    expect(unknown.flatMap((s) => s.commands).some((c) => c.includes('delete-server-certificate'))).toBe(false);
    expect(unknown.at(-1)?.title).toMatch(
      /^Renewal unknown in us-west-2: ACM could not be read there \(AccessDenied\)/,
    );
  });
});
