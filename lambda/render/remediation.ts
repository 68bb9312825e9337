/**
 * Ready-to-paste fix-it commands for one finding (AWS CLI v2), following compliance rule D9.AWS.CRY.08:
 * upload the renewed certificate to IAM, point every listener / distribution that serves the old one at it,
 * then delete the old one. Pure: every value comes from the finding and the report.
 */
import { acmRegionOf } from '../domain/acm-renewal';
import { chosenRenewal, servedAtSamePlace } from '../domain/renewal';
import { usageRegion } from '../domain/usage-place';
import {
  RENEWS_TAG,
  type AcmCertificateRef,
  type CertificateUsage,
  type ChosenRenewal,
  type Finding,
} from '../domain/types';
import { USAGE_SOURCES } from '../sources/registry';
import { command, structure } from '../sources/shell-command';
import type { LoopStep, RemediationStep, SwitchTarget, UsageSource } from '../sources/usage-source';
import { loopLines, loopOneLine, wrapShellCommand } from './shell-loop';
import { accountGuardStep, type AccountGuard } from './account-guard';

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
  /**
   * The usage search was not complete (an enabled region or CloudFront not read): "not used" is unproven, so no
   * delete command is given and the last step names the places not checked.
   */
  readonly coverageIncomplete: boolean;
  /**
   * The places not checked, as coverage-text's `notCheckedPlaces` words them.
   * @default "some regions or services (see NOT CHECKED above)"
   */
  readonly notChecked?: string;
  /** Usages left out of this message for size: the old certificate must not be deleted blindly. */
  readonly omittedUsages?: number;
  /**
   * Compact rendering (a certificate with too many usages for the SNS size limit): usages that take the same
   * command are switched by one bash `for` loop per region and action instead of one step each.
   * @default false
   */
  readonly compact?: boolean;
  /**
   * The account the commands are for, in an organization run: the first step is a guard that stops in another.
   * @default no guard (single-account mode: the alert comes from the account it is about)
   */
  readonly accountGuard?: AccountGuard;
}

/** The compliance rule these alerts and fixes follow: renew at least one week before expiry. */
export const RULE_ID = 'D9.AWS.CRY.08';

/** One line of advice that removes the problem for good. */
export const ACM_HINT =
  'For good: use AWS Certificate Manager (ACM) instead of IAM; ACM renews the certificates it issues ' +
  'automatically, and ALB, NLB, Classic ELB and CloudFront (certificate in us-east-1) all accept them.';

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

/** The sources serving the finding that need another IAM path than `path` (CloudFront: `/cloudfront/`). */
function pathMismatches(finding: Finding, path: string): UsageSource[] {
  const sources = new Set(finding.usages.map((u) => USAGE_SOURCES.of(u)));
  return [...sources].filter((s) => s.requiredPath !== undefined && !path.startsWith(s.requiredPath));
}

