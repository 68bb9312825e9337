/**
 * The rollout plan of one certificate: from the same facts and renewal rules as the alert, the ordered list of
 * places to switch from the old certificate to its renewal, each with the command the alert prints for it; or a
 * refusal that says why no plan can be made. Pure: the facts come in as a report.
 */
import { acmRegionOf } from '../domain/acm-renewal';
import { chosenRenewal } from '../domain/renewal';
import type {
  ClassicListenerUsage,
  CertificateUsage,
  DistributionUsage,
  Elbv2ListenerUsage,
  Finding,
  Report,
  ServerCertificate,
} from '../domain/types';
import { placeKey, unreachable, usageRegion } from '../domain/usage-place';
import { notCheckedPlaces } from '../render/coverage-text';
import { describeUsage, placePlan, renewalTarget } from '../render/remediation';
import { USAGE_SOURCES } from '../sources/registry';
import { command } from '../sources/shell-command';
import type { SwitchTarget } from '../sources/usage-source';

/** The distributions of the plan, switched by it or before: CloudFront must have deployed them before a delete. */
export function planDistributions(plan: RolloutPlan): string[] {
  const usages = [...plan.steps.map((s) => s.usage), ...plan.done.map((d) => d.usage)];
  return [...new Set(usages.flatMap((u) => (u.kind === 'distribution' ? [u.id] : [])))];
}

/** The certificate a place switches to: the IAM renewal (by ARN, and by id for CloudFront), or ACM in a region. */
export type RolloutTarget =
  | { readonly store: 'iam'; readonly name: string; readonly arn: string; readonly id: string; readonly path: string }
  | { readonly store: 'acm'; readonly arn: string; readonly region: string; readonly label: string };

interface StepFacts {
  /** `ALB shop-alb (us-east-1) HTTPS:443`: how the alert names the place. */
  readonly place: string;
  readonly to: RolloutTarget;
  /** The commands the alert prints for this place: what the step stands for. */
  readonly commands: readonly string[];
}

/** One place to switch, by kind: what the apply engine reads and writes there. */
export type PlaceStep =
  | (StepFacts & { readonly kind: 'classic-listener'; readonly usage: ClassicListenerUsage })
  | (StepFacts & { readonly kind: 'elbv2-default'; readonly usage: Elbv2ListenerUsage; readonly listenerArn: string })
  | (StepFacts & {
      readonly kind: 'elbv2-sni';
      readonly usage: Elbv2ListenerUsage;
      readonly listenerArn: string;
      /** False when the renewal is on the listener already: only the old one is removed. */
      readonly addNew: boolean;
    })
  | (StepFacts & { readonly kind: 'cloudfront'; readonly usage: DistributionUsage });

export type PlaceStepKind = PlaceStep['kind'];

