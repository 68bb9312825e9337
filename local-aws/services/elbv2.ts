/**
 * ELBv2 (query protocol, 2015-12-01): DescribeLoadBalancers, DescribeListeners, DescribeListenerCertificates, and
 * the certificate writes ModifyListener (its `Certificates` only), AddListenerCertificates, RemoveListenerCertificates.
 */
import { paginate } from '../protocols/paging';
import { AwsError } from '../protocols/aws-error';
import { intParam, memberList, type Params } from '../protocols/form-params';
import type { IndexedElbv2LoadBalancer, IndexedListener, RegionIndex } from '../estate/scenario-index';
import { el, list, node } from '../protocols/xml';
import type { ActionContext, ServiceDefinition } from './service';
import { requireElbCertificate } from './elb-certificate';

const CREATED = new Date('2022-05-10T14:00:00Z');
const HOSTED_ZONE: Record<string, string> = { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI', gateway: '' };

function pageSize(params: Params): number {
  return intParam(params, 'PageSize', 'pageSize', { min: 1, max: 400, defaultValue: 400 });
}

function loadBalancerNotFound(): AwsError {
  return new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
}

function listenerNotFound(): AwsError {
  return new AwsError('ListenerNotFound', 'One or more listeners not found');
}

function loadBalancerXml(lb: IndexedElbv2LoadBalancer): string {
  return (
    el('LoadBalancerArn', lb.arn) +
    el('DNSName', lb.dnsName) +
    el('CanonicalHostedZoneId', HOSTED_ZONE[lb.type]) +
    el('CreatedTime', CREATED) +
    el('LoadBalancerName', lb.name) +
    el('Scheme', lb.scheme) +
    el('VpcId', 'vpc-0a1b2c3d4e5f60718') +
    node('State', el('Code', lb.state)) +
    el('Type', lb.type) +
    '<AvailabilityZones/>' +
    (lb.type === 'application' ? '<SecurityGroups/>' : '') +
    el('IpAddressType', 'ipv4')
  );
}

function listenerXml(l: IndexedListener): string {
  return (
    el('ListenerArn', l.arn) +
    el('LoadBalancerArn', l.loadBalancerArn) +
    el('Port', l.port) +
    el('Protocol', l.protocol) +
    (l.defaultCertificateArn
      ? list('Certificates', [l.defaultCertificateArn], (arn) => el('CertificateArn', arn))
      : '') +
    el('SslPolicy', l.sslPolicy) +
    list('DefaultActions', [l], () => el('Type', 'fixed-response') + el('Order', 1))
  );
}

function findLoadBalancers(params: Params, r: RegionIndex): readonly IndexedElbv2LoadBalancer[] {
  const arns = memberList(params, 'LoadBalancerArns');
  const names = memberList(params, 'Names');
  if (arns.length > 0 && names.length > 0) {
    throw new AwsError(
      'ValidationError',
      'Load balancer names and load balancer ARNs cannot be specified at the same time',
    );
  }
  if (arns.length > 0) return arns.map((a) => r.elbv2ByArn.get(a) ?? throwError(loadBalancerNotFound()));
  if (names.length > 0) return names.map((n) => r.elbv2ByName.get(n) ?? throwError(loadBalancerNotFound()));
  return r.elbv2;
}

function throwError(error: AwsError): never {
  throw error;
}

/** `Certificates.member.N.CertificateArn`, in order. */
function certificateArns(params: Params): string[] {
  return Object.entries(params)
    .flatMap(([k, v]) => {
      const n = /^Certificates\.member\.(\d+)\.CertificateArn$/.exec(k)?.[1];
      return n === undefined ? [] : [[Number(n), v] as const];
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);
}

/** The listener a certificate write names, and the certificates it gives (at least one). */
function certificateWrite(ctx: ActionContext): { listener: IndexedListener; arns: string[] } {
  const arn = ctx.params.ListenerArn;
  if (!arn)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'listenerArn' failed to satisfy constraint: Member must not be null",
    );
  const listener = ctx.index.region(ctx.region).listenersByArn.get(arn) ?? throwError(listenerNotFound());
  const arns = certificateArns(ctx.params);
  if (arns.length === 0) throw new AwsError('ValidationError', 'A certificate must be specified');
  return { listener, arns };
}

export const elbv2Service: ServiceDefinition = {
  name: 'elbv2',
  protocol: 'query',
  namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  regional: true,
  actions: {
    DescribeLoadBalancers: ({ params, index, region }) => {
      const page = paginate(findLoadBalancers(params, index.region(region)), params.Marker, pageSize(params));
      return list('LoadBalancers', page.items, loadBalancerXml) + el('NextMarker', page.nextMarker);
    },
    DescribeListeners: ({ params, index, region }) => {
      const r = index.region(region);
      const lbArn = params.LoadBalancerArn;
      const listenerArns = memberList(params, 'ListenerArns');
      let listeners: readonly IndexedListener[];
      if (lbArn && listenerArns.length > 0) {
        throw new AwsError(
          'ValidationError',
          'Listener ARNs and a load balancer ARN cannot be specified at the same time',
        );
      } else if (lbArn) {
        listeners = (r.elbv2ByArn.get(lbArn) ?? throwError(loadBalancerNotFound())).listeners;
      } else if (listenerArns.length > 0) {
        listeners = listenerArns.map((a) => r.listenersByArn.get(a) ?? throwError(listenerNotFound()));
      } else {
        throw new AwsError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
      }
      const page = paginate(listeners, params.Marker, pageSize(params));
      return list('Listeners', page.items, listenerXml) + el('NextMarker', page.nextMarker);
    },
    DescribeListenerCertificates: ({ params, index, region }) => {
      const arn = params.ListenerArn;
      if (!arn)
        throw new AwsError(
          'ValidationError',
          "1 validation error detected: Value null at 'listenerArn' failed to satisfy constraint: Member must not be null",
        );
      const listener = index.region(region).listenersByArn.get(arn) ?? throwError(listenerNotFound());
      // Like AWS: the default certificate first (IsDefault=true), then every certificate in the listener's
      // certificate list, which includes the default again, each with IsDefault=false.
      const entries: [string, boolean][] = [];
      if (listener.defaultCertificateArn)
        entries.push([listener.defaultCertificateArn, true], [listener.defaultCertificateArn, false]);
      for (const sni of listener.sniCertificateArns) entries.push([sni, false]);
      const page = paginate(entries, params.Marker, pageSize(params));
      return (
        list('Certificates', page.items, ([a, d]) => el('CertificateArn', a) + el('IsDefault', d)) +
        el('NextMarker', page.nextMarker)
      );
    },
    ModifyListener: (ctx) => {
      const { listener, arns } = certificateWrite(ctx);
      if (arns.length !== 1) throw new AwsError('ValidationError', 'You must provide exactly one certificate');
      if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') {
        throw new AwsError('ValidationError', 'A certificate can be set only on an HTTPS or TLS listener');
      }
      requireElbCertificate(ctx, arns[0]!);
      listener.defaultCertificateArn = arns[0]!;
      return list('Listeners', [listener], listenerXml);
    },
    AddListenerCertificates: (ctx) => {
      const { listener, arns } = certificateWrite(ctx);
      for (const arn of arns) requireElbCertificate(ctx, arn);
      // Like AWS: a certificate already in the list is not added again, and the call succeeds.
      listener.sniCertificateArns = [...new Set([...listener.sniCertificateArns, ...arns])];
      return list('Certificates', arns, (a) => el('CertificateArn', a) + el('IsDefault', false));
    },
    RemoveListenerCertificates: (ctx) => {
      const { listener, arns } = certificateWrite(ctx);
      if (arns.includes(listener.defaultCertificateArn ?? '')) {
        throw new AwsError('OperationNotPermitted', 'The default certificate of a listener cannot be removed');
      }
      listener.sniCertificateArns = listener.sniCertificateArns.filter((a) => !arns.includes(a));
      return '';
    },
  },
};
