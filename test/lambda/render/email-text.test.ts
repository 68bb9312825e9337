import { renderEmailText } from '../../../lambda/render/email-text';
import { fullView } from '../../../lambda/render/render-view';
import { realisticReport } from '../../fixtures/reports/realistic';
import { finding, report, usage } from './support';

/** Lines that may be long: commands, URLs, ARNs. */
const MAY_BE_LONG = /^\s*(aws |NEW_CERT_ID=|ETAG=|jq |Console: https|ARN: |\S*arn:)|arn:aws|https:\/\//;

describe('renderEmailText', () => {
  const text = renderEmailText(realisticReport);

  it('keeps prose lines within 78 characters', () => {
    const long = text.split('\n').filter((l) => l.length > 78 && !MAY_BE_LONG.test(l));
    expect(long).toEqual([]);
  });

  it('opens with the summary: counts, account, threshold, run time', () => {
    const head = text.split('\n').slice(0, 8).join(' ');
    expect(head).toContain('acme-prod (123456789012)');
    expect(head).toContain('1 expired, 3 critical (expiring within 7 days), 1 warning (expiring');
    expect(head).toContain('2026-03-14T06:00:00Z');
  });

  it('shows NOT CHECKED before the findings when coverage has gaps, and not otherwise', () => {
    expect(text.indexOf('NOT CHECKED - findings below may be incomplete')).toBeLessThan(text.indexOf('[1] EXPIRED'));
    expect(text).toContain('eu-north-1, ALB/NLB listeners (ELBv2): AccessDenied');
    const complete = renderEmailText({
      ...realisticReport,
      coverage: { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
    });
    expect(complete).not.toContain('NOT CHECKED');
    expect(complete).not.toContain('Some places were NOT checked');
  });

  it('lists certificates most urgent first with their details', () => {
    const order = [
      '[1] EXPIRED: www-example-com-2025',
      '[2] CRITICAL: old-partner-portal',
      '[6] UNKNOWN EXPIRY: intranet-legacy',
    ];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('Expires:  unknown (missing from the IAM listing)');
    expect(text).toContain('Owner:    web-team@acme.example');
    // The region eu-north-1 was denied, so the certificate found nowhere is not called unused.
    expect(text).toContain(
      '  Not found in the 2 regions checked and CloudFront; 1 enabled region not\n  checked: eu-north-1 (access denied).',
    );
    expect(text).not.toContain('safe to');
  });

  it('phrases days left at the boundaries', () => {
    const r = report([
      finding('today', 'expired', 0, []),
      finding('yesterday', 'expired', -1, []),
      finding('within-a-day', 'critical', 0, []),
      finding('one-day', 'critical', 1, []),
    ]);
    const t = renderEmailText(r);
    expect(t).toContain('today - expired today');
    expect(t).toContain('yesterday - expired 1 day ago');
    expect(t).toContain('within-a-day - expires within 24 hours');
    expect(t).toContain('one-day - expires in 1 day');
  });

  it('shows a per-certificate threshold set by tag, and the warning tier off', () => {
    const r = report([finding('x', 'critical', 10, [], { thresholdDays: 14 })], {
      thresholds: { thresholdDays: 7, warningDays: 0 },
    });
    const t = renderEmailText(r);
    expect(t).toContain('Alerting 14 days ahead (set by a tag on this certificate)');
    expect(t).toContain('the warning tier is off');
  });

  it('describes each usage type and role', () => {
    expect(text).toContain('- Classic ELB legacy-web, us-east-1, HTTPS:443, default certificate');
    expect(text).toContain('- ALB shop-alb, us-east-1, HTTPS:443, SNI certificate');
    expect(text).toContain('- NLB api-nlb, eu-west-1, TLS:443, default certificate');
    expect(text).toContain('- CloudFront distribution E2QWRUHAPOMQZL, global, HTTPS:443');
    expect(text).toContain('Domains: cdn.example.com, static.example.com');
  });

  it('a part says which part it is and which certificates it holds; omitted usages are explicit', () => {
    const r = report([finding('a'), finding('b', 'critical', 4, [usage(), usage({ name: 'two' })])]);
    const [a, b] = fullView(r).findings;
    const t = renderEmailText({
      report: r,
      findings: [{ ...b, finding: { ...b.finding, usages: b.finding.usages.slice(0, 1) }, omittedUsages: 1 }],
      part: { number: 2, total: 2 },
      includeSnoozedAndProblems: false,
    });
    expect(a.position).toBe(1);
    expect(t.replace(/\s+/g, ' ')).toContain('This is part 2 of 2 of this alert (certificate 2 of 2 below)');
    expect(t).toContain('Served by (2):');
    expect(t).toContain('…and 1 more usages');
    expect(t).toContain('[2] CRITICAL: b');
    expect(t).not.toContain('[1] CRITICAL: a');
  });

  it('snoozed and configuration problems sections, and an empty report', () => {
    expect(text).toContain('SNOOZED - not alerted (1)');
    expect(text).toContain('staging-example-com: expires in 3 days (2026-03-18T00:00:00Z); snoozed');
    expect(text).toContain('CONFIGURATION PROBLEMS');
    const ignored = renderEmailText(report([], { snoozed: [{ certificate: finding('z').certificate }] }));
    expect(ignored).toContain('NO IAM SERVER CERTIFICATES NEED ATTENTION');
    expect(ignored).toContain('z: expiry unknown; ignored for good (ignore=true)');
  });

  it('footer names the rule, the tags and ACM', () => {
    expect(text).toContain('D9.AWS.CRY.08');
    expect(text).toContain('cert-expiry-monitor:ignore=<YYYY-MM-DD>');
    expect(text).toContain('AWS Certificate Manager (ACM)');
  });

  it('leaves the footer and run id out on request (an account section of the organization digest)', () => {
    const withRun = { ...realisticReport, runId: 'run-42' };
    const full = renderEmailText(withRun);
    const bare = renderEmailText(withRun, { footer: false });
    expect(bare).not.toContain('About this alert');
    expect(bare).not.toContain('run-42');
    expect(bare).not.toMatch(/^-- $/m);
    // Everything above the signature line is as in the full alert.
    expect(full.startsWith(bare.trimEnd())).toBe(true);
    expect(full.slice(bare.trimEnd().length)).toMatch(/^\n+-- \nAbout this alert\n/);
  });
});