/** Path for the upload: the one a serving source requires (CloudFront only accepts `/cloudfront/`), else the old one. */
export function renewedCertificatePath(finding: Finding): string {
  const path = finding.certificate.path || '/';
  return pathMismatches(finding, path)[0]?.requiredPath ?? path;
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

/** Console page for one usage (its source's: e.g. the EC2 load balancer list filtered to its name). */
export function consoleUrl(usage: CertificateUsage, partition = 'aws'): string {
  return USAGE_SOURCES.of(usage).console.page(usage, partition);
}

/** "ALB shop-alb (us-east-1) HTTPS:443", "CloudFront distribution E123" */
export function describeUsage(usage: CertificateUsage): string {
  return USAGE_SOURCES.of(usage).names.place(usage);
}

/**
 * The numbered fix for one finding. With no renewal in IAM: upload one, switch each usage, delete the old
 * certificate (unused: just delete it). With a renewal uploaded: no upload, switch only the places still on the
 * old one to the renewal's real name, ARN and id, then delete. Fully rolled out: only the delete. Unknown
 * expiry: look the date up first.
 */
export function remediationFor(finding: Finding, context: RemediationContext): Remediation {
  const cert = finding.certificate;
  const renewal = chosenRenewal(finding.renewal);
  const newName = renewal?.certificate.name ?? renewedCertificateName(cert.name, context.generatedAt);
  const newPath = renewal?.certificate.path ?? renewedCertificatePath(finding);
  const newArn = renewal?.certificate.arn ?? renewedCertificateArn(cert.arn, newPath, newName);
  const target: SwitchTarget = renewal
    ? renewalTarget(renewal)
    : { name: newName, arn: newArn, label: 'the renewed certificate' };
  const steps: RemediationStep[] = context.accountGuard ? [accountGuardStep(context.accountGuard)] : [];
  const done = (): Remediation => ({
    newCertificateName: newName,
    newCertificatePath: newPath,
    newCertificateArn: newArn,
    // A guard before steps that run nothing (checks by hand) guards nothing.
    steps: context.accountGuard && !steps.slice(1).some((s) => s.commands.length > 0) ? steps.slice(1) : steps,
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
  const notChecked = context.notChecked ?? 'some regions or services (see NOT CHECKED above)';

  if (finding.usages.length === 0) {
    steps.push(
      context.coverageIncomplete
        ? {
            title:
              `Nothing found serving it where this run looked, but not everywhere was checked: ${notChecked}. ` +
              'Check there (or fix the access and let a complete run confirm it is unused) before deleting it.',
            commands: [],
          }
        : {
            title: renewal
              ? `Replaced by ${newName}; nothing serves the old one: delete it:`
              : 'Nothing serves it: delete it (nothing to renew):',
            commands: [deleteOld],
          },
    );
    return done();
  }

  // Where each place switches to: ACM in its region when a renewal qualifies there (an ACM certificate is
  // preferred where one qualifies), else the
  // IAM renewal, else an upload; nothing where the choice is open or ACM could not be read.
  const plans = finding.usages.map((usage) => ({ usage, plan: placePlan(finding, usage, target) }));
  const uploadTo = plans.filter((p) => p.plan.kind === 'switch' && p.plan.target === target && !renewal);
  if (uploadTo.length > 0) {
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
  } else if (renewal && plans.some((p) => p.plan.kind === 'switch' && p.plan.target === target)) {
    for (const { name, requiredPath } of pathMismatches(finding, newPath)) {
      steps.push({
        title: `${name} accepts only IAM certificates under the path ${requiredPath}, and ${newName} is under ${newPath}: upload it again with --path ${requiredPath} and use that one for ${name}.`,
        commands: [],
      });
    }
  }

  const byTarget = new Map<SwitchTarget, CertificateUsage[]>();
  const open = new Map<string, RemediationStep>();
  for (const { usage, plan } of plans) {
    if (plan.kind === 'switch') byTarget.set(plan.target, [...(byTarget.get(plan.target) ?? []), usage]);
    else if (!open.has(plan.step.title)) open.set(plan.step.title, plan.step);
  }
  for (const [switchTarget, usages] of byTarget) {
    if (context.compact) steps.push(...compactUsageSteps(usages, cert.arn, switchTarget));
    else for (const usage of usages) steps.push(usageStep(usage, cert.arn, switchTarget));
  }
  steps.push(...open.values());
  if (open.size > 0) return done();
  // A qualifying renewal is all `rollout` needs; in an organization run the guard above has no equivalent there.
  const pathProblem = renewal !== undefined && pathMismatches(finding, newPath).length > 0;
  if (uploadTo.length === 0 && byTarget.size > 0 && !pathProblem && !context.accountGuard) {
    steps.push({
      title:
        'Or, instead of the switch steps above: rollout does them one place at a time and reads each back. ' +
        'It prints its plan; add --apply to carry it out (run it again to resume):',
      commands: [rolloutCommand(cert.name)],
    });
  }

  const omitted = context.omittedUsages ?? 0;
  if (context.coverageIncomplete) {
    steps.push({
      title:
        `When ${target.label} is serving traffic at every place above, the old one may still be served where this ` +
        `run could not look: ${notChecked}. Check there before deleting it (no delete command until a complete run).`,
      commands: [],
    });
    return done();
  }
  steps.push({
    title: `When ${byTarget.size > 1 ? 'the renewals are' : `${[...byTarget.keys()][0]?.label ?? target.label} is`} serving traffic everywhere, delete the old one:`,
    commands: [deleteOld],
    ...(omitted > 0
      ? { note: `${omitted} more usages are not listed in this message: switch them too before deleting.` }
      : {}),
  });
  return done();
}

/** The renewal taken, as the certificate the fix switches to (by its real name, ARN and id). */
export function renewalTarget(renewal: ChosenRenewal): SwitchTarget {
  const { name, arn, id } = renewal.certificate;
  return { name, arn, id, label: name, alreadyAt: (u) => servedAtSamePlace(u, renewal) };
}

/** `npx iam-cert-expiry-monitor rollout NAME`: the CLI's plan (and with --apply, the switch) for one certificate. */
export function rolloutCommand(certificateName: string): string {
  // IAM names may start with `-`: after `--` the CLI reads it as the certificate, not as an option.
  const name = certificateName.startsWith('-') ? ['--', certificateName] : [certificateName];
  return [command('npx', 'iam-cert-expiry-monitor', 'rollout'), ...name.map((w) => command(w))].join(' ');
}

/** What to do at one place: switch it to a target, or a step that says why not (once per reason). */
export type PlacePlan =
  | { readonly kind: 'switch'; readonly target: SwitchTarget }
  | { readonly kind: 'open'; readonly step: RemediationStep };

/** ACM targets, one per certificate, so that places switching to the same one share their steps. */
const acmTargets = new WeakMap<AcmCertificateRef, SwitchTarget>();

function acmTarget(certificate: AcmCertificateRef): SwitchTarget {
  let target = acmTargets.get(certificate);
  if (!target) {
    target = {
      name: certificate.arn,
      arn: certificate.arn,
      label: `the ACM certificate for ${certificate.domainName} (${certificate.region})`,
      store: 'acm',
    };
    acmTargets.set(certificate, target);
  }
  return target;
}

/**
 * Where one place switches to: ACM in its region when a renewal qualifies there, else the IAM target (the renewal
 * taken, or the one to upload); or, where the choice is open or ACM could not be read, the step that says so.
 */
export function placePlan(finding: Finding, usage: CertificateUsage, iamTarget: SwitchTarget): PlacePlan {
  const region = acmRegionOf(usage);
  const acm = finding.renewal?.acm?.find((r) => r.region === region);
  if (acm?.state === 'found') return { kind: 'switch', target: acmTarget(acm.certificate) };
  if (chosenRenewal(finding.renewal)) return { kind: 'switch', target: iamTarget };
  if (finding.renewal?.state === 'ambiguous')
    return { kind: 'open', step: ambiguousStep(finding, finding.renewal.alsoQualifying) };
  if (acm?.state === 'unknown') {
    return {
      kind: 'open',
      step: {
        title: `Renewal unknown in ${region}: ACM could not be read there (${acm.problem}); look in ACM before uploading anything for the places in ${region}.`,
        commands: [
          command(
            'aws',
            'acm',
            'list-certificates',
            '--region',
            region,
            '--certificate-statuses',
            'ISSUED',
            '--includes',
            `keyTypes=${ACM_KEY_TYPES}`,
          ),
        ],
      },
    };
  }
  if (acm?.state === 'ambiguous') {
    return {
      kind: 'open',
      step: {
        title:
          `Several ACM certificates qualify in ${region} (${acm.alsoQualifying.join(', ')}): tag the ONE to use, ` +
          'replacing <CHOSEN_ARN>; the next run gives the switch commands:',
        commands: [
          `${command('aws', 'acm', 'add-tags-to-certificate', '--region', region, '--certificate-arn')} <CHOSEN_ARN> ` +
            command('--tags', structure({ Key: RENEWS_TAG, Value: finding.certificate.name })),
        ],
      },
    };
  }
  return { kind: 'switch', target: iamTarget };
}

/** Every key type, for `aws acm list-certificates --includes` (only RSA_1024 and RSA_2048 otherwise). */
const ACM_KEY_TYPES = 'RSA_1024,RSA_2048,RSA_3072,RSA_4096,EC_prime256v1,EC_secp384r1,EC_secp521r1';

/**
 * Several renewals qualify and nothing decides: no switch and no delete, only how to choose. The command keeps a
 * placeholder so that pasting it tags nothing by accident.
 */
function ambiguousStep(finding: Finding, names: readonly string[]): RemediationStep {
  return {
    title:
      `Several renewals qualify (${names.join(', ')}): tag the ONE to use, replacing <CHOSEN_NAME>; ` +
      'the next run gives the switch commands:',
    commands: [
      `${command('aws', 'iam', 'tag-server-certificate', '--server-certificate-name')} <CHOSEN_NAME> ` +
        command('--tags', structure({ Key: RENEWS_TAG, Value: finding.certificate.name })),
    ],
  };
}

/** Width of a command line in the email (78 columns less the 7-space step indent). */
const DISPLAY_WIDTH = 71;

function usageStep(usage: CertificateUsage, oldArn: string, target: SwitchTarget): RemediationStep {
  return USAGE_SOURCES.of(usage).switch.step(usage, oldArn, target);
}

/** A source's loop as a step: one line for the JSON report, lines of at most ~71 columns for the email. */
function loopStep({ title, before = [], loop, note }: LoopStep): RemediationStep {
  return {
    title,
    commands: [...before, loopOneLine(loop)],
    display: [...before.flatMap((c) => wrapShellCommand(c, DISPLAY_WIDTH)), ...loopLines(loop, DISPLAY_WIDTH)],
    ...(note ? { note } : {}),
  };
}

const commandBytes = (steps: readonly RemediationStep[]): number =>
  steps.reduce((n, s) => n + s.title.length + s.commands.reduce((m, c) => m + c.length + 1, 0), 0);

/** Usages that one loop switches, placed as their source's `SwitchGroup` says. */
interface Group {
  readonly region?: string;
  readonly order: number;
  readonly usages: CertificateUsage[];
}

/** A usage in no group: a step of its own, after its region's loops. */
interface Lone {
  readonly region: string;
  readonly order: number;
  readonly usage: CertificateUsage;
}

const LONE_ORDER = 3;

/**
 * The switch steps for the compact rendering: one loop per group a source puts usages in (region and action),
 * ordered by region (first seen first), then by the source's order, global groups last; a group stays one step
 * per usage when that is shorter (a single listener), and a usage in no group keeps its own step.
 */
function compactUsageSteps(
  usages: readonly CertificateUsage[],
  oldArn: string,
  target: SwitchTarget,
): RemediationStep[] {
  const groups = new Map<string, Group>();
  const entries: (Group | Lone)[] = [];
  for (const usage of usages) {
    const group = USAGE_SOURCES.of(usage).switch.group(usage, target);
    const known = group && groups.get(group.key);
    if (group === undefined) entries.push({ region: usageRegion(usage), order: LONE_ORDER, usage });
    else if (known) known.usages.push(usage);
    else {
      const region = group.region === undefined ? {} : { region: group.region };
      const created = { ...region, order: group.order, usages: [usage] };
      groups.set(group.key, created);
      entries.push(created);
    }
  }
  const regions = [...new Set(usages.map(usageRegion))];
  const place = (region?: string): number => (region === undefined ? regions.length : regions.indexOf(region));
  entries.sort((a, b) => place(a.region) - place(b.region) || a.order - b.order);

  const steps: RemediationStep[] = [];
  for (const entry of entries) {
    if ('usage' in entry) {
      steps.push(usageStep(entry.usage, oldArn, target));
      continue;
    }
    const perUsage = entry.usages.map((u) => usageStep(u, oldArn, target));
    const loop = loopStep(USAGE_SOURCES.of(entry.usages[0]).switch.groupStep(entry.usages, oldArn, target));
    if (commandBytes([loop]) < commandBytes(perUsage)) steps.push(loop);
    else steps.push(...perUsage);
  }
  return steps;
}
