/**
 * Ready-to-paste fix-it commands for one finding (AWS CLI v2), following compliance rule D9.AWS.CRY.08:
 * upload the renewed certificate to IAM, point every listener / distribution that serves the old one at it,
 * then delete the old one. Pure: every value comes from the finding and the report.
 */
import { servedAtSamePlace } from '../domain/renewal';
import type { CertificateUsage, Finding } from '../domain/types';
import { LOAD_BALANCER_LABEL, plural } from './format';
import { type ShellLoop, loopLines, loopOneLine, wrapShellCommand } from './shell-loop';

export interface RemediationStep {
  /** One line, imperative: what this step does and where. */
  readonly title: string;
  /** Shell commands, one per line, in order. Values are shell-quoted where needed. */
  readonly commands: readonly string[];
  /** An optional caveat shown under the commands. */
  readonly note?: string;
  /**
   * The same commands spread over lines of about 71 columns (` \` continuations, loops one item a line) for the
   * email; absent when `commands` are shown as they are. Pasted into bash, both run the same.
   */
  readonly display?: readonly string[];
}

export interface Remediation {
  /** Name to upload the renewed certificate under (the old name stays in use until the switch). */
  readonly newCertificateName: string;
  /** Path to upload it under (`/cloudfront/...` when CloudFront serves it). */
  readonly newCertificatePath: string;
  /** The ARN IAM will give the renewed certificate (partition/account/path/name are deterministic). */
  readonly newCertificateArn: string;
  readonly steps: readonly RemediationStep[];
}

export interface RemediationContext {
  /** The run time; its UTC year names the renewed certificate. */
  readonly generatedAt: Date;
  /** Some region/service could not be scanned: "not used" may be wrong, so deletion gets a caveat. */
  readonly coverageIncomplete: boolean;
  /** Usages left out of this message for size: the old certificate must not be deleted blindly. */
  readonly omittedUsages?: number;
  /**
   * Compact rendering (a certificate with too many usages for the SNS size limit): usages that take the same
   * command are switched by one bash `for` loop per region and action instead of one step each.
   * @default false
   */
  readonly compact?: boolean;
}

/** The certificate the fix switches to: the renewal already in IAM, or the one to upload. */
interface SwitchTarget {
  readonly name: string;
  readonly arn: string;
  /** Known only for a renewal already uploaded (CloudFront needs it). */
  readonly id?: string;
  /** How titles call it: `the renewed certificate`, or the renewal's name. */
  readonly label: string;
  /** Renewal already on the same listener: only the old SNI certificate must go. */
  readonly alreadyAt?: (usage: CertificateUsage) => boolean;
}

/** One line of advice that removes the problem for good. */
export const ACM_HINT =
  'For good: use AWS Certificate Manager (ACM) instead of IAM; ACM renews the certificates it issues ' +
  'automatically, and ALB, NLB, Classic ELB and CloudFront (certificate in us-east-1) all accept them.';

const SAFE_SHELL_WORD = /^[A-Za-z0-9_./:=@+-]+$/;

