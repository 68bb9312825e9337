/** How each renderer uses what the body says and where the renewal stands (beyond the golden files). */
import { chosenRenewal } from '../../../lambda/domain/renewal';
import type { CertificateUsage, ChosenRenewal, Elbv2ListenerUsage, Finding } from '../../../lambda/domain/types';
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { renderEmailText } from '../../../lambda/render/email-text';
import { remediationFor } from '../../../lambda/render/remediation';
import { renderTerminalTable } from '../../../lambda/render/terminal-table';
import { SNS_SUBJECT_MAX_LENGTH, renderSubject } from '../../../lambda/render/subject';
import {
  ambiguousRenewal,
  noRenewal,
  partlyRolledOut,
  reportOf,
  rolledOut,
  uploadedRenewal,
  RENEWAL_NOW,
} from '../../fixtures/reports/renewal-states';
import { expectValid, validateChatbot } from './support';

/** The renewal a fixture has taken. */
function taken(finding: Finding): ChosenRenewal {
  const renewal = chosenRenewal(finding.renewal);
  if (!renewal) throw new Error(`${finding.certificate.name}: no renewal taken`);
  return renewal;
}

const ctx = { generatedAt: RENEWAL_NOW, coverageIncomplete: false };
const elbv2 = (u: CertificateUsage | undefined): Elbv2ListenerUsage => {
  if (u?.kind === 'listener' && u.type !== 'classic') return u;
  throw new Error('the fixture is served by an ELBv2 listener');
};
const partlyRolledOutListener = elbv2(partlyRolledOut.usages[0]);
const commands = (f: Finding, compact = false) =>
  remediationFor(f, { ...ctx, compact }).steps.flatMap((s) => s.commands);

describe('subject', () => {
  it('says "renewal ready" when every finding has its renewal in IAM, and counts them when some do', () => {
    expect(renderSubject(reportOf([uploadedRenewal]))).toBe(
      '[CRITICAL] 1 IAM certificate needs renewal (renewal ready) - acme-prod (123456789012)',
    );
    expect(renderSubject(reportOf([uploadedRenewal, partlyRolledOut]))).toContain(
      '2 IAM certificates need renewal (renewals ready)',
    );
    expect(renderSubject(reportOf([noRenewal, uploadedRenewal, rolledOut]))).toContain(
      '3 IAM certificates need renewal (2 renewals ready)',
    );
    expect(renderSubject(reportOf([noRenewal]))).not.toContain('ready');
  });

  it('stays within 100 printable ASCII characters, the alias giving way first', () => {
    const report = {
      ...reportOf([noRenewal, uploadedRenewal, rolledOut]),
      accountAlias: 'ä-very-long-account-alias-'.repeat(6),
    };
    const subject = renderSubject(report);
    expect(subject.length).toBeLessThanOrEqual(SNS_SUBJECT_MAX_LENGTH);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
    expect(subject).toContain('(2 renewals ready)');
    expect(subject).toContain('(123456789012)');
  });
});

