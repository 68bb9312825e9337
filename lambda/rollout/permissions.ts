/**
 * The IAM actions `rollout --apply` uses beyond the read-only ones `check` needs: per kind of place, the read that
 * checks it before and after the change, and the writes. `rollout` prints them, and docs/rollout.md gives them as a
 * least-privilege policy. Pure.
 */
import type { PlaceStepKind } from './plan';

export type IamAction =
  | 'elasticloadbalancing:DescribeLoadBalancers'
  | 'elasticloadbalancing:SetLoadBalancerListenerSSLCertificate'
  | 'elasticloadbalancing:DescribeListenerCertificates'
  | 'elasticloadbalancing:ModifyListener'
  | 'elasticloadbalancing:AddListenerCertificates'
  | 'elasticloadbalancing:RemoveListenerCertificates'
  | 'cloudfront:GetDistributionConfig'
  | 'cloudfront:UpdateDistribution'
  | 'cloudfront:GetDistribution'
  | 'iam:DeleteServerCertificate';

/** The read, then the writes in the order they are made. */
const ACTIONS: Record<PlaceStepKind, readonly [IamAction, readonly IamAction[]]> = {
  'classic-listener': [
    'elasticloadbalancing:DescribeLoadBalancers',
    ['elasticloadbalancing:SetLoadBalancerListenerSSLCertificate'],
  ],
  'elbv2-default': ['elasticloadbalancing:DescribeListenerCertificates', ['elasticloadbalancing:ModifyListener']],
  'elbv2-sni': [
    'elasticloadbalancing:DescribeListenerCertificates',
    ['elasticloadbalancing:AddListenerCertificates', 'elasticloadbalancing:RemoveListenerCertificates'],
  ],
  cloudfront: ['cloudfront:GetDistributionConfig', ['cloudfront:UpdateDistribution']],
};

export const DELETE_ACTION: IamAction = 'iam:DeleteServerCertificate';

export function actionsOf(kind: PlaceStepKind): readonly [IamAction, readonly IamAction[]] {
  return ACTIONS[kind];
}

/** Before the delete: whether CloudFront has deployed every distribution that serves the renewal. */
export const DEPLOYED_ACTION: IamAction = 'cloudfront:GetDistribution';

/** Every action a plan of these kinds uses when applied, sorted; with the delete and its check when asked for. */
export function actionsFor(kinds: Iterable<PlaceStepKind>, deleteOld: boolean): IamAction[] {
  const actions = new Set<IamAction>();
  for (const kind of kinds) {
    const [read, writes] = ACTIONS[kind];
    actions.add(read);
    for (const write of writes) actions.add(write);
  }
  if (deleteOld) actions.add(DELETE_ACTION);
  if (deleteOld) actions.add(DEPLOYED_ACTION);
  return [...actions].sort();
}
