import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateUsage } from '../../../lambda/domain/types';
import { USAGE_LISTINGS } from '../../../lambda/sources/listings';
import { USAGE_SOURCES } from '../../../lambda/sources/registry';
import { sourceRegistry } from '../../../lambda/sources/source-registry';
import { apiGatewaySource, apiGatewayUsage } from './api-gateway-source';
import { distributionUsage, usage } from '../render/support';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../schema/report.schema.json'), 'utf8'));
const usageTypes: string[] = schema.definitions.usage.properties.type.enum;
const gapServices: string[] = schema.properties.coverage.properties.gaps.items.properties.service.enum;

/** A usage of the report schema's type `t`. */
const ofType = (t: string): CertificateUsage =>
  t === 'cloudfront' ? distributionUsage() : ({ ...usage(), type: t } as CertificateUsage);

describe('the usage source registry', () => {
  it('has one listing for every source, in the same order, and no listing without a registered source', () => {
    expect(USAGE_LISTINGS.map((l) => l.source)).toEqual(USAGE_SOURCES.all);
  });

  it('covers every usage type and gap service the report schema allows (EC2, IAM and ACM are not sources)', () => {
    expect(USAGE_SOURCES.all.flatMap((s) => s.types).sort()).toEqual([...usageTypes].sort());
    expect(USAGE_SOURCES.all.map((s) => s.service.name).sort()).toEqual(
      gapServices.filter((s) => !['ec2', 'iam', 'acm'].includes(s)).sort(),
    );
  });

  it('finds the source of each type and service', () => {
    const owners = Object.fromEntries(usageTypes.map((t) => [t, USAGE_SOURCES.of(ofType(t)).name]));
    expect(owners).toEqual({
      classic: 'Classic ELB',
      application: 'ELBv2',
      network: 'ELBv2',
      gateway: 'ELBv2',
      cloudfront: 'CloudFront',
    });
    expect(USAGE_SOURCES.forService('elbv2').name).toBe('ELBv2');
  });

  it('fails loudly for a type or service that no source produces', () => {
    expect(() => USAGE_SOURCES.of(apiGatewayUsage('api.example.com'))).toThrow(
      'No usage source is registered for type "apigateway": register its descriptor in lambda/sources/registry.ts',
    );
    expect(() => USAGE_SOURCES.forService('ec2')).toThrow('No usage source is registered for service "ec2"');
  });

  it('refuses a type or a service that two sources claim', () => {
    const [classic] = USAGE_SOURCES.all;
    expect(() => sourceRegistry([classic, { ...apiGatewaySource, types: ['classic'] }])).toThrow(
      'Usage type "classic" is registered twice: by Classic ELB and by API Gateway',
    );
    expect(() => sourceRegistry([classic, { ...apiGatewaySource, service: classic.service }])).toThrow(
      'Service "elb" is registered twice: by Classic ELB and by API Gateway',
    );
  });
});
