/**
 * Fuzz: hostile strings in every untrusted field (owner tag, SAN hostnames, issuer, load balancer and distribution
 * names, aliases, account alias and organization account names) through every sink. Whatever the value, the email,
 * terminal, Security Hub and OCSF text hold no control, line-separator, bidi or invisible character but their own
 * line breaks, no CSV cell starts a formula or breaks its row, Slack text acts on no mention or link, the subject is printable ASCII, and the JSON keeps the raw value.
 */
import { orgRequests } from './support';
import fc from 'fast-check';
import type { Finding, Report } from '../../../lambda/domain/types';
import { buildOrgReport } from '../../../lambda/domain/org-report';
import { renderPublishRequests, type SnsMessageByProtocol } from '../../../lambda/render/publish-requests';
import { renderTerminalTable } from '../../../lambda/render/terminal-table';
import { renderOrgTable } from '../../../lambda/render/org-terminal';
import { asffFinding } from '../../../lambda/render/asff-finding';
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { renderEmailText } from '../../../lambda/render/email-text';
import { isUnsafeCharacter } from '../../../lambda/text/sanitise';
import { renderCsv, CSV_COLUMNS } from '../../../lambda/render/csv-report';
import { ocsfFinding } from '../../../lambda/render/ocsf-finding';
import { parse } from 'csv-parse/sync';
import { ACCOUNT, NOW, classicUsage, distributionUsage, finding, report, usage } from './support';

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
  '*bold* _it_ ~s~ https://evil.example/login',
  'acme\u200B-prod',
  'soft\u00ADhyphen\uFEFF\u2060\u061C tag\u{E0041}\u{E007F}',
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
      usage({ name: lb, role: 'sni' }),
      classicUsage({ name: lb, port: 8443 }),
      distributionUsage({ id: dist, aliases: [alias, host], arn: undefined }),
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

/** Slack acts on `<!…>`, `<@…>`, `<#…>`, `<url|text>`, bare `@here`/`@channel`/`@everyone` and `scheme://` links. */
function expectInertSlack(text: string): void {
  expect(text).not.toMatch(/<[!@#]/);
  expect(text).not.toMatch(/<[a-z]+:[^>]*>/i);
  expect(text).not.toMatch(/@(here|channel|everyone)\b/i);
  expect(text).not.toMatch(/:\/\//);
  expect(LINE_BREAK_OR_UNSAFE(text)).toEqual([]);
}

const ASFF_CONTEXT = { region: 'us-east-1', partition: 'aws', now: NOW, createdAt: new Map<string, string>() };

/** The Security Hub console shows these as text: one line each, nothing hidden. */
function expectInertAsff(r: Report): void {
  for (const f of r.findings) {
    const asff = asffFinding(f, r, ASFF_CONTEXT);
    const texts = [asff.Title!, asff.Description!, asff.Remediation!.Recommendation!.Text!];
    for (const text of [...texts, ...Object.values(asff.Resources![0]!.Details!.Other!)]) {
      expect([...text].filter(isUnsafeCharacter)).toEqual([]);
    }
  }
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

/** A spreadsheet: every row whole (one per certificate and place), no cell a formula, no hidden character. */
function expectInertCsv(r: Report): void {
  const rows = parse(renderCsv([r]), { relax_quotes: false, relax_column_count: false }) as string[][];
  expect(rows).toHaveLength(1 + r.findings.reduce((n, f) => n + Math.max(1, f.usages.length), 0));
  for (const row of rows) {
    expect(row).toHaveLength(CSV_COLUMNS.length);
    for (const cell of row) {
      // Our own numbers (days left) may start with '-': a number is no formula.
      if (!/^-?\d+$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect([...cell].filter(isUnsafeCharacter)).toEqual([]);
    }
  }
}

/** OCSF: the prose a person reads in a SIEM is one line with nothing hidden; names stay raw for machines. */
function expectInertOcsf(r: Report): void {
  for (const f of r.findings) {
    const event = ocsfFinding(f, r);
    for (const text of [event.message, event.finding_info.title, event.finding_info.desc, event.remediation.desc])
      expect([...text].filter(isUnsafeCharacter)).toEqual([]);
    expect(event.resources[0]!.name).toBe(f.certificate.name);
  }
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
        expectInertAsff(r);
        expectInertCsv(r);
        expectInertOcsf(r);
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
    expect(https).toContain('`123456789012 (&lt;!channel&gt; &lt;https[:]//evil|Sign in&gt;): role not found`');
    expectInertChatbot(https);
  });
});

/** The text Slack shows as it is: what lies outside our code spans, where Slack formats and links. */
function outsideCodeSpans(mrkdwn: string): string {
  return mrkdwn
    .split('`')
    .filter((_, i) => i % 2 === 0)
    .join(' ');
}

describe('the values an attacker would pick, through email, Slack, JSON, the table and Security Hub', () => {
  const OWNER = '*bold* _it_ ~s~ https://evil.example/login';
  const LOOKALIKE = 'acme\u200B-prod';
  const r = report(
    [
      finding('web', 'critical', 2, [usage({ name: LOOKALIKE })], {
        owner: OWNER,
        hostnames: [LOOKALIKE],
      }),
    ],
    { accountAlias: LOOKALIKE },
  );

  it('Slack: the owner tag formats nothing and links nowhere', () => {
    const { description } = buildChatbotNotification(r).content;
    expect(description).toContain('(owner: `*bold* _it_ ~s~ https[:]//evil.example/login`)');
    const shown = outsideCodeSpans(description);
    for (const markup of ['*bold*', '_it_', '~s~', 'evil.example', '://']) expect(shown).not.toContain(markup);
  });

  it('no sink shows acme\u200B-prod as acme-prod', () => {
    const email = renderEmailText(r);
    const slack = buildChatbotNotification(r);
    const table = renderTerminalTable(r);
    const asff = asffFinding(r.findings[0]!, r, ASFF_CONTEXT);
    for (const text of [
      email,
      slack.content.description,
      table,
      asff.Description!,
      asff.Resources![0]!.Details!.Other!.usage01!,
    ]) {
      expect(text).not.toContain('\u200B');
      expect(text).not.toMatch(/acme-prod/);
      expect(text).toMatch(/acme(<|&lt;)U\+200B(>|&gt;)-prod/);
    }
    expect(email).toContain('Owner:    *bold* _it_ ~s~ https://evil.example/login');
    expect(table).toContain('acme<U+200B>-prod');
  });

  it('JSON keeps the exact values, for machines to compare', () => {
    const json = JSON.parse(JSON.stringify(buildJsonReport(r))) as {
      account: { alias: string };
      findings: { owner: string; usages: { name: string }[] }[];
    };
    expect(json.account.alias).toBe(LOOKALIKE);
    expect(json.findings[0]!.owner).toBe(OWNER);
    expect(json.findings[0]!.usages[0]!.name).toBe(LOOKALIKE);
  });
});