/** Whether the old certificate is deleted after the switch, and if not, why. */
export type DeleteOld =
  | { readonly kind: 'not-asked' }
  | { readonly kind: 'planned'; readonly command: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** What the read could and could not see: a place not read may still serve the old certificate. */
export interface PlanCoverage {
  readonly complete: boolean;
  /** `2 enabled regions not checked: …; CloudFront distributions not read`; empty when complete. */
  readonly notChecked: string;
}

export interface RolloutPlan {
  readonly kind: 'plan';
  readonly certificate: ServerCertificate;
  /** The IAM renewal most places switch to; absent when every place switches to ACM. */
  readonly renewal?: { readonly name: string; readonly arn: string; readonly chosenBy?: 'tag' | 'serving' | 'to' };
  /** In order: by region, then SNI swaps, default certificates, Classic ELB listeners; CloudFront last. */
  readonly steps: readonly PlaceStep[];
  /** Places that serve the renewal and not the old certificate any more: done, never touched. */
  readonly done: readonly { readonly place: string; readonly usage: CertificateUsage }[];
  readonly coverage: PlanCoverage;
  readonly deleteOld: DeleteOld;
}

/** No plan: the renewal is missing, ambiguous or does not qualify, or a place cannot be switched. */
export interface RolloutRefusal {
  readonly kind: 'refused';
  readonly certificate: ServerCertificate;
  readonly reasons: readonly string[];
  readonly coverage: PlanCoverage;
}

export interface PlanOptions {
  /** The renewal the operator named (`--to`, an IAM name or ARN). @default the one the alert's rules choose */
  readonly to?: string;
  /** `--delete-old`: delete the old certificate once a fresh full read shows nothing serves it. @default false */
  readonly deleteOld?: boolean;
}

/** Order within a region: SNI swaps first (both certificates are served meanwhile), then defaults, then Classic ELB. */
const KIND_ORDER: Record<PlaceStepKind, number> = {
  'elbv2-sni': 0,
  'elbv2-default': 1,
  'classic-listener': 2,
  cloudfront: 3,
};

export function planCoverage(report: Report): PlanCoverage {
  return { complete: report.coverage.complete, notChecked: report.coverage.complete ? '' : notCheckedPlaces(report) };
}

/**
 * The plan for the finding of one certificate, whose report the rollout read (with `--to`, the named renewal's
 * tag was taken to name the old certificate, so the rules chose it if it qualifies).
 */
export function planRollout(finding: Finding, report: Report, options: PlanOptions = {}): RolloutPlan | RolloutRefusal {
  const coverage = planCoverage(report);
  const refuse = (...reasons: string[]): RolloutRefusal => ({
    kind: 'refused',
    certificate: finding.certificate,
    reasons,
    coverage,
  });
  const renewal = finding.renewal;
  if (renewal === undefined) {
    const why = finding.certificateProblems?.join('; ') ?? 'its body could not be read';
    return refuse(`No renewal could be looked for: ${why}.`);
  }
  const chosen = chosenRenewal(renewal);
  if (options.to !== undefined && !(chosen && names(chosen.certificate, options.to))) {
    return refuse(namedRenewalRefusal(finding, options.to));
  }
  const iamTarget: SwitchTarget | undefined = chosen ? renewalTarget(chosen) : undefined;

  const reasons: string[] = [];
  const steps: PlaceStep[] = [];
  for (const usage of finding.usages) {
    // A renewal named with --to is the operator's choice for every place, ACM or not.
    const plan =
      iamTarget && options.to !== undefined
        ? { kind: 'switch' as const, target: iamTarget }
        : placePlan(finding, usage, iamTarget ?? UPLOAD);
    if (plan.kind === 'open') reasons.push(plan.step.title);
    else if (plan.target === UPLOAD) reasons.push(noRenewalReason(finding));
    else {
      const step = placeStep(usage, finding.certificate, plan.target, chosen?.certificate);
      if (typeof step === 'string') reasons.push(step);
      else steps.push(step);
    }
  }
  if (reasons.length > 0) return refuse(...new Set(reasons));

  const regions = [...new Set(steps.map((s) => usageRegion(s.usage)))].sort();
  const region = (s: PlaceStep): number =>
    s.kind === 'cloudfront' ? regions.length : regions.indexOf(usageRegion(s.usage));
  steps.sort((a, b) => region(a) - region(b) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);

  const oldPlaces = new Set(finding.usages.map(placeKey));
  const done = [...(chosen?.alreadyServing ?? []), ...(chosen?.servedElsewhere ?? [])]
    .filter((u) => !oldPlaces.has(placeKey(u)))
    .map((u) => ({ place: describeUsage(u), usage: u }));
  return {
    kind: 'plan',
    certificate: finding.certificate,
    ...(chosen
      ? {
          renewal: {
            name: chosen.certificate.name,
            arn: chosen.certificate.arn,
            ...(options.to !== undefined
              ? { chosenBy: 'to' as const }
              : chosen.chosenBy
                ? { chosenBy: chosen.chosenBy }
                : {}),
          },
        }
      : {}),
    steps,
    done,
    coverage,
    deleteOld: deleteOldFor(finding.certificate, coverage, options.deleteOld === true),
  };
}

/** Stands for "no renewal in IAM": remediation's upload target, which a rollout cannot switch to. */
const UPLOAD: SwitchTarget = { name: '', arn: '', label: 'the renewed certificate' };

/** `--to` names this certificate, by name or ARN. */
function names(certificate: ServerCertificate, to: string): boolean {
  return certificate.name === to || certificate.arn === to;
}

function namedRenewalRefusal(finding: Finding, to: string): string {
  const old = finding.certificate.name;
  const rejected = finding.renewal?.rejected?.find((r) => r.name === to || to.endsWith(`/${r.name}`));
  if (rejected) return `${to} does not qualify as the renewal of ${old}: ${rejected.reason}.`;
  if (to.startsWith('arn:aws') && to.includes(':acm:'))
    return `--to takes an IAM certificate; an ACM renewal is chosen region by region when one qualifies there.`;
  return (
    `${to} is not a possible renewal of ${old}: no IAM certificate of that name or ARN expires later than it ` +
    'and covers its names.'
  );
}

function noRenewalReason(finding: Finding): string {
  const renewal = finding.renewal;
  const rejected = renewal?.rejected?.map((r) => `${r.name} (${r.reason})`) ?? [];
  const unchecked = renewal?.unchecked ?? 0;
  return [
    `No renewal of ${finding.certificate.name} qualifies in IAM: upload one first (the alert's fix says how).`,
    ...(rejected.length > 0 ? [`Not qualifying: ${rejected.join('; ')}.`] : []),
    ...(unchecked > 0 ? [`${unchecked} possible renewals could not be read.`] : []),
  ].join(' ');
}

function rolloutTarget(target: SwitchTarget, usage: CertificateUsage, renewal?: ServerCertificate): RolloutTarget {
  if (target.store === 'acm') return { store: 'acm', arn: target.arn, region: acmRegionOf(usage), label: target.label };
  // Only the renewal taken is ever an IAM target here (an upload is refused before).
  const certificate = renewal!;
  return { store: 'iam', name: certificate.name, arn: certificate.arn, id: certificate.id, path: certificate.path };
}

/** The step for one place, or why it cannot be switched. */
function placeStep(
  usage: CertificateUsage,
  old: ServerCertificate,
  target: SwitchTarget,
  renewal: ServerCertificate | undefined,
): PlaceStep | string {
  const to = rolloutTarget(target, usage, renewal);
  const source = USAGE_SOURCES.of(usage);
  const facts = { place: describeUsage(usage), to, commands: source.switch.step(usage, old.arn, target).commands };
  switch (usage.kind) {
    case 'distribution':
      if (to.store === 'iam' && source.requiredPath && !to.path.startsWith(source.requiredPath)) {
        return `${facts.place}: CloudFront accepts only IAM certificates under ${source.requiredPath}, and ${to.name} is under ${to.path}.`;
      }
      return { ...facts, kind: 'cloudfront', usage };
    case 'listener':
      if (usage.type === 'classic') return { ...facts, kind: 'classic-listener', usage };
      if (usage.listenerArn === undefined) return `${facts.place}: its listener ARN is unknown.`;
      if (usage.role === 'default') return { ...facts, kind: 'elbv2-default', usage, listenerArn: usage.listenerArn };
      return { ...facts, kind: 'elbv2-sni', usage, listenerArn: usage.listenerArn, addNew: !target.alreadyAt?.(usage) };
    default:
      return unreachable(usage);
  }
}

/** The delete asked for: refused at once when the read was not complete (a place not read may serve it). */
function deleteOldFor(old: ServerCertificate, coverage: PlanCoverage, asked: boolean): DeleteOld {
  if (!asked) return { kind: 'not-asked' };
  if (!coverage.complete) {
    return {
      kind: 'refused',
      reason: `not every place could be read (${coverage.notChecked}): a place not read may still serve ${old.name}`,
    };
  }
  return {
    kind: 'planned',
    command: command('aws', 'iam', 'delete-server-certificate', '--server-certificate-name', old.name),
  };
}
