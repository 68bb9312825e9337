/**
 * The compact rendering: a certificate whose full listing does not fit one SNS message (a wildcard certificate on
 * 120 listeners) is listed one line per usage and fixed with one bash loop per region and action. The loops are
 * checked by bash itself: syntax (`bash -n`), and by running them with `aws`/`jq` stubbed to print their
 * arguments, which must print exactly the commands of the full rendering.
 */
import { execFileSync } from 'node:child_process';
import type { Finding } from '../../../lambda/domain/types';
import { COMPACT_NOTE, FULL_REPORT_COMMAND } from '../../../lambda/render/email-text';
import type { SnsMessageByProtocol } from '../../../lambda/render/publish-requests';
import {
  SNS_MAX_PUBLISH_BYTES,
  publishRequestBytes,
  renderPublishRequests,
} from '../../../lambda/render/publish-requests';
import { remediationFor } from '../../../lambda/render/remediation';
import { topLevelWords, wrapShellCommand } from '../../../lambda/render/shell-loop';
import {
  NOW,
  expectGolden,
  expectValid,
  finding,
  usage,
  validateReport,
  wildcardReport,
  usageWithoutListenerArn,
} from './support';

const parse = (message: string) => JSON.parse(message) as SnsMessageByProtocol;

/** The one message for a report, parsed, with the machine report's first finding. */
function render(r: ReturnType<typeof wildcardReport>) {
  const requests = [...renderPublishRequests(r)];
  const message = parse(requests[0].message);
  const json = JSON.parse(message.sqs);
  return { requests, message, json, finding: json.findings[0] };
}

/** Stubs that print each call, one line each, so two scripts can be compared by what they would run. */
const STUBS = [
  'aws() { printf "aws"; printf " [%s]" "$@"; printf "\\n"; }',
  'jq() { printf "jq"; printf " [%s]" "$@"; printf "\\n"; }',
].join('\n');

