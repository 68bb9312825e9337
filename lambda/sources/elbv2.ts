/**
 * ELBv2 (ALB, NLB, GWLB): a listener has one default certificate (`aws elbv2 modify-listener`) and any number of
 * SNI certificates (`add-listener-certificates`, then `remove-listener-certificates`).
 */
import { scanElbv2Listeners } from '../aws/elbv2';
import type { Elbv2ListenerUsage, Elbv2Type } from '../domain/types';
import { LOAD_BALANCER_CONSOLE, listenerNames } from './load-balancer-listener';
import { command, structure } from './shell-command';
import { shellWord } from '../text/sanitise';
import type { SourceListing, UsageSource } from './usage-source';

/** In the order loop titles name them: `ALB/NLB listeners`. */
const KIND: Record<Elbv2Type, string> = { application: 'ALB', network: 'NLB', gateway: 'GWLB' };
const TYPES = Object.keys(KIND) as Elbv2Type[];

const names = listenerNames<Elbv2ListenerUsage>((u) => KIND[u.type]);

/** "ALB", "ALB/NLB": the kinds of load balancer in a group. */
function kindsLabel(usages: readonly Elbv2ListenerUsage[]): string {
  return TYPES.filter((t) => usages.some((u) => u.type === t))
    .map((t) => KIND[t])
    .join('/');
}

/** `aws elbv2 <action>` on one listener with one certificate. */
function onListener(action: string, region: string, listenerArn: string, certificateArn: string): string {
  return command(
    'aws',
    'elbv2',
    action,
    '--region',
    region,
    '--listener-arn',
    listenerArn,
    '--certificates',
    structure({ CertificateArn: certificateArn }),
  );
}

export const elbv2Source: UsageSource<Elbv2ListenerUsage> = {
  name: 'ELBv2',
  types: TYPES,
  service: { name: 'elbv2', label: 'ALB/NLB listeners (ELBv2)' },
  names,
  console: LOAD_BALANCER_CONSOLE,
  switch: {
    step: (usage, oldArn, target) => {
      const where = names.place(usage);
      const listener = usage.listenerArn ?? '<LISTENER_ARN>';
      const note =
        usage.listenerArn === undefined
          ? `Listener ARN unknown: find it with ${command('aws', 'elbv2', 'describe-listeners', '--region', usage.region, '--load-balancer-arn', usage.arn ?? '<LOAD_BALANCER_ARN>')}`
          : undefined;
      const noted = note ? { note } : {};
      if (usage.role === 'sni' && target.alreadyAt?.(usage)) {
        return {
          title: `Remove the expiring SNI certificate from ${where} (${target.label} is on it already):`,
          commands: [onListener('remove-listener-certificates', usage.region, listener, oldArn)],
          ...noted,
        };
      }
      if (usage.role === 'sni') {
        return {
          title: `Replace the SNI certificate on ${where} (add the new one first, then remove the old one):`,
          commands: [
            onListener('add-listener-certificates', usage.region, listener, target.arn),
            onListener('remove-listener-certificates', usage.region, listener, oldArn),
          ],
          ...noted,
        };
      }
      return {
        title: `Make ${target.id ? target.label : 'it'} the default certificate of ${where}:`,
        commands: [onListener('modify-listener', usage.region, listener, target.arn)],
        ...noted,
      };
    },
    // A listener whose ARN is unknown, or an SNI swap that only removes, keeps a step of its own.
    group: (usage, target) =>
      usage.listenerArn === undefined || target.alreadyAt?.(usage)
        ? undefined
        : { key: `elbv2-${usage.role} ${usage.region}`, region: usage.region, order: usage.role === 'sni' ? 0 : 1 },
    groupStep: (usages, oldArn, target) => {
      const region = usages[0].region;
      const listeners = `${usages.length} ${kindsLabel(usages)} ${usages.length === 1 ? 'listener' : 'listeners'}`;
      const items = usages.map((u) => shellWord(u.listenerArn ?? ''));
      const elbv2 = (action: string, certificateArn: string): string =>
        `${command('aws', 'elbv2', action, '--region', region)} --listener-arn "$l" ${command('--certificates', structure({ CertificateArn: certificateArn }))}`;
      if (usages[0].role === 'sni') {
        return {
          title: `Replace the SNI certificate on ${listeners} in ${region} (on each: add the new one, then remove the old one):`,
          loop: {
            variable: 'l',
            items,
            body: [elbv2('add-listener-certificates', target.arn), elbv2('remove-listener-certificates', oldArn)],
          },
        };
      }
      return {
        title: `Make it the default certificate of ${listeners} in ${region}:`,
        loop: { variable: 'l', items, body: [elbv2('modify-listener', target.arn)] },
      };
    },
  },
};

export const elbv2Listing: SourceListing = {
  source: elbv2Source,
  scope: 'regional',
  list: (clients, { region, emit, concurrency, abortSignal }) =>
    scanElbv2Listeners(clients.elbv2(region), region, emit, { concurrency, abortSignal }),
};
