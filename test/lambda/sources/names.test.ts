/** Every label and console link the alerts print for a usage, per source, in one table. */
import type { CertificateUsage } from '../../../lambda/domain/types';
import { USAGE_SOURCES } from '../../../lambda/sources/registry';
import { classicUsage, distributionUsage, usage } from '../render/support';

const labels = (u: CertificateUsage) => {
  const { names, console } = USAGE_SOURCES.of(u);
  return {
    place: names.place(u),
    servedBy: names.servedBy(u),
    compact: names.compact(u),
    chat: names.chat(u),
    table: names.table(u),
    page: console.page(u, 'aws'),
    list: console.list(u, 'aws'),
  };
};

describe('usage names and console links', () => {
  it('a Classic ELB listener', () => {
    expect(labels(classicUsage({ name: 'legacy-web', port: 8443 }))).toEqual({
      place: 'Classic ELB legacy-web (us-east-1) HTTPS:8443',
      servedBy: 'Classic ELB legacy-web, us-east-1, HTTPS:8443, default certificate',
      compact: 'Classic ELB legacy-web, us-east-1, HTTPS:8443, default',
      chat: 'Classic ELB legacy-web (us-east-1, HTTPS:8443)',
      table: 'Classic ELB legacy-web:8443 (us-east-1)',
      page: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LoadBalancers:search=legacy-web',
      list: {
        label: 'us-east-1',
        url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LoadBalancers:',
      },
    });
  });

  it.each([
    ['application', 'ALB'],
    ['network', 'NLB'],
    ['gateway', 'GWLB'],
  ] as const)('an ELBv2 %s listener with an SNI certificate is a %s', (type, kind) => {
    const u = usage({ type, name: 'shop', region: 'eu-west-1', protocol: 'TLS', role: 'sni' });
    expect(labels(u)).toMatchObject({
      place: `${kind} shop (eu-west-1) TLS:443`,
      servedBy: `${kind} shop, eu-west-1, TLS:443, SNI certificate`,
      compact: `${kind} shop, eu-west-1, TLS:443, SNI`,
      chat: `${kind} shop (eu-west-1, TLS:443, SNI)`,
      table: `${kind} shop:443 (eu-west-1, SNI)`,
    });
  });

  it('a CloudFront distribution', () => {
    const u = distributionUsage({ id: 'E123', aliases: ['shop.example.com', 'www.shop.example.com'] });
    expect(labels(u)).toEqual({
      place: 'CloudFront distribution E123',
      servedBy: 'CloudFront distribution E123, global, HTTPS:443',
      compact: 'CloudFront E123 (shop.example.com, www.shop.example.com)',
      chat: 'CloudFront E123 (shop.example.com, www.shop.example.com)',
      table: 'CloudFront E123 (global)',
      page: 'https://console.aws.amazon.com/cloudfront/v4/home#/distributions/E123',
      list: { label: 'CloudFront', url: 'https://console.aws.amazon.com/cloudfront/v4/home#/distributions' },
    });
    expect(USAGE_SOURCES.of(u).names.chat({ ...u, aliases: [] })).toBe('CloudFront E123');
  });
});
