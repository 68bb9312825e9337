/**
 * What Classic ELB and ELBv2 usages share: each is a listener of a regional load balancer, named by its kind
 * (`ALB`, `Classic ELB`), region and port, and found in the EC2 console's load balancer list. Pure.
 */
import type { ListenerUsage } from '../domain/types';
import { consoleHost } from './console-host';
import type { UsageConsole, UsageNames } from './usage-source';

/** The labels of a listener usage, given the kind of load balancer it is on. */
export function listenerNames<U extends ListenerUsage>(kind: (usage: U) => string): UsageNames<U> {
  const listener = (u: U): string => `${u.protocol}:${u.port}`;
  const sni = (u: U): string => (u.role === 'sni' ? ', SNI' : '');
  return {
    place: (u) => `${kind(u)} ${u.name} (${u.region}) ${listener(u)}`,
    servedBy: (u) =>
      `${kind(u)} ${u.name}, ${u.region}, ${listener(u)}, ${u.role === 'sni' ? 'SNI' : 'default'} certificate`,
    compact: (u) => `${kind(u)} ${u.name}, ${u.region}, ${listener(u)}, ${u.role === 'sni' ? 'SNI' : 'default'}`,
    // The port tells two listeners of one load balancer apart.
    chat: (u) => `${kind(u)} ${u.name} (${u.region}, ${listener(u)}${sni(u)})`,
    // `legacy-web:443` and `legacy-web:8443`: the port tells two listeners apart in the terminal table too.
    table: (u) => `${kind(u)} ${u.name}:${u.port} (${u.region}${sni(u)})`,
  };
}

/** The EC2 console's load balancer list of the usage's region, filtered to its load balancer. */
export const LOAD_BALANCER_CONSOLE: UsageConsole<ListenerUsage> = {
  page: (usage, partition) =>
    `${LOAD_BALANCER_CONSOLE.list(usage, partition).url}search=${encodeURIComponent(usage.name)}`,
  list: (usage, partition) => ({
    label: usage.region,
    url: `https://${consoleHost(partition, usage.region)}/ec2/home?region=${encodeURIComponent(usage.region)}#LoadBalancers:`,
  }),
};
