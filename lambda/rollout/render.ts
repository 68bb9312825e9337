/**
 * The plan, the apply report and a refusal, for a terminal (every account string through the email sanitiser) and
 * as JSON (raw values). Pure.
 */
import { emailText } from '../text/sanitise';
import type { StepOutcome } from './apply';
import { actionsFor } from './permissions';
import { type PlaceStep, type PlanCoverage, type RolloutPlan, type RolloutRefusal, type RolloutTarget } from './plan';
import type { Deletion, RolloutResult } from './run-rollout';

const t = emailText;

function planActions(plan: RolloutPlan): string[] {
  const kinds = plan.steps.map((s) => s.kind);
  return actionsFor(kinds, plan.deleteOld.kind === 'planned');
}

function targetLabel(target: RolloutTarget): string {
  return target.store === 'iam' ? target.name : target.label;
}

/** `ALB shop-alb (us-east-1) HTTPS:443, SNI: add shop-2026, then remove shop-2025`. */
export function stepLine(step: PlaceStep, oldName: string): string {
  const to = targetLabel(step.to);
  switch (step.kind) {
    case 'classic-listener':
    case 'cloudfront':
      return `${step.place}: ${oldName} -> ${to}`;
    case 'elbv2-default':
      return `${step.place}, default certificate: ${oldName} -> ${to}`;
    case 'elbv2-sni':
      return step.addNew
        ? `${step.place}, SNI: add ${to}, then remove ${oldName}`
        : `${step.place}, SNI: remove ${oldName} (${to} is on it already)`;
  }
}

function coverageLine(coverage: PlanCoverage, oldName: string): string {
  return coverage.complete
    ? 'Read: every enabled region asked for and CloudFront.'
    : `NOT CHECKED: ${coverage.notChecked}. A place there may still serve ${oldName}; it is not in this plan.`;
}

const CHOSEN_BY: Record<'tag' | 'serving' | 'to', string> = {
  tag: 'its renews tag names the old one',
  serving: 'it alone serves a place of the old one already',
  to: 'named with --to, and it qualifies',
};