/** Runs a script with the stubs in a scratch directory (CloudFront steps write files) and returns what it printed. */
function runStubbed(script: string): string[] {
  const out = execFileSync('bash', ['-c', `cd "$(mktemp -d)" && ${STUBS}\n${script}`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.length > 0);
}

function bashSyntaxErrors(script: string): string {
  try {
    execFileSync('bash', ['-n'], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
}

const ctx = { generatedAt: NOW, coverageIncomplete: false };
const fullCommands = (f: Finding) => remediationFor(f, ctx).steps.flatMap((s) => s.commands);
const compactSteps = (f: Finding) => remediationFor(f, { ...ctx, compact: true }).steps;

describe('compact rendering of a wildcard certificate on 120 ALB listeners and 2 Classic ELB listeners', () => {
  const r = wildcardReport(120, 2);
  const { requests, message, json, finding: f } = render(r);

  it('fits one message, every usage listed, marked compact and valid against the schema', () => {
    expect(requests).toHaveLength(1);
    expect(publishRequestBytes(requests[0])).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    expectValid(validateReport, json);
    expect(f.rendering).toBe('compact');
    expect(f.omittedUsages).toBe(0);
    expect(f.usages).toHaveLength(122);
    expect(f.usages[0]).toEqual({
      type: 'application',
      region: 'us-east-1',
      name: 'shop-storefront-000',
      listenerArn: r.findings[0].usages[0].listenerArn,
      protocol: 'HTTPS',
      port: 443,
      role: 'default',
    });
    // Every listener ARN is in the fix commands.
    const commands = f.remediation.steps.flatMap((s: { commands: string[] }) => s.commands).join('\n');
    for (const u of r.findings[0].usages) if (u.listenerArn) expect(commands).toContain(u.listenerArn);
  });

  it('says why it is compact and how to get the full report', () => {
    const text = message.email;
    expect(text).toContain('  Served by (122):');
    expect(text.replace(/\s+/g, ' ')).toContain(COMPACT_NOTE);
    expect(text).toContain(`      ${FULL_REPORT_COMMAND}\n`);
    expect(text).not.toContain('DNS:');
    // One console link per region, none per usage.
    expect(text.match(/console\.aws\.amazon\.com\/ec2/g)).toHaveLength(3);
  });

  it('groups the fix into one loop per region and action (and Classic ELB into one)', () => {
    const titles = f.remediation.steps.map((s: { title: string }) => s.title);
    expect(titles).toEqual([
      'Upload the renewed certificate from your CA (PEM files):',
      'Replace the SNI certificate on 20 ALB listeners in us-east-1 (on each: add the new one, then remove the old one):',
      'Make it the default certificate of 20 ALB listeners in us-east-1:',
      'Switch 2 Classic ELB listeners in us-east-1 to the renewed certificate (each item is name:port):',
      'Replace the SNI certificate on 20 ALB listeners in eu-west-1 (on each: add the new one, then remove the old one):',
      'Make it the default certificate of 20 ALB listeners in eu-west-1:',
      'Replace the SNI certificate on 20 ALB listeners in ap-southeast-2 (on each: add the new one, then remove the old one):',
      'Make it the default certificate of 20 ALB listeners in ap-southeast-2:',
      'When the renewed certificate is serving traffic everywhere, delete the old one:',
    ]);
  });

  it('keeps prose lines within 78 characters', () => {
    const long = message.email.split('\n').filter((l) => l.length > 78 && !/arn:aws|https:\/\/|^\s*aws /.test(l));
    expect(long).toEqual([]);
  });

  it('golden: email text and machine report', () => {
    expectGolden('compact.email.txt', message.email);
    expectGolden('compact.report.json', `${JSON.stringify(json, null, 2)}\n`);
  });
});

describe('compact fix commands are valid bash and run exactly what the full rendering would', () => {
  const mixed = finding('mixed.example.com', 'expired', -1, [
    ...wildcardReport(9, 3).findings[0].usages,
    usage({
      loadBalancerType: 'network',
      loadBalancerName: 'tcp-nlb',
      protocol: 'TLS',
      port: 8443,
      role: 'sni',
      listenerArn:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/tcp-nlb/0123456789abcdef/fedcba9876543210',
    }),
    usageWithoutListenerArn({ loadBalancerName: 'no-listener-arn' }),
    usage({
      loadBalancerType: 'cloudfront',
      region: 'global',
      loadBalancerName: 'E1AAAAAAAAAAAA',
      protocol: 'HTTPS',
      port: 443,
      aliases: ['a.example.com'],
    }),
    usage({
      loadBalancerType: 'cloudfront',
      region: 'global',
      loadBalancerName: 'E2BBBBBBBBBBBB',
      protocol: 'HTTPS',
      port: 443,
    }),
  ]);
  const wildcard = wildcardReport(120, 2).findings[0];

  it.each([
    ['120 ALB + 2 Classic listeners', wildcard],
    ['ALB, NLB, Classic, CloudFront and a listener without ARN', mixed],
  ])('%s', (_name, f) => {
    const steps = compactSteps(f);
    const emailBlock = steps.flatMap((s) => s.display ?? s.commands).join('\n');
    const jsonBlock = steps.flatMap((s) => s.commands).join('\n');
    expect(bashSyntaxErrors(emailBlock)).toBe('');
    expect(bashSyntaxErrors(jsonBlock)).toBe('');

    const full = runStubbed(fullCommands(f).join('\n')).sort();
    expect(runStubbed(emailBlock).sort()).toEqual(full);
    expect(runStubbed(jsonBlock).sort()).toEqual(full);
  });

  it('shows the email lines exactly as bash gets them (7-space step indent, continuations intact)', () => {
    const { email } = render(wildcardReport(120, 2)).message;
    const steps = compactSteps(wildcard);
    for (const step of steps) {
      if (!step.display) continue;
      expect(email).toContain(step.display.map((l) => `       ${l}`).join('\n'));
    }
    // The block cut out of the email (lines indented 7 or more under "Fix:", titles dropped) is valid bash too.
    const fix = email.slice(email.indexOf('  Fix:\n'), email.indexOf('\n-- \n'));
    const titles = new Set(steps.flatMap((s) => s.title));
    const block = fix
      .split('\n')
      .filter((l) => /^ {7}/.test(l))
      .filter((l) => ![...titles].some((t) => t.includes(l.trim())));
    expect(bashSyntaxErrors(block.join('\n'))).toBe('');
    expect(runStubbed(block.join('\n')).sort()).toEqual(runStubbed(fullCommands(wildcard).join('\n')).sort());
  });

  it('wraps a long command only between words bash splits at', () => {
    const cmd = `jq --arg id "$X" '.a | .b = $id' "$d.json" > "$d-config.json"`;
    expect(topLevelWords(cmd).join(' ')).toBe(cmd);
    expect(topLevelWords(cmd)).toContain(`'.a | .b = $id'`);
    const lines = wrapShellCommand(cmd, 20);
    expect(lines.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(runStubbed(lines.join('\n'))).toEqual(runStubbed(cmd));
  });
});

describe('when the compact rendering is used', () => {
  it('not when the full listing fits: the common case is unchanged', () => {
    const { finding: f, message } = render(wildcardReport(20));
    expect(f.rendering).toBeUndefined();
    expect(f.usages[0].consoleUrl).toMatch(/^https:/);
    expect(message.email).not.toContain('Compact listing');
  });

  it('lets 140+ listeners of one certificate fit without omission (was 46 before the compact rendering)', () => {
    const omitted = (n: number) => render(wildcardReport(n)).finding.omittedUsages as number;
    let lo = 100;
    let hi = 400;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (omitted(mid) === 0) lo = mid;
      else hi = mid - 1;
    }
    expect(lo).toBeGreaterThanOrEqual(140);
  });

  it('truncates in compact form only when even that does not fit, and says so', () => {
    const { finding: f, message, json } = render(wildcardReport(400));
    expectValid(validateReport, json);
    expect(f.rendering).toBe('compact');
    expect(f.omittedUsages).toBeGreaterThan(0);
    expect(f.usages.length + f.omittedUsages).toBe(400);
    expect(message.email).toContain(`…and ${f.omittedUsages} more usages`);
    expect(message.email).toContain(FULL_REPORT_COMMAND);
  });
});
