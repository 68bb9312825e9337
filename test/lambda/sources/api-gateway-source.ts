/**
 * A source this project does not have, built the way a real one is (one file): API Gateway custom domain names.
 * The tests register it to show that a new source is named, linked and switched by its own descriptor.
 */
import type { Elbv2ListenerUsage, Elbv2Type, ScanService } from '../../../lambda/domain/types';
import { command } from '../../../lambda/sources/shell-command';
import { shellWord } from '../../../lambda/text/sanitise';
import type { SourceListing, UsageSource } from '../../../lambda/sources/usage-source';

/**
 * Names the compiler does not know yet: a real source would add them to the domain's vocabulary (and its own
 * usage kind); here a custom domain passes for a listener.
 */
export const API_GATEWAY_TYPE = 'apigateway' as Elbv2Type;
export const API_GATEWAY_SERVICE = 'apigateway' as ScanService;

const place = (u: Elbv2ListenerUsage): string => `API Gateway custom domain ${u.name} (${u.region})`;

export const apiGatewaySource: UsageSource<Elbv2ListenerUsage> = {
  name: 'API Gateway',
  types: [API_GATEWAY_TYPE],
  service: { name: API_GATEWAY_SERVICE, label: 'API Gateway custom domain names' },
  names: {
    place,
    servedBy: (u) => `API Gateway custom domain ${u.name}, ${u.region}`,
    compact: (u) => `API Gateway ${u.name}, ${u.region}`,
    chat: (u) => `API Gateway ${u.name} (${u.region})`,
    table: (u) => `API Gateway ${u.name} (${u.region})`,
  },
  console: {
    page: (u) => `https://console.example/apigateway/${u.region}/domain-names/${u.name}`,
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
          u.name,
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
        items: usages.map((u) => shellWord(u.name)),
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
        kind: 'listener',
        type: API_GATEWAY_TYPE,
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
export function apiGatewayUsage(name: string, region = 'eu-west-1'): Elbv2ListenerUsage {
  return {
    kind: 'listener',
    type: API_GATEWAY_TYPE,
    region,
    name,
    protocol: 'HTTPS',
    port: 443,
    role: 'default',
  };
}