export function planText(plan: RolloutPlan): string {
  const old = t(plan.certificate.name);
  const lines = [`Rollout of ${old} (${t(plan.certificate.arn)})`];
  if (plan.renewal) {
    const why = plan.renewal.chosenBy ? CHOSEN_BY[plan.renewal.chosenBy] : 'the one renewal that qualifies';
    lines.push(`Renewal: ${t(plan.renewal.name)} (${t(plan.renewal.arn)}): ${why}.`);
  }
  if (plan.done.length > 0) {
    lines.push('', 'Already serving the renewal (not touched):', ...plan.done.map((d) => `  ${t(d.place)}`));
  }
  lines.push('');
  if (plan.steps.length === 0) lines.push(`Nothing left to switch: no place read serves ${old}.`);
  else {
    lines.push('To switch, in this order (each is read before and after its change):');
    plan.steps.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${t(stepLine(step, plan.certificate.name))}`, ...step.commands.map((c) => `       ${c}`));
    });
  }
  lines.push('', coverageLine(plan.coverage, old), deleteOldLine(plan));
  const actions = planActions(plan);
  if (actions.length > 0) {
    lines.push('', 'IAM actions --apply uses (beyond the read-only ones of check):', ...actions.map((a) => `  ${a}`));
  }
  return lines.join('\n');
}

function deleteOldLine(plan: RolloutPlan): string {
  const old = t(plan.certificate.name);
  switch (plan.deleteOld.kind) {
    case 'not-asked':
      return `Delete ${old}: not asked (--delete-old).`;
    case 'refused':
      return `Delete ${old}: REFUSED: ${t(plan.deleteOld.reason)}.`;
    case 'planned':
      return (
        `Delete ${old}: after every place is switched, only if a fresh read of every region and CloudFront finds ` +
        `nothing that serves it:\n       ${plan.deleteOld.command}`
      );
  }
}

export function refusalText(refusal: RolloutRefusal): string {
  const old = t(refusal.certificate.name);
  return [
    `No rollout plan for ${old}:`,
    ...refusal.reasons.map((r) => `  - ${t(r)}`),
    ...(refusal.coverage.complete ? [] : [coverageLine(refusal.coverage, old)]),
    'Nothing was changed.',
  ].join('\n');
}

/** One line per outcome, printed as it happens. */
export function outcomeLine(outcome: StepOutcome): string {
  const place = t(outcome.step.place);
  switch (outcome.result) {
    case 'already':
      return `  done      ${place}: serves the renewal already, not touched`;
    case 'switched':
      return `  switched  ${place}: read back, serves ${t(targetLabel(outcome.step.to))}`;
    case 'failed':
      return `  FAILED    ${place}: ${t(outcome.reason)}`;
  }
}

function deletionLine(deletion: Deletion): string {
  switch (deletion.kind) {
    case 'deleted':
      return `Deleted ${t(deletion.name)}: a fresh read of every region and CloudFront found nothing that serves it.`;
    case 'refused':
      return `Delete REFUSED: ${t(deletion.reason)}.`;
    case 'failed':
      return `Delete FAILED: ${t(deletion.reason)}.`;
  }
}

/** The summary after the outcome lines: counts, what is left, and the delete. */
export function applySummary(result: Extract<RolloutResult, { kind: 'planned' }>): string {
  const applied = result.applied;
  if (!applied) return '';
  const count = (r: StepOutcome['result']) => applied.outcomes.filter((o) => o.result === r).length;
  const lines = [
    `Switched ${count('switched')}, already done ${count('already')}, failed ${count('failed')}, left ${applied.left.length}.`,
  ];
  if (applied.interrupted) lines.push('Interrupted: run the same command again to resume.');
  if (applied.left.length > 0) {
    lines.push('Left (not reached):', ...applied.left.map((s) => `  ${t(stepLine(s, result.plan.certificate.name))}`));
  }
  const failure = applied.outcomes.find((o) => o.result === 'failed');
  if (failure?.result === 'failed') lines.push('Fix the failure above and run the same command again to resume.');
  if (result.deletion) lines.push(deletionLine(result.deletion));
  return lines.join('\n');
}

function targetJson(target: RolloutTarget): Record<string, string> {
  return target.store === 'iam'
    ? { store: 'iam', name: target.name, arn: target.arn, id: target.id }
    : { store: 'acm', arn: target.arn, region: target.region };
}

function stepJson(step: PlaceStep): Record<string, unknown> {
  return {
    kind: step.kind,
    place: step.place,
    ...(step.kind === 'cloudfront' ? { distributionId: step.usage.id } : { region: step.usage.region }),
    ...(step.kind === 'elbv2-default' || step.kind === 'elbv2-sni' ? { listenerArn: step.listenerArn } : {}),
    ...(step.kind === 'classic-listener' ? { loadBalancerName: step.usage.name, port: step.usage.port } : {}),
    ...(step.kind === 'elbv2-sni' ? { addNew: step.addNew } : {}),
    to: targetJson(step.to),
    commands: step.commands,
  };
}

/** The whole run as JSON: the plan (or refusal), and what --apply and --delete-old did. */
export function resultJson(result: RolloutResult): string {
  if (result.kind === 'not-found') return JSON.stringify({ status: 'not-found', reason: result.reason }, null, 2);
  const coverage = (c: PlanCoverage) => ({ complete: c.complete, ...(c.complete ? {} : { notChecked: c.notChecked }) });
  if (result.kind === 'refused') {
    const { refusal } = result;
    return JSON.stringify(
      {
        status: 'refused',
        certificate: { name: refusal.certificate.name, arn: refusal.certificate.arn },
        reasons: refusal.reasons,
        coverage: coverage(refusal.coverage),
      },
      null,
      2,
    );
  }
  const { plan, applied, deletion } = result;
  return JSON.stringify(
    {
      status: applied ? 'applied' : 'plan',
      certificate: { name: plan.certificate.name, arn: plan.certificate.arn, id: plan.certificate.id },
      ...(plan.renewal ? { renewal: plan.renewal } : {}),
      done: plan.done.map((d) => d.place),
      steps: plan.steps.map(stepJson),
      coverage: coverage(plan.coverage),
      deleteOld: plan.deleteOld,
      iamActions: planActions(plan),
      ...(applied
        ? {
            apply: {
              outcomes: applied.outcomes.map((o) => ({
                place: o.step.place,
                result: o.result,
                ...(o.result === 'failed'
                  ? { reason: o.reason, ...(o.missing ? { missingAction: o.missing } : {}) }
                  : {}),
              })),
              left: applied.left.map((s) => s.place),
              interrupted: applied.interrupted,
            },
          }
        : {}),
      ...(deletion ? { deletion } : {}),
    },
    null,
    2,
  );
}
