/**
 * A source this project does not have, built the way a real one is (one file): API Gateway custom domain names.
 * The tests register it to show that a new source is named, linked and switched by its own descriptor.
 */
import type { CertificateUsage, LoadBalancerType, ScanService } from '../../../lambda/domain/types';
import { command } from '../../../lambda/sources/shell-command';
import { shellWord } from '../../../lambda/text/sanitise';
import type { SourceListing, UsageSource } from '../../../lambda/sources/usage-source';

/** Names the compiler does not know yet: a real source would add them to the domain's vocabulary. */
export const API_GATEWAY_TYPE = 'apigateway' as LoadBalancerType;
export const API_GATEWAY_SERVICE = 'apigateway' as ScanService;

const place = (u: CertificateUsage): string => `API Gateway custom domain ${u.loadBalancerName} (${u.region})`;

export const apiGatewaySource: UsageSource = {
  name: 'API Gateway',
  types: [API_GATEWAY_TYPE],
  service: { name: API_GATEWAY_SERVICE, label: 'API Gateway custom domain names' },
  names: {
    place,
    servedBy: (u) => `API Gateway custom domain ${u.loadBalancerName}, ${u.region}`,
    compact: (u) => `API Gateway ${u.loadBalancerName}, ${u.region}`,
    chat: (u) => `API Gateway ${u.loadBalancerName} (${u.region})`,
    table: (u) => `API Gateway ${u.loadBalancerName} (${u.region})`,
  },
  console: {
    page: (u) => `https://console.example/apigateway/${u.region}/domain-names/${u.loadBalancerName}`,
    list: (u) => ({
      label: `API Gateway ${u.region}`,
      url: `https://console.example/apigateway/${u.region}/domain-names`,
    }),
  },
  switch: {
    step: (u, _oldArn, target) => ({
      title: `Point ${place(u)} at ${target.label}:`,
      commands: [
        command(
          'aws',
          'apigateway',
          'update-domain-name',
          '--region',
          u.region,
          '--domain-name',
          u.loadBalancerName,
          '--patch-operations',
          `op=replace,path=/regionalCertificateArn,value=${target.arn}`,
        ),
      ],
    }),
    group: (u) => ({ key: `apigateway ${u.region}`, region: u.region, order: 2 }),
    groupStep: (usages, _oldArn, target) => ({
      title: `Point ${usages.length} API Gateway custom domains in ${usages[0].region} at ${target.label}:`,
      loop: {
        variable: 'n',
        items: usages.map((u) => shellWord(u.loadBalancerName)),
        body: [
          `${command('aws', 'apigateway', 'update-domain-name', '--region', usages[0].region)} --domain-name "$n" ` +
            command('--patch-operations', `op=replace,path=/regionalCertificateArn,value=${target.arn}`),
        ],
      },
    }),
  },
};

/** Lists one custom domain per region; in `failIn`, fails instead. */
export function apiGatewayListing(certificateRef: string, failIn?: string): SourceListing {
  return {
    source: apiGatewaySource,
    scope: 'regional',
    list: async (_clients, { region, emit }) => {
      if (region === failIn) throw Object.assign(new Error('not allowed'), { name: 'AccessDenied' });
      emit({
        certificateRef,
        loadBalancerType: API_GATEWAY_TYPE,
        region,
        name: `api.${region}.example.com`,
        protocol: 'HTTPS',
        port: 443,
        role: 'default',
      });
    },
  };
}

/** A usage of the fake source. */
export function apiGatewayUsage(name: string, region = 'eu-west-1'): CertificateUsage {
  return {
    loadBalancerType: API_GATEWAY_TYPE,
    region,
    name: name,
    protocol: 'HTTPS',
    port: 443,
    role: 'default',
  };
}