describe('remediation with a renewal in IAM', () => {
  it('uploaded: no upload; switches use the renewal ARN, and its ServerCertificateId for CloudFront', () => {
    const all = commands(uploadedRenewal);
    expect(all.some((c) => c.includes('upload-server-certificate'))).toBe(false);
    expect(all.some((c) => c.includes('get-server-certificate'))).toBe(false);
    expect(all).toContain('NEW_CERT_ID=ASCAPAYMENTS2027EXA2');
    expect(all.filter((c) => c.includes('modify-listener'))[0]).toMatch(
      /CertificateArn=arn:aws:iam::123456789012:server-certificate\/cloudfront\/payments-2027$/,
    );
    expect(remediationFor(uploadedRenewal, ctx)).toMatchObject({
      newCertificateName: 'payments-2027',
      newCertificatePath: '/cloudfront/',
      newCertificateArn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/payments-2027',
    });
  });

  it('says CloudFront needs the renewal under /cloudfront/ when it is not', () => {
    const uploaded = taken(uploadedRenewal);
    const renewal = { ...uploaded, certificate: { ...uploaded.certificate, path: '/' } };
    const steps = remediationFor({ ...uploadedRenewal, renewal }, ctx).steps;
    expect(steps[0].title).toMatch(/CloudFront accepts only IAM certificates under the path \/cloudfront\//);
  });

  it('partly rolled out: commands only for the remaining places, or the rollout one-liner for all of them', () => {
    expect(commands(partlyRolledOut)).toEqual([
      expect.stringMatching(/^aws elbv2 modify-listener --region eu-west-1 /),
      'npx iam-cert-expiry-monitor rollout api-2026',
      'aws iam delete-server-certificate --server-certificate-name api-2026',
    ]);
    expect(remediationFor(partlyRolledOut, ctx).steps[1]!.title).toMatch(
      /^Or, instead of the switch steps above: rollout does them one place at a time and reads each back\./,
    );
  });

  it('offers rollout only for a renewal that qualifies, outside an organization run', () => {
    const rollout = (finding: Finding, extra = {}) =>
      remediationFor(finding, { ...ctx, ...extra })
        .steps.flatMap((s) => s.commands)
        .filter((c) => c.includes(' rollout '));
    expect(rollout(uploadedRenewal)).toEqual(['npx iam-cert-expiry-monitor rollout payments-2026']);
    expect(rollout(noRenewal)).toEqual([]);
    expect(rollout(ambiguousRenewal)).toEqual([]);
    expect(rollout(rolledOut)).toEqual([]);
    expect(rollout(partlyRolledOut, { accountGuard: { accountId: '123456789012' } })).toEqual([]);
  });

  it('an SNI listener that already holds the renewal only loses the old certificate', () => {
    const sni = { ...partlyRolledOutListener, role: 'sni' as const };
    const finding: Finding = {
      ...partlyRolledOut,
      usages: [sni],
      renewal: { ...taken(partlyRolledOut), alreadyServing: [sni], remaining: [sni] },
    };
    const [swap] = commands(finding);
    expect(swap).toMatch(
      /^aws elbv2 remove-listener-certificates .*CertificateArn=arn:aws:iam::123456789012:server-certificate\/api-2026$/,
    );
    expect(commands(finding).some((c) => c.includes('add-listener-certificates'))).toBe(false);
    expect(commands(finding, true).some((c) => c.includes('add-listener-certificates'))).toBe(false);
  });

  it('fully rolled out: only the delete', () => {
    const steps = remediationFor(rolledOut, ctx).steps;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      title: 'Replaced by static-2027; nothing serves the old one: delete it:',
      commands: ['aws iam delete-server-certificate --server-certificate-name static-2026'],
    });
  });

  it('compact loops switch to the renewal as well', () => {
    const usages = Array.from({ length: 4 }, (_, i) => ({
      ...partlyRolledOutListener,
      port: 8000 + i,
      listenerArn: `${partlyRolledOutListener.listenerArn}${i}`,
    }));
    const finding: Finding = {
      ...partlyRolledOut,
      usages,
      renewal: { ...taken(partlyRolledOut), remaining: usages },
    };
    const loop = commands(finding, true).find((c) => c.startsWith('for '));
    expect(loop).toContain('CertificateArn=arn:aws:iam::123456789012:server-certificate/api-2027');
  });
});

describe('email and Slack lead with the hostnames', () => {
  it('email summary line and finding header', () => {
    const text = renderEmailText(reportOf([partlyRolledOut]));
    expect(text).toContain(
      '  [1] api.example.com: expires in 2 days (api-2026, CRITICAL, renewal partly\n      rolled out)',
    );
    expect(text).toContain('  Hosts:    api.example.com\n');
  });

  it('Slack lines start with the hostnames and stay schema-valid', () => {
    const notification = buildChatbotNotification(reportOf([uploadedRenewal]));
    expectValid(validateChatbot, notification);
    expect(notification.content.description).toContain(
      '• `payments.example.com`, `pay.example.com`: 4 days left — *CRITICAL* `payments-2026`',
    );
    expect(notification.content.nextSteps?.[0]).toMatch(
      /^Renewal ready: switch the places still on the expiring certificate to payments-2027/,
    );
  });
});

test('the laptop table starts with the hostnames and gives each row its places, then its renewal state', () => {
  const lines = renderTerminalTable(reportOf([partlyRolledOut, uploadedRenewal])).split('\n');
  expect(lines[3]).toMatch(/^HOSTNAMES\s+SEVERITY/);
  expect(lines[4]).toMatch(/^api\.example\.com\s+CRITICAL\s+2 days left\s+api-2026\s+\S+$/);
  expect(lines.slice(5, 7)).toEqual(['    ALB api-eu:443 (eu-west-1)', '    [renewal partly rolled out: api-2027]']);
  expect(lines.slice(7).find((l) => l.startsWith('    ['))).toBe('    [renewal ready, not switched to: payments-2027]');
});
