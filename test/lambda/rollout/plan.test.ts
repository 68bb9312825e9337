import type { AcmRegionRenewal, ChosenRenewal, Finding, Report } from '../../../lambda/domain/types';
import { remediationFor } from '../../../lambda/render/remediation';
import { planRollout, type RolloutPlan, type RolloutRefusal } from '../../../lambda/rollout/plan';
import {
  ambiguousRenewal,
  noRenewal,
  partlyRolledOut,
  reportOf,
  RENEWAL_NOW,
  rolledOut,
  uploadedRenewal,
} from '../../fixtures/reports/renewal-states';
import { classicUsage, distributionUsage, usage } from '../render/support';

function plan(finding: Finding, report: Report = reportOf([finding]), options = {}): RolloutPlan {
  const result = planRollout(finding, report, options);
  if (result.kind !== 'plan') throw new Error(`refused: ${result.reasons.join(' | ')}`);
  return result;
}

function refusal(finding: Finding, report: Report = reportOf([finding]), options = {}): RolloutRefusal {
  const result = planRollout(finding, report, options);
  if (result.kind !== 'refused') throw new Error('planned');
  return result;
}

const incomplete: Report['coverage'] = {
  regionsScanned: ['us-east-1'],
  gaps: [],
  regionsNotChecked: [{ region: 'ap-south-1', reason: 'excluded', detail: 'not in the configured regions' }],
  complete: false,
};

/** uploadedRenewal's renewal, serving the given places already. */
function withRenewalAt(finding: Finding, ...alreadyServing: Finding['usages']): Finding {
  return {
    ...finding,
    renewal: { ...(finding.renewal as ChosenRenewal), alreadyServing },
  };
}

