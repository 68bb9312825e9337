/** Classic ELB: one certificate per HTTPS/SSL listener, set with `aws elb set-load-balancer-listener-ssl-certificate`. */
import { scanClassicListeners } from '../aws/classic-elb';
import type { ClassicListenerUsage } from '../domain/types';
import { LOAD_BALANCER_CONSOLE, listenerNames } from './load-balancer-listener';
import { command } from './shell-command';
import { shellWord } from '../text/sanitise';
import type { SourceListing, UsageSource } from './usage-source';

const names = listenerNames<ClassicListenerUsage>(() => 'Classic ELB');

export const classicElbSource: UsageSource<ClassicListenerUsage> = {
  name: 'Classic ELB',
  types: ['classic'],
  service: { name: 'elb', label: 'Classic ELB listeners' },
  names,
  console: LOAD_BALANCER_CONSOLE,
  switch: {
    step: (usage, _oldArn, target) => ({
      title: `Switch ${names.place(usage)} to ${target.label}:`,
      commands: [
        command(
          'aws',
          'elb',
          'set-load-balancer-listener-ssl-certificate',
          '--region',
          usage.region,
          '--load-balancer-name',
          usage.name,
          '--load-balancer-port',
          String(usage.port),
          '--ssl-certificate-id',
          target.arn,
        ),
      ],
    }),
    group: (usage) => ({ key: `classic ${usage.region}`, region: usage.region, order: 2 }),
    groupStep: (usages, _oldArn, target) => {
      const region = usages[0].region;
      const listeners = `${usages.length} Classic ELB ${usages.length === 1 ? 'listener' : 'listeners'}`;
      return {
        title: `Switch ${listeners} in ${region} to ${target.label} (each item is name:port):`,
        loop: {
          variable: 'lb',
          items: usages.map((u) => shellWord(`${u.name}:${u.port}`)),
          body: [
            `${command('aws', 'elb', 'set-load-balancer-listener-ssl-certificate', '--region', region)}` +
              ` --load-balancer-name "\${lb%:*}" --load-balancer-port "\${lb##*:}" ${command('--ssl-certificate-id', target.arn)}`,
          ],
        },
      };
    },
  },
};

export const classicElbListing: SourceListing = {
  source: classicElbSource,
  scope: 'regional',
  list: (clients, { region, emit, abortSignal }) =>
    scanClassicListeners(clients.elb(region), region, emit, abortSignal),
};
