/**
 * Fuzz: hostile strings in every untrusted field (owner tag, SAN hostnames, issuer, load balancer and distribution
 * names, aliases, account alias and organization account names) through every sink. Whatever the value, the email
 * and terminal hold no control, line-separator or bidi character but their own line breaks, Slack text acts on no
 * mention or link, the subject is printable ASCII, and the JSON keeps the raw value.
 */
import { orgRequests } from './support';
import fc from 'fast-check';
import type { Finding, Report } from '../../../lambda/domain/types';
import { buildOrgReport } from '../../../lambda/domain/org-report';
import { renderPublishRequests, type SnsMessageByProtocol } from '../../../lambda/render/publish-requests';
import { renderTerminalTable } from '../../../lambda/render/terminal-table';
import { renderOrgTable } from '../../../lambda/render/org-terminal';
import { isUnsafeCharacter } from '../../../lambda/text/sanitise';
import { ACCOUNT, NOW, finding, report, usage } from './support';

const HOSTILE = [
  '<!channel> <https://evil.example|Sign in>',
  '<!here|here> <@U0123ABCD> <#C0123|general>',
  '@here @channel @everyone please act',
  'owner\u2028[1]EXPIRED:fake.example.com',
  'line\r\nCRITICAL:nothing\u2029\u0085[2]EXPIRED:fake',
  '\u202Emoc.elgoog\u202C \u2066isolate\u2069',
  'tick`s `code` **bold** _it_ ~strike~',
  '\u0000\u0007\u001b[31mred\u001b[0m\u0085\u009b',
  'quote\' "dq" $(touch /tmp/pwned) `id`; rm -rf / \\',
  '&amp; &lt;!channel&gt;',
];

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 3 }).map((a) => a.join(' ')),
);

function hostileFinding(name: string, [owner, host, lb, dist, alias, issuer]: readonly string[]): Finding {
  return finding(
    name,
    'critical',
    2,
    [
      usage({ loadBalancerName: lb, role: 'sni' }),
      usage({ loadBalancerType: 'classic', loadBalancerName: lb, listenerArn: undefined, port: 8443 }),
      usage({
        loadBalancerType: 'cloudfront',
        region: 'global',
        loadBalancerName: dist,
        aliases: [alias, host],
        listenerArn: undefined,
        loadBalancerArn: undefined,
      }),
    ],
    {
      owner,
      hostnames: [host, `www.${host}`],
      details: {
        commonName: host,
        dnsNames: [host],
        issuer,
        selfSigned: false,
        key: { type: 'RSA', bits: 2048 },
        serialNumber: '01',
        fingerprintSha256: 'AA:BB',
        notBefore: NOW,
        notAfter: new Date(NOW.getTime() + 2.5 * 86_400_000),
      },
    },
  );
}

function hostileReport(values: readonly string[]): Report {
  return report([hostileFinding('web', values), hostileFinding('api', [...values].reverse())], {
    accountAlias: values[4],
    snoozed: [{ certificate: hostileFinding('old', values).certificate, daysLeft: 3, owner: values[0] }],
    configurationProblems: [{ certificateName: 'web', problem: `owner tag "${values[0]}" is not valid` }],
  });
}

const LINE_BREAK_OR_UNSAFE = (text: string): string[] => [...text].filter((c) => c !== '\n' && isUnsafeCharacter(c));

/** Slack acts on `<!…>`, `<@…>`, `<#…>`, `<url|text>` and bare `@here`/`@channel`/`@everyone`. */
function expectInertSlack(text: string): void {
  expect(text).not.toMatch(/<[!@#]/);
  expect(text).not.toMatch(/<[a-z]+:[^>]*>/i);
  expect(text).not.toMatch(/(^|[^\u200B])@(here|channel|everyone)\b/i);
  expect(LINE_BREAK_OR_UNSAFE(text)).toEqual([]);
}

function expectInertChatbot(json: string): void {
  const n = JSON.parse(json) as {
    content: { title: string; description: string; nextSteps?: string[]; keywords?: string[] };
    metadata?: { summary?: string; additionalContext?: Record<string, string> };
  };
  // The description's lines are ours; a value can add none.
  for (const line of n.content.description.split('\n')) expectInertSlack(line);
  for (const text of [
    n.content.title,
    ...(n.content.nextSteps ?? []),
    ...(n.content.keywords ?? []),
    n.metadata?.summary ?? '',
    ...Object.values(n.metadata?.additionalContext ?? {}),
  ])
    expectInertSlack(text);
}

function expectInertEmail(text: string): void {
  expect(LINE_BREAK_OR_UNSAFE(text)).toEqual([]);
  // A value without spaces is one word: no line break of its own can start a line that looks like one of ours.
  expect(text).not.toMatch(/\n\s*\[[12]\]EXPIRED:fake/);
  expect(text).not.toMatch(/\n\s*CRITICAL:nothing/);
}

describe('hostile strings in every untrusted field, through every sink', () => {
  it('account alert: email, Chatbot, subject inert; JSON keeps the raw values', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 6, maxLength: 6 }), (values) => {
        const r = hostileReport(values);
        for (const request of renderPublishRequests(r)) {
          expect(request.subject).toMatch(/^[\x20-\x7E]{1,100}$/);
          const variants = JSON.parse(request.message) as SnsMessageByProtocol;
          expectInertEmail(variants.email);
          expectInertEmail(variants.default);
          expectInertChatbot(variants.https);
          const json = JSON.parse(variants.sqs) as { findings: { owner: string | null }[] };
          expect(json.findings[0]!.owner).toBe(values[0]);
        }
        expect(LINE_BREAK_OR_UNSAFE(renderTerminalTable(r))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('organization digest and account messages: account names and aliases inert', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 6, maxLength: 6 }), hostile, (values, accountName) => {
        const member = { accountId: '222222222222', accountName, hub: false };
        const org = buildOrgReport({
          generatedAt: NOW,
          listed: [member, { accountId: '333333333333', accountName, hub: false }],
          outcomes: [
            {
              status: 'checked',
              account: member,
              certificatesScanned: 5,
              report: { ...hostileReport(values), accountId: '222222222222' },
            },
            {
              status: 'not-checked',
              account: { accountId: '333333333333', accountName, hub: false },
              reason: accountName,
            },
          ],
        });
        const { digest, accounts } = orgRequests(org);
        for (const request of [...digest, ...accounts]) {
          expect(request.subject).toMatch(/^[\x20-\x7E]{1,100}$/);
          const variants = JSON.parse(request.message) as SnsMessageByProtocol;
          expectInertEmail(variants.email);
          expectInertChatbot(variants.https);
        }
        const raw = JSON.parse((JSON.parse(digest[0]!.message) as SnsMessageByProtocol).sqs) as {
          notChecked: { name: string }[];
        };
        expect(raw.notChecked[0]!.name).toBe(accountName);
        expect(LINE_BREAK_OR_UNSAFE(renderOrgTable(org))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('a fixed hostile account name never mentions anyone in Slack', () => {
    const member = { accountId: ACCOUNT, accountName: '<!channel> <https://evil|Sign in>', hub: false };
    const org = buildOrgReport({
      generatedAt: NOW,
      listed: [member],
      outcomes: [{ status: 'not-checked', account: member, reason: 'role not found' }],
    });
    const https = (JSON.parse(orgRequests(org).digest[0]!.message) as SnsMessageByProtocol).https;
    expect(https).toContain('&lt;!channel&gt; &lt;https://evil|Sign in&gt;');
    expectInertChatbot(https);
  });
});