/** POSIX-shell quoting: safe words stay bare, anything else is single-quoted (`'` becomes `'\''`). */
export function shellQuote(value: string): string {
  if (SAFE_SHELL_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Joins a command from words, quoting each one that needs it. */
function command(...words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

const IAM_NAME_MAX = 128;

/**
 * `<NAME>-<YYYY>` with the run's year. A trailing year (`-2024`, `-20240301`) on the old name is replaced rather
 * than stacked; if that gives the old name back, the full date is used so the upload cannot clash.
 */
export function renewedCertificateName(name: string, generatedAt: Date): string {
  const year = String(generatedAt.getUTCFullYear());
  const stamp = generatedAt.toISOString().slice(0, 10).replace(/-/g, '');
  const base = name.replace(/[-_.](19|20)\d{2}(\d{4})?$/, '');
  const fit = (suffix: string): string => `${base.slice(0, IAM_NAME_MAX - suffix.length)}${suffix}`;
  const candidate = fit(`-${year}`);
  return candidate === name ? fit(`-${stamp}`) : candidate;
}

/** Path for the upload: CloudFront only accepts IAM certificates under `/cloudfront/`. */
export function renewedCertificatePath(finding: Finding): string {
  const path = finding.certificate.path || '/';
  const servedByCloudFront = finding.usages.some((u) => u.loadBalancerType === 'cloudfront');
  if (servedByCloudFront && !path.startsWith('/cloudfront/')) return '/cloudfront/';
  return path;
}

/** The ARN of the renewed certificate: the old ARN's partition and account, the new path and name. */
export function renewedCertificateArn(oldArn: string, path: string, name: string): string {
  const match = /^(arn:[^:]+:iam::[^:]*:server-certificate)\//.exec(oldArn);
  const prefix = match ? match[1] : 'arn:aws:iam::<ACCOUNT_ID>:server-certificate';
  return `${prefix}${path}${name}`;
}

/** The ARN partition (`aws`, `aws-cn`, `aws-us-gov`), from any ARN. */
export function partitionOf(arn: string): string {
  return /^arn:([^:]+):/.exec(arn)?.[1] ?? 'aws';
}

function consoleHost(partition: string, region?: string): string {
  if (partition === 'aws-cn') return region ? `${region}.console.amazonaws.cn` : 'console.amazonaws.cn';
  if (partition === 'aws-us-gov') return 'console.amazonaws-us-gov.com';
  return region ? `${region}.console.aws.amazon.com` : 'console.aws.amazon.com';
}

/** Console page for one usage: the EC2 load balancer list filtered to its name, or the CloudFront distribution. */
export function consoleUrl(usage: CertificateUsage, partition = 'aws'): string {
  if (usage.loadBalancerType === 'cloudfront') {
    return `https://${consoleHost(partition)}/cloudfront/v4/home#/distributions/${encodeURIComponent(usage.loadBalancerName)}`;
  }
  const region = encodeURIComponent(usage.region);
  return (
    `https://${consoleHost(partition, usage.region)}/ec2/home?region=${region}` +
    `#LoadBalancers:search=${encodeURIComponent(usage.loadBalancerName)}`
  );
}

/** "ALB shop-alb (us-east-1) HTTPS:443" */
export function describeUsage(usage: CertificateUsage): string {
  if (usage.loadBalancerType === 'cloudfront') return `CloudFront distribution ${usage.loadBalancerName}`;
  return `${LOAD_BALANCER_LABEL[usage.loadBalancerType]} ${usage.loadBalancerName} (${usage.region}) ${usage.protocol}:${usage.port}`;
}

/** `NEW_CERT_ID=…`: the renewal's id when it is uploaded already, else looked up after the upload. */
function newCertificateIdCommand(target: SwitchTarget): string {
  if (target.id) return `NEW_CERT_ID=${shellQuote(target.id)}`;
  return `NEW_CERT_ID=$(${command(
    'aws',
    'iam',
    'get-server-certificate',
    '--server-certificate-name',
    target.name,
    '--query',
    'ServerCertificate.ServerCertificateMetadata.ServerCertificateId',
    '--output',
    'text',
  )})`;
}

function usageStep(usage: CertificateUsage, oldArn: string, target: SwitchTarget): RemediationStep {
  const where = describeUsage(usage);
  const newArn = target.arn;
  if (usage.loadBalancerType === 'classic') {
    return {
      title: `Switch ${where} to ${target.label}:`,
      commands: [
        command(
          'aws',
          'elb',
          'set-load-balancer-listener-ssl-certificate',
          '--region',
          usage.region,
          '--load-balancer-name',
          usage.loadBalancerName,
          '--load-balancer-port',
          String(usage.port),
          '--ssl-certificate-id',
          newArn,
        ),
      ],
    };
  }
  if (usage.loadBalancerType === 'cloudfront') {
    const id = usage.loadBalancerName;
    const file = `${id}.json`;
    const configFile = `${id}-config.json`;
    return {
      title: `Switch ${where} to ${target.label} (needs jq; run in one shell):`,
      commands: [
        newCertificateIdCommand(target),
        `${command('aws', 'cloudfront', 'get-distribution-config', '--id', id, '--output', 'json')} > ${shellQuote(file)}`,
        `ETAG=$(jq -r .ETag ${shellQuote(file)})`,
        `jq --arg id "$NEW_CERT_ID" '.DistributionConfig | .ViewerCertificate.IAMCertificateId = $id` +
          ` | if .ViewerCertificate.Certificate then .ViewerCertificate.Certificate = $id else . end'` +
          ` ${shellQuote(file)} > ${shellQuote(configFile)}`,
        `${command('aws', 'cloudfront', 'update-distribution', '--id', id, '--distribution-config', `file://${configFile}`)} --if-match "$ETAG"`,
        command('aws', 'cloudfront', 'wait', 'distribution-deployed', '--id', id),
      ],
      note: 'CloudFront refers to IAM certificates by ID (ViewerCertificate.IAMCertificateId), not ARN.',
    };
  }
  const listener = usage.listenerArn ?? '<LISTENER_ARN>';
  const note =
    usage.listenerArn === undefined
      ? `Listener ARN unknown: find it with ${command('aws', 'elbv2', 'describe-listeners', '--region', usage.region, '--load-balancer-arn', usage.loadBalancerArn ?? '<LOAD_BALANCER_ARN>')}`
      : undefined;
  if (usage.role === 'sni' && target.alreadyAt?.(usage)) {
    return {
      title: `Remove the expiring SNI certificate from ${where} (${target.label} is on it already):`,
      commands: [
        command(
          'aws',
          'elbv2',
          'remove-listener-certificates',
          '--region',
          usage.region,
          '--listener-arn',
          listener,
          '--certificates',
          `CertificateArn=${oldArn}`,
        ),
      ],
      ...(note ? { note } : {}),
    };
  }
  if (usage.role === 'sni') {
    return {
      title: `Replace the SNI certificate on ${where} (add the new one first, then remove the old one):`,
      commands: [
        command(
          'aws',
          'elbv2',
          'add-listener-certificates',
          '--region',
          usage.region,
          '--listener-arn',
          listener,
          '--certificates',
          `CertificateArn=${newArn}`,
        ),
        command(
          'aws',
          'elbv2',
          'remove-listener-certificates',
          '--region',
          usage.region,
          '--listener-arn',
          listener,
          '--certificates',
          `CertificateArn=${oldArn}`,
        ),
      ],
      ...(note ? { note } : {}),
    };
  }
  return {
    title: `Make ${target.id ? target.label : 'it'} the default certificate of ${where}:`,
    commands: [
      command(
        'aws',
        'elbv2',
        'modify-listener',
        '--region',
        usage.region,
        '--listener-arn',
        listener,
        '--certificates',
        `CertificateArn=${newArn}`,
      ),
    ],
    ...(note ? { note } : {}),
  };
}

/**
 * The numbered fix for one finding. With no renewal in IAM: upload one, switch each usage, delete the old
 * certificate (unused: just delete it). With a renewal uploaded: no upload, switch only the places still on the
 * old one to the renewal's real name, ARN and id, then delete. Fully rolled out: only the delete. Unknown
 * expiry: look the date up first.
 */
export function remediationFor(finding: Finding, context: RemediationContext): Remediation {
  const cert = finding.certificate;
  const renewal = finding.renewal?.certificate ? finding.renewal : undefined;
  const newName = renewal?.certificate?.name ?? renewedCertificateName(cert.name, context.generatedAt);
  const newPath = renewal?.certificate?.path ?? renewedCertificatePath(finding);
  const newArn = renewal?.certificate?.arn ?? renewedCertificateArn(cert.arn, newPath, newName);
  const target: SwitchTarget = renewal?.certificate
    ? {
        name: newName,
        arn: newArn,
        id: renewal.certificate.id,
        label: newName,
        alreadyAt: (u) => servedAtSamePlace(u, renewal),
      }
    : { name: newName, arn: newArn, label: 'the renewed certificate' };
  const steps: RemediationStep[] = [];
  const done = (): Remediation => ({
    newCertificateName: newName,
    newCertificatePath: newPath,
    newCertificateArn: newArn,
    steps,
  });

  if (finding.severity === 'unknown') {
    steps.push({
      title: 'The listing had no expiry date for it; look it up:',
      commands: [
        command(
          'aws',
          'iam',
          'get-server-certificate',
          '--server-certificate-name',
          cert.name,
          '--query',
          'ServerCertificate.ServerCertificateMetadata.Expiration',
          '--output',
          'text',
        ),
      ],
    });
  }

  const deleteOld = command('aws', 'iam', 'delete-server-certificate', '--server-certificate-name', cert.name);
  const unscannedNote = context.coverageIncomplete
    ? { note: 'Some regions/services were NOT checked (see above): make sure nothing there uses it first.' }
    : {};

  if (finding.usages.length === 0) {
    steps.push({
      title: renewal
        ? `Replaced by ${newName}; nothing found serves the old one: delete it:`
        : 'Nothing found serving it: delete it (nothing to renew):',
      commands: [deleteOld],
      ...unscannedNote,
    });
    return done();
  }

  if (!renewal) {
    const upload = [
      'aws',
      'iam',
      'upload-server-certificate',
      '--server-certificate-name',
      newName,
      '--certificate-body',
      'file://certificate.pem',
      '--certificate-chain',
      'file://chain.pem',
      '--private-key',
      'file://private-key.pem',
    ];
    if (newPath !== '/') upload.push('--path', newPath);
    steps.push({
      title: 'Upload the renewed certificate from your CA (PEM files):',
      commands: [command(...upload)],
    });
  } else if (finding.usages.some((u) => u.loadBalancerType === 'cloudfront') && !newPath.startsWith('/cloudfront/')) {
    steps.push({
      title: `CloudFront accepts only IAM certificates under the path /cloudfront/, and ${newName} is under ${newPath}: upload it again with --path /cloudfront/ and use that one for CloudFront.`,
      commands: [],
    });
  }

  if (context.compact) steps.push(...compactUsageSteps(finding.usages, cert.arn, target));
  else for (const usage of finding.usages) steps.push(usageStep(usage, cert.arn, target));

  const omitted = context.omittedUsages ?? 0;
  steps.push({
    title: `When ${target.label} is serving traffic everywhere, delete the old one:`,
    commands: [deleteOld],
    ...(omitted > 0
      ? { note: `${omitted} more usages are not listed in this message: switch them too before deleting.` }
      : {}),
  });
  return done();
}

/** Width of a command line in the email (78 columns less the 7-space step indent). */
const DISPLAY_WIDTH = 71;

/** How a usage is switched; usages with the same key share one loop. `undefined`: a step of its own. */
function loopKey(usage: CertificateUsage, target: SwitchTarget): string | undefined {
  if (usage.loadBalancerType === 'cloudfront') return 'cloudfront';
  if (usage.loadBalancerType === 'classic') return `classic ${usage.region}`;
  if (usage.listenerArn === undefined || target.alreadyAt?.(usage)) return undefined;
  return `elbv2-${usage.role} ${usage.region}`;
}

/** "ALB", "ALB/NLB": the kinds of load balancer in a group, in a fixed order. */
function typesLabel(usages: readonly CertificateUsage[]): string {
  const order: CertificateUsage['loadBalancerType'][] = ['application', 'network', 'gateway'];
  return order
    .filter((t) => usages.some((u) => u.loadBalancerType === t))
    .map((t) => LOAD_BALANCER_LABEL[t])
    .join('/');
}

function loopStep(title: string, loop: ShellLoop, before: readonly string[] = [], note?: string): RemediationStep {
  return {
    title,
    commands: [...before, loopOneLine(loop)],
    display: [...before.flatMap((c) => wrapShellCommand(c, DISPLAY_WIDTH)), ...loopLines(loop, DISPLAY_WIDTH)],
    ...(note ? { note } : {}),
  };
}

/** The loop that switches one group of usages (same region and action). */
function groupStep(
  key: string,
  usages: readonly CertificateUsage[],
  oldArn: string,
  target: SwitchTarget,
): RemediationStep {
  const region = usages[0].region;
  const newArn = target.arn;
  if (key === 'cloudfront') {
    return loopStep(
      `Switch ${plural(usages.length, 'CloudFront distribution')} to ${target.label} (needs jq; run in one shell):`,
      {
        variable: 'd',
        items: usages.map((u) => shellQuote(u.loadBalancerName)),
        body: [
          `${command('aws', 'cloudfront', 'get-distribution-config', '--id')} "$d" --output json > "$d.json"`,
          'ETAG=$(jq -r .ETag "$d.json")',
          `jq --arg id "$NEW_CERT_ID" '.DistributionConfig | .ViewerCertificate.IAMCertificateId = $id` +
            ` | if .ViewerCertificate.Certificate then .ViewerCertificate.Certificate = $id else . end'` +
            ' "$d.json" > "$d-config.json"',
          'aws cloudfront update-distribution --id "$d" --distribution-config "file://$d-config.json" --if-match "$ETAG"',
          'aws cloudfront wait distribution-deployed --id "$d"',
        ],
      },
      [newCertificateIdCommand(target)],
      'CloudFront refers to IAM certificates by ID (ViewerCertificate.IAMCertificateId), not ARN.',
    );
  }
  if (key.startsWith('classic ')) {
    return loopStep(
      `Switch ${plural(usages.length, 'Classic ELB listener')} in ${region} to ${target.label} (each item is name:port):`,
      {
        variable: 'lb',
        items: usages.map((u) => shellQuote(`${u.loadBalancerName}:${u.port}`)),
        body: [
          `${command('aws', 'elb', 'set-load-balancer-listener-ssl-certificate', '--region', region)}` +
            ` --load-balancer-name "\${lb%:*}" --load-balancer-port "\${lb##*:}" ${command('--ssl-certificate-id', newArn)}`,
        ],
      },
    );
  }
  const listeners = `${usages.length} ${typesLabel(usages)} ${usages.length === 1 ? 'listener' : 'listeners'}`;
  const items = usages.map((u) => shellQuote(u.listenerArn ?? ''));
  const elbv2 = (action: string, certificateArn: string): string =>
    `${command('aws', 'elbv2', action, '--region', region)} --listener-arn "$l" ${command('--certificates', `CertificateArn=${certificateArn}`)}`;
  if (key.startsWith('elbv2-sni ')) {
    return loopStep(
      `Replace the SNI certificate on ${listeners} in ${region} (on each: add the new one, then remove the old one):`,
      {
        variable: 'l',
        items,
        body: [elbv2('add-listener-certificates', newArn), elbv2('remove-listener-certificates', oldArn)],
      },
    );
  }
  return loopStep(`Make it the default certificate of ${listeners} in ${region}:`, {
    variable: 'l',
    items,
    body: [elbv2('modify-listener', newArn)],
  });
}

const commandBytes = (steps: readonly RemediationStep[]): number =>
  steps.reduce((n, s) => n + s.title.length + s.commands.reduce((m, c) => m + c.length + 1, 0), 0);

/**
 * The switch steps for the compact rendering: one loop per region and action (SNI replace, default, Classic ELB;
 * CloudFront in one loop), regions in order of first appearance; a group stays one step per usage when that is shorter
 * (a single listener), and a listener whose ARN is unknown keeps its own step.
 */
function compactUsageSteps(
  usages: readonly CertificateUsage[],
  oldArn: string,
  target: SwitchTarget,
): RemediationStep[] {
  const groups = new Map<string, CertificateUsage[]>();
  const steps: RemediationStep[] = [];
  const order: (string | CertificateUsage)[] = [];
  for (const usage of usages) {
    const key = loopKey(usage, target);
    if (key === undefined) {
      order.push(usage);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(usage);
    else {
      groups.set(key, [usage]);
      order.push(key);
    }
  }
  // By region (first seen first), then SNI, default, Classic, lone listeners; CloudFront last.
  const regions = [...new Set(usages.map((u) => u.region))];
  const rank = (entry: string | CertificateUsage): number => {
    if (entry === 'cloudfront') return Number.MAX_SAFE_INTEGER;
    const region = typeof entry === 'string' ? entry.split(' ')[1] : entry.region;
    const action =
      typeof entry === 'string' ? ['elbv2-sni', 'elbv2-default', 'classic'].indexOf(entry.split(' ')[0]) : 3;
    return regions.indexOf(region) * 4 + action;
  };
  for (const entry of [...order].sort((a, b) => rank(a) - rank(b))) {
    if (typeof entry !== 'string') {
      steps.push(usageStep(entry, oldArn, target));
      continue;
    }
    const group = groups.get(entry) ?? [];
    const perUsage = group.map((u) => usageStep(u, oldArn, target));
    const loop = groupStep(entry, group, oldArn, target);
    if (commandBytes([loop]) < commandBytes(perUsage)) steps.push(loop);
    else steps.push(...perUsage);
  }
  return steps;
}