describe('planRollout', () => {
  it('switches every place to the renewal the rules chose, with the very commands the alert prints', () => {
    const p = plan(uploadedRenewal);
    expect(p.renewal).toEqual({
      name: 'payments-2027',
      arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/payments-2027',
      chosenBy: 'tag',
    });
    expect(p.steps.map((s) => [s.kind, s.place])).toEqual([
      ['elbv2-default', 'ALB payments-alb (eu-west-1) HTTPS:443'],
      ['cloudfront', 'CloudFront distribution E2QWRUHAPOMQZL'],
    ]);
    expect(p.steps[1]!.to).toMatchObject({ store: 'iam', id: 'ASCAPAYMENTS2027EXA2' });
    const alertCommands = remediationFor(uploadedRenewal, {
      generatedAt: RENEWAL_NOW,
      coverageIncomplete: false,
    }).steps.flatMap((s) => s.commands);
    for (const step of p.steps) for (const c of step.commands) expect(alertCommands).toContain(c);
    expect(p.deleteOld).toEqual({ kind: 'not-asked' });
  });

  it('orders by region, then SNI swaps, defaults and Classic ELB listeners, with CloudFront last', () => {
    const usages = [
      distributionUsage(),
      classicUsage({ region: 'us-east-1' }),
      usage({ region: 'us-east-1', role: 'default', name: 'a' }),
      usage({ region: 'us-east-1', role: 'sni', name: 'b' }),
      usage({ region: 'eu-west-1', role: 'default', name: 'c' }),
    ];
    const finding = { ...uploadedRenewal, usages, renewal: { ...uploadedRenewal.renewal!, remaining: usages } };
    expect(plan(finding).steps.map((s) => `${s.kind} ${s.place}`)).toEqual([
      'elbv2-default ALB c (eu-west-1) HTTPS:443',
      'elbv2-sni ALB b (us-east-1) HTTPS:443',
      'elbv2-default ALB a (us-east-1) HTTPS:443',
      'classic-listener Classic ELB legacy-web (us-east-1) HTTPS:443',
      'cloudfront CloudFront distribution E1ABCDEF234567',
    ]);
  });

  it('an SNI listener that has the renewal already only loses the old one', () => {
    const sni = usage({ region: 'eu-west-1', role: 'sni' });
    const finding = withRenewalAt({ ...uploadedRenewal, usages: [sni] }, sni);
    const [step] = plan(finding).steps;
    expect(step).toMatchObject({ kind: 'elbv2-sni', addNew: false });
    expect(step!.commands).toHaveLength(1);
    expect(step!.commands[0]).toMatch(/^aws elbv2 remove-listener-certificates /);
  });

  it('lists the places that serve the renewal and not the old one as done', () => {
    expect(plan(partlyRolledOut).done.map((d) => d.place)).toEqual([
      'ALB api-us (us-east-1) HTTPS:443',
      'ALB api-us (us-east-1) HTTPS:8443',
    ]);
    expect(plan(partlyRolledOut).steps.map((s) => s.place)).toEqual(['ALB api-eu (eu-west-1) HTTPS:443']);
  });

  it('refuses without a renewal in IAM, naming what did not qualify', () => {
    const r = refusal({
      ...noRenewal,
      renewal: { ...noRenewal.renewal!, rejected: [{ name: 'shop-next', reason: 'expired 2026-01-01' }] },
    });
    expect(r.reasons).toEqual([
      "No renewal of shop-example-com-2025 qualifies in IAM: upload one first (the alert's fix says how). Not qualifying: shop-next (expired 2026-01-01).",
    ]);
  });

  it("refuses an ambiguous renewal with the alert's way to choose", () => {
    expect(refusal(ambiguousRenewal).reasons[0]).toMatch(
      /^Several renewals qualify \(api-2027, wildcard-example-com-2027\): tag the ONE to use/,
    );
  });

  it('refuses when the body could not be read, so no renewal was looked for', () => {
    const { renewal: _renewal, ...unread } = noRenewal;
    expect(refusal({ ...unread, certificateProblems: ['GetServerCertificate: AccessDenied'] }).reasons).toEqual([
      'No renewal could be looked for: GetServerCertificate: AccessDenied.',
    ]);
  });

  it('--to: the chosen one plans; a rejected one is refused with its reason; another is not a renewal', () => {
    expect(plan(uploadedRenewal, undefined, { to: 'payments-2027' }).renewal?.chosenBy).toBe('to');
    expect(refusal(uploadedRenewal, undefined, { to: 'payments-2029' }).reasons).toEqual([
      'payments-2029 does not qualify as the renewal of payments-2026: not valid until 2026-12-05.',
    ]);
    expect(refusal(uploadedRenewal, undefined, { to: 'unrelated' }).reasons[0]).toMatch(
      /^unrelated is not a possible renewal of payments-2026/,
    );
  });

  it('refuses a CloudFront switch to an IAM certificate outside /cloudfront/', () => {
    const renewal = uploadedRenewal.renewal as ChosenRenewal;
    const finding: Finding = {
      ...uploadedRenewal,
      renewal: {
        ...renewal,
        certificate: {
          ...renewal.certificate,
          path: '/',
          arn: 'arn:aws:iam::123456789012:server-certificate/payments-2027',
        },
      },
    };
    expect(refusal(finding).reasons).toEqual([
      'CloudFront distribution E2QWRUHAPOMQZL: CloudFront accepts only IAM certificates under /cloudfront/, and payments-2027 is under /.',
    ]);
  });

  it('switches to ACM where one qualifies in the region, with no IAM renewal needed', () => {
    const acm: AcmRegionRenewal = {
      region: 'us-east-1',
      state: 'found',
      alsoQualifying: [],
      certificate: {
        arn: 'arn:aws:acm:us-east-1:123456789012:certificate/1111',
        region: 'us-east-1',
        domainName: 'shop.example.com',
        hostnames: ['shop.example.com', 'www.shop.example.com'],
        notAfter: new Date('2027-04-01T00:00:00Z'),
      },
    };
    const p = plan({ ...noRenewal, renewal: { ...noRenewal.renewal!, acm: [acm] } });
    expect(p.renewal).toBeUndefined();
    expect(p.steps[0]!.to).toEqual({
      store: 'acm',
      arn: 'arn:aws:acm:us-east-1:123456789012:certificate/1111',
      region: 'us-east-1',
      label: 'the ACM certificate for shop.example.com (us-east-1)',
    });
  });

  it('refuses a listener whose ARN is unknown', () => {
    const lost = usage({ listenerArn: undefined, region: 'eu-west-1' });
    expect(refusal({ ...uploadedRenewal, usages: [lost] }).reasons).toEqual([
      'ALB web-alb (eu-west-1) HTTPS:443: its listener ARN is unknown.',
    ]);
  });

  it('--delete-old: planned after a complete read; refused at once when a place was not read', () => {
    expect(plan(rolledOut, undefined, { deleteOld: true })).toMatchObject({
      steps: [],
      deleteOld: {
        kind: 'planned',
        command: 'aws iam delete-server-certificate --server-certificate-name static-2026',
      },
    });
    const partial = plan(
      uploadedRenewal,
      { ...reportOf([uploadedRenewal]), coverage: incomplete },
      { deleteOld: true },
    );
    expect(partial.coverage).toEqual({
      complete: false,
      notChecked: '1 enabled region not checked: ap-south-1 (excluded by configuration)',
    });
    expect(partial.deleteOld).toEqual({
      kind: 'refused',
      reason:
        'not every place could be read (1 enabled region not checked: ap-south-1 (excluded by configuration)): a place not read may still serve payments-2026',
    });
  });
});
