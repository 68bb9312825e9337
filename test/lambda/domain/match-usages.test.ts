import { matchUsages } from '../../../lambda/domain/match-usages';
import type { ObservedCertificateUse, ServerCertificate } from '../../../lambda/domain/types';

const web: ServerCertificate = {
  name: 'web',
  id: 'ASCAWEB',
  arn: 'arn:aws:iam::123456789012:server-certificate/web',
  path: '/',
};
const cdn: ServerCertificate = {
  name: 'cdn',
  id: 'ASCACDN',
  arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/cdn',
  path: '/cloudfront/',
};

const use = (certificateRef: string, over: Partial<ObservedCertificateUse> = {}): ObservedCertificateUse => ({
  certificateRef,
  loadBalancerType: 'application',
  region: 'us-east-1',
  loadBalancerName: 'alb-1',
  loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb-1/0123456789abcdef',
  listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb-1/0123456789abcdef/1',
  protocol: 'HTTPS',
  port: 443,
  role: 'default',
  ...over,
});

describe('matchUsages', () => {
  it('joins load balancer uses by ARN and CloudFront uses by certificate id', () => {
    const { loadBalancerArn, listenerArn, ...cloudfront } = use('ASCACDN', {
      loadBalancerType: 'cloudfront',
      region: 'global',
      loadBalancerName: 'E123',
    });
    const result = matchUsages([web, cdn], [use(web.arn), cloudfront]);
    expect(result.get(web.arn)).toEqual([expect.objectContaining({ loadBalancerName: 'alb-1' })]);
    expect(result.get(cdn.arn)).toEqual([
      expect.objectContaining({ loadBalancerType: 'cloudfront', loadBalancerName: 'E123' }),
    ]);
    expect(result.get(cdn.arn)?.[0]).not.toHaveProperty('certificateRef');
  });

  it('drops uses of other certificates (ACM, unflagged IAM)', () => {
    const result = matchUsages(
      [web],
      [
        use('arn:aws:acm:us-east-1:123456789012:certificate/abc'),
        use('arn:aws:iam::123456789012:server-certificate/other'),
      ],
    );
    expect(result.size).toBe(0);
  });

  it('keeps a certificate served in two regions and as SNI, once each, in a stable order', () => {
    const result = matchUsages(
      [web],
      [
        use(web.arn, { region: 'eu-west-1' }),
        use(web.arn, { role: 'sni', port: 8443 }),
        use(web.arn),
        use(web.arn), // the same listener seen twice
      ],
    );
    expect(result.get(web.arn)?.map((u) => `${u.region}:${u.port}:${u.role}`)).toEqual([
      'eu-west-1:443:default',
      'us-east-1:443:default',
      'us-east-1:8443:sni',
    ]);
  });
});
