/**
 * One `rollout` run: read the facts, plan, and with `apply` carry the plan out; with `deleteOld`, delete the old
 * certificate only when every place is switched and a fresh read of every region and CloudFront finds nothing that
 * serves it.
 */
import type { AwsClients } from '../aws/clients';
import { deleteServerCertificate } from '../aws/iam';
import { describeUsage } from '../render/remediation';
import { applyPlan, failed, type ApplyOptions, type ApplyReport, type RolloutAdapters } from './apply';
import { DELETE_ACTION, type IamAction } from './permissions';
import { planCoverage, planDistributions, planRollout, type RolloutPlan, type RolloutRefusal } from './plan';
import { readCertificateFacts, type FactsRequest } from './read-facts';
import { chosenRenewal } from '../domain/renewal';

export interface RolloutRequest extends FactsRequest {
  readonly apply: boolean;
  readonly deleteOld: boolean;
}

/** What became of `--delete-old`. */
export type Deletion =
  | { readonly kind: 'deleted'; readonly name: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly missing?: IamAction };

export type RolloutResult =
  | { readonly kind: 'not-found'; readonly reason: string }
  | { readonly kind: 'refused'; readonly refusal: RolloutRefusal }
  | {
      readonly kind: 'planned';
      readonly plan: RolloutPlan;
      /** Absent without `apply`. */
      readonly applied?: ApplyReport;
      /** Absent unless `deleteOld` was asked for and the plan got that far. */
      readonly deletion?: Deletion;
    };

export interface RolloutDeps {
  readonly adapters: RolloutAdapters;
  readonly apply: ApplyOptions;
  /** @default IAM DeleteServerCertificate through the clients */
  readonly deleteCertificate?: (name: string) => Promise<void>;
  /** Told the plan before anything is applied. @default nothing */
  readonly onPlan?: (plan: RolloutPlan) => void;
}

export async function runRollout(
  clients: AwsClients,
  request: RolloutRequest,
  deps: RolloutDeps,
): Promise<RolloutResult> {
  const facts = await readCertificateFacts(clients, request);
  if (facts.kind === 'not-found') return facts;
  const plan = planRollout(facts.finding, facts.report, {
    ...(request.to !== undefined ? { to: request.to } : {}),
    deleteOld: request.deleteOld,
  });
  if (plan.kind === 'refused') return { kind: 'refused', refusal: plan };
  deps.onPlan?.(plan);
  if (!request.apply) return { kind: 'planned', plan };
  const old = { arn: plan.certificate.arn, id: plan.certificate.id };
  const applied = await applyPlan(plan.steps, old, deps.adapters, deps.apply);
  if (plan.deleteOld.kind === 'not-asked') return { kind: 'planned', plan, applied };
  if (plan.deleteOld.kind === 'refused') {
    return { kind: 'planned', plan, applied, deletion: { kind: 'refused', reason: plan.deleteOld.reason } };
  }
  if (failed(applied)) {
    const left = applied.left.length + applied.outcomes.filter((o) => o.result === 'failed').length;
    const reason = `${left} ${left === 1 ? 'place' : 'places'} of the plan may still serve ${plan.certificate.name}`;
    return { kind: 'planned', plan, applied, deletion: { kind: 'refused', reason } };
  }
  const deletion = await deleteIfUnused(clients, request, plan, deps);
  return { kind: 'planned', plan, applied, deletion };
}

/** The delete, after a fresh read proves nothing serves the old certificate. */
async function deleteIfUnused(
  clients: AwsClients,
  request: RolloutRequest,
  plan: RolloutPlan,
  deps: RolloutDeps,
): Promise<Deletion> {
  const name = plan.certificate.name;
  const fresh = await readCertificateFacts(clients, request);
  if (fresh.kind === 'not-found')
    return { kind: 'refused', reason: `the fresh read found no certificate: ${fresh.reason}` };
  if (!fresh.report.coverage.complete) {
    return {
      kind: 'refused',
      reason: `the fresh read could not read every place (${planCoverage(fresh.report).notChecked}): a place not read may still serve ${name}`,
    };
  }
  // Switched by this run or an earlier one: a distribution's edge locations serve the old one until it is deployed.
  const renewalId = chosenRenewal(fresh.finding.renewal)?.certificate.id;
  const servingRenewal = fresh.uses.flatMap((u) =>
    u.kind === 'distribution' && u.certificateRef === renewalId ? [u.id] : [],
  );
  let deploying: string[];
  try {
    deploying = await stillDeploying([...new Set([...planDistributions(plan), ...servingRenewal])], deps.adapters);
  } catch (error) {
    const e = error as Error;
    return { kind: 'refused', reason: `CloudFront's deployment status could not be read (${e.name}: ${e.message})` };
  }
  if (deploying.length > 0) {
    return {
      kind: 'refused',
      reason:
        `CloudFront is still deploying ${deploying.join(', ')} (status not Deployed): its edge locations may serve ` +
        `${name} until it is done; run again with --delete-old once \`aws cloudfront wait distribution-deployed --id ID\` returns`,
    };
  }
  const serving = fresh.finding.usages.map(describeUsage);
  if (serving.length > 0) return { kind: 'refused', reason: `${name} is still served by ${serving.join('; ')}` };
  try {
    await (deps.deleteCertificate ?? ((n: string) => deleteServerCertificate(clients.iam, n)))(name);
    return { kind: 'deleted', name };
  } catch (error) {
    const e = error as Error;
    if (e.name === 'AccessDenied') {
      return {
        kind: 'failed',
        reason: `access denied: your credentials lack ${DELETE_ACTION}`,
        missing: DELETE_ACTION,
      };
    }
    return { kind: 'failed', reason: `${e.name}: ${e.message}` };
  }
}

/** The distributions whose last change CloudFront has not deployed everywhere yet. */
async function stillDeploying(ids: readonly string[], adapters: RolloutAdapters): Promise<string[]> {
  const statuses = await Promise.all(ids.map(async (id) => [id, await adapters.distributionStatus(id)] as const));
  return statuses.flatMap(([id, status]) => (status === 'Deployed' ? [] : [id]));
}
