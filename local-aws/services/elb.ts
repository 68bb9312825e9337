/** Classic ELB (query protocol, 2012-06-01): DescribeLoadBalancers, SetLoadBalancerListenerSSLCertificate. */
import { paginate } from '../protocols/paging';
import { AwsError } from '../protocols/aws-error';
import { intParam, memberList, requireParam } from '../protocols/form-params';
import { requireElbCertificate } from './elb-certificate';
import type { IndexedClassicLoadBalancer } from '../estate/scenario-index';
import { el, list, node } from '../protocols/xml';
import type { ServiceDefinition } from './service';

const CREATED = new Date('2021-03-01T09:30:00Z');

function loadBalancerXml(lb: IndexedClassicLoadBalancer): string {
  return (
    el('LoadBalancerName', lb.name) +
    el('DNSName', lb.dnsName) +
    el('CanonicalHostedZoneName', lb.dnsName) +
    el('CanonicalHostedZoneNameID', 'Z35SXDOTRQ7X7K') +
    list(
      'ListenerDescriptions',
      lb.listeners,
      (l) =>
        node(
          'Listener',
          el('Protocol', l.protocol) +
            el('LoadBalancerPort', l.port) +
            el('InstanceProtocol', l.instanceProtocol) +
            el('InstancePort', l.instancePort) +
            el('SSLCertificateId', l.sslCertificateId),
        ) + '<PolicyNames/>',
    ) +
    '<Policies><AppCookieStickinessPolicies/><LBCookieStickinessPolicies/><OtherPolicies/></Policies>' +
    '<BackendServerDescriptions/><AvailabilityZones/><Subnets/><Instances/><SecurityGroups/>' +
    el('CreatedTime', CREATED) +
    el('Scheme', lb.scheme)
  );
}

export const elbService: ServiceDefinition = {
  name: 'elb',
  protocol: 'query',
  namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
  regional: true,
  actions: {
    DescribeLoadBalancers: ({ params, index, region }) => {
      const pageSize = intParam(params, 'PageSize', 'pageSize', { min: 1, max: 400, defaultValue: 400 });
      const regionIndex = index.region(region);
      const names = memberList(params, 'LoadBalancerNames');
      let all = regionIndex.classic;
      if (names.length > 0) {
        all = names.map((n) => {
          const lb = regionIndex.classicByName.get(n);
          if (!lb) throw new AwsError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${n}'`);
          return lb;
        });
      }
      const page = paginate(all, params.Marker, pageSize);
      return list('LoadBalancerDescriptions', page.items, loadBalancerXml) + el('NextMarker', page.nextMarker);
    },
    SetLoadBalancerListenerSSLCertificate: (ctx) => {
      const name = requireParam(ctx.params, 'LoadBalancerName');
      const port = Number(requireParam(ctx.params, 'LoadBalancerPort'));
      const arn = requireParam(ctx.params, 'SSLCertificateId');
      const lb = ctx.index.region(ctx.region).classicByName.get(name);
      if (!lb) throw new AwsError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
      const listener = lb.listeners.find((l) => l.port === port);
      if (!listener) throw new AwsError('ListenerNotFound', `There is no listener on port ${port}`);
      if (listener.protocol !== 'HTTPS' && listener.protocol !== 'SSL') {
        throw new AwsError('InvalidConfigurationRequest', `The listener on port ${port} is not HTTPS or SSL`, 409);
      }
      requireElbCertificate(ctx, arn);
      listener.sslCertificateId = arn;
      return '';
    },
  },
};
