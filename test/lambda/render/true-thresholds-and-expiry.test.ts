/**
 * Every count or header that names a threshold says which (the account's, or a certificate's own tag), and every
 * expiry shown is the date the days left count to, with where it came from: through email, Slack, JSON, the
 * laptop table, Security Hub, EventBridge and the organization digest.
 */
import { addCertificateKnowledge } from '../../../lambda/domain/certificate-knowledge';
import { buildOrgReport } from '../../../lambda/domain/org-report';
import type {
  CertificateDetails,
  ExpirySeverity,
  Finding,
  Report,
  ServerCertificate,
} from '../../../lambda/domain/types';
import { asffFinding } from '../../../lambda/render/asff-finding';
import { certificateEvent } from '../../../lambda/render/certificate-event';
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport, type JsonFinding } from '../../../lambda/render/json-report';
import { buildOrgChatbotNotification } from '../../../lambda/render/org-chatbot';
import { renderOrgEmailText } from '../../../lambda/render/org-email-text';
import { buildOrgJsonReport } from '../../../lambda/render/org-json-report';
import { renderTerminalTable } from '../../../lambda/render/terminal-table';
import { criticalWindow } from '../../../lambda/render/threshold-text';
import { ACCOUNT, expectValid, usage, validateOrgReport, validateReport } from './support';

const NOW = new Date('2026-12-07T00:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY);

function cert(name: string, expiration?: Date): ServerCertificate {
  return {
    name,
    id: `ASCA${name.toUpperCase().padEnd(17, 'X')}`,
    arn: `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`,
    path: '/',
    ...(expiration ? { expiration } : {}),
  };
}

function flagged(
  certificate: ServerCertificate,
  extra: Partial<Omit<Finding, 'severity'>> & { readonly severity: ExpirySeverity },
): Finding {
  return { certificate, usages: [usage({ name: `${certificate.name}-alb` })], thresholdDays: 7, ...extra };
}

function details(name: string, notAfter: Date, chainNotAfter?: Date): CertificateDetails {
  return {
    commonName: `${name}.example.com`,
    dnsNames: [`${name}.example.com`],
    issuer: 'Example CA',
    selfSigned: false,
    key: { type: 'EC', curve: 'P-256' },
    serialNumber: '01',
    fingerprintSha256: `${'AA:'.repeat(31)}AA`,
    notBefore: inDays(-300),
    notAfter,
    ...(chainNotAfter ? { chainExpiry: { subject: 'Example Intermediate', notAfter: chainNotAfter } } : {}),
  };
}

/**
 * `shop` 15 days out and `cart` 14 days out, critical by their own threshold-days tags (21, 30); `api` critical by
 * the account's 7 days; `tools` listed by IAM with no expiry, its body's notAfter 4 days out; `mail` listed by
 * IAM for 2027-01-01, its chain certificate expiring in 3 days. Bodies go through the domain, as in a run.
 */
function thresholdsAndExpiryReport(): Report {
  const tools = cert('tools');
  const mail = cert('mail', new Date('2027-01-01T00:00:00Z'));
  const report: Report = {
    accountId: ACCOUNT,
    accountAlias: 'acme-prod',
    generatedAt: NOW,
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: 9,
    findings: [
      flagged(cert('api', inDays(3.5)), { severity: 'critical', daysLeft: 3 }),
      flagged(cert('cart', inDays(14.5)), { severity: 'critical', daysLeft: 14, thresholdDays: 30 }),
      flagged(cert('shop', inDays(15.5)), { severity: 'critical', daysLeft: 15, thresholdDays: 21 }),
      flagged(tools, { severity: 'unknown' }),
      flagged(mail, { severity: 'warning', daysLeft: 25 }),
    ],
    snoozed: [],
    configurationProblems: [],
    coverage: { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
  };
  const bodies = new Map([
    [tools.arn, { parsed: { details: details('tools', new Date('2026-12-11T00:00:00Z')), problems: [] } }],
    [
      mail.arn,
      { parsed: { details: details('mail', mail.expiration!, new Date('2026-12-10T00:00:00Z')), problems: [] } },
    ],
  ]);
  return addCertificateKnowledge(report, { bodies, candidates: [], notRead: [] }, []);
}

const report = thresholdsAndExpiryReport();
const byName = (name: string) => report.findings.find((f) => f.certificate.name === name)!;
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

const TAGGED = "its threshold: 7 days, or 21 or 30 set by the certificate's own tag";
const FROM_BODY = '2026-12-11T00:00:00Z (from the certificate body; IAM lists none)';
const FROM_CHAIN =
  '2026-12-10T00:00:00Z (when its chain certificate Example Intermediate expires; the certificate itself 2027-01-01)';

it('the domain classified the bodies as a run would: 4 days left from the body, 3 from the chain', () => {
  expect(byName('tools')).toMatchObject({ severity: 'critical', daysLeft: 4, expiryEvidence: { source: 'body' } });
  expect(byName('mail')).toMatchObject({ severity: 'critical', daysLeft: 3, expiryEvidence: { source: 'chain' } });
  expect(report.findings.filter((f) => f.severity === 'critical')).toHaveLength(5);
});

describe('criticalWindow', () => {
  it("names the account's threshold alone when no tag changed one, else each tag's", () => {
    expect(criticalWindow([{ thresholdDays: 7 }], 7)).toBe('7 days');
    expect(criticalWindow([{ thresholdDays: 7 }, { thresholdDays: 21 }], 7)).toBe(
      "its threshold: 7 days, or 21 set by the certificate's own tag",
    );
    expect(
      criticalWindow(
        [3, 14, 21, 60].map((thresholdDays) => ({ thresholdDays })),
        1,
      ),
    ).toBe("its threshold: 1 day, or 3 to 60 set by the certificate's own tag");
  });
});

describe('email', () => {
  const text = renderEmailText(report);

  it('counts the critical ones within their own thresholds, never "within 7 days" alone', () => {
    expect(oneLine(text)).toContain(`5 critical (expiring within ${TAGGED})`);
    expect(oneLine(text)).toContain(`Critical = expires within ${TAGGED}; warning = within 30 days.`);
    expect(oneLine(text)).not.toMatch(/within 7 days\)/);
    expect(text).toContain('  Alerting 21 days ahead (set by a tag on this certificate)');
  });

  it('shows the date the days left count to, and where it came from', () => {
    expect(text).toContain('[3] CRITICAL: tools - expires in 4 days');
    expect(text).toContain(`  Expires:  ${FROM_BODY}`);
    expect(oneLine(text)).toContain(`Expires: ${FROM_CHAIN}`);
    expect(text).not.toContain('Expires:  2027-01-01');
    expect(text).not.toMatch(/Expires: +unknown/);
  });

  it("keeps the account's wording when no tag changed a threshold", () => {
    const plain = { ...report, findings: report.findings.filter((f) => f.thresholdDays === 7) };
    expect(oneLine(renderEmailText(plain))).toContain('3 critical (expiring within 7 days)');
    expect(oneLine(renderEmailText(plain))).toContain('Critical = expires within 7 days; warning');
  });
});

describe('Slack (AWS Chatbot)', () => {
  const description = buildChatbotNotification(report).content.description;

  it('counts the critical ones within their own thresholds', () => {
    expect(description).toContain(`*5 critical* (within ${TAGGED})`);
    expect(description).not.toContain('≤ 7 days');
    const plain = { ...report, findings: report.findings.filter((f) => f.thresholdDays === 7) };
    expect(buildChatbotNotification(plain).content.description).toContain('*3 critical* (≤ 7 days)');
  });

  it('gives the date counted to when IAM did not, with its source', () => {
    expect(description).toContain(`\`tools.example.com\`: 4 days left, to ${FROM_BODY.replace('T00:00:00Z', '')} —`);
    expect(description).toContain(`\`mail.example.com\`: 3 days left, to ${FROM_CHAIN.replace('T00:00:00Z', '')} —`);
  });
});

describe('JSON report', () => {
  const json = buildJsonReport(report);
  const find = (name: string) => json.findings.find((f) => f.certificate.name === name)! as JsonFinding;

  it('is valid, and each finding names the date and source its daysLeft counts from', () => {
    expectValid(validateReport, json);
    expect(find('tools')).toMatchObject({
      daysLeft: 4,
      expiresAt: '2026-12-11T00:00:00.000Z',
      expirySource: 'body',
      certificate: { expiration: null },
    });
    expect(find('mail')).toMatchObject({
      daysLeft: 3,
      expiresAt: '2026-12-10T00:00:00.000Z',
      expirySource: 'chain',
      certificate: { expiration: '2027-01-01T00:00:00.000Z' },
    });
    expect(find('api')).toMatchObject({ expiresAt: report.findings[0].certificate.expiration!.toISOString() });
    expect(find('api').expirySource).toBe('iam');
  });

  it("gives each finding's own threshold next to the account's", () => {
    expect(json.thresholds.thresholdDays).toBe(7);
    expect(find('shop')).toMatchObject({ severity: 'critical', daysLeft: 15, thresholdDays: 21 });
    expect(find('cart')).toMatchObject({ severity: 'critical', daysLeft: 14, thresholdDays: 30 });
  });
});

describe('laptop table', () => {
  const table = renderTerminalTable(report);
  const lines = table.split('\n');
  const row = (name: string) => lines.findIndex((l) => new RegExp(`\\s${name}\\s`).test(l));

  it('heads the table with every threshold in use, and marks the rows a tag changed', () => {
    expect(oneLine(table)).toContain(`Critical within ${TAGGED}; warning within 30.`);
    expect(lines[row('cart')]).toMatch(/CRITICAL\s+14 days left\s+cart/);
    const under = (name: string) => lines.slice(row(name) + 1, row(name) + 4).join('\n');
    expect(under('cart')).toContain('[threshold 30 days: its own cert-expiry-monitor:threshold-days tag]');
    expect(under('shop')).toContain('[threshold 21 days: its own cert-expiry-monitor:threshold-days tag]');
    expect(under('api')).not.toContain('[threshold');
  });

  it('shows the date the days left count to, and where it came from under the row', () => {
    expect(lines[row('tools')]).toMatch(/CRITICAL\s+4 days left\s+tools\s+2026-12-11T00:00:00Z$/);
    expect(lines[row('mail')]).toMatch(/CRITICAL\s+3 days left\s+mail\s+2026-12-10T00:00:00Z$/);
    expect(table).toContain('    [expiry from the certificate body; IAM lists none]');
    expect(table).toContain(
      '    [expiry when its chain certificate Example Intermediate expires; the certificate itself 2027-01-01]',
    );
    expect(table).not.toContain('unknown');
  });

  it("keeps the account's header when no tag changed a threshold", () => {
    const plain = { ...report, findings: report.findings.filter((f) => f.thresholdDays === 7) };
    expect(renderTerminalTable(plain)).toContain('Critical within 7 days, warning within 30.');
  });
});

describe('Security Hub (ASFF)', () => {
  const ctx = { region: 'us-east-1', partition: 'aws', now: NOW, createdAt: new Map<string, string>() };

  it('describes the date counted to and its source, and details it', () => {
    const tools = asffFinding(byName('tools'), report, ctx);
    expect(tools.Description).toContain(
      'expires in 4 days (2026-12-11T00:00:00Z, from the certificate body; IAM lists none); the alert threshold is 7 days.',
    );
    expect(tools.Resources?.[0]?.Details?.Other).toMatchObject({
      expiration: '2026-12-11T00:00:00Z',
      expirationSource: 'body',
      daysLeft: '4',
    });
    const mail = asffFinding(byName('mail'), report, ctx);
    expect(mail.Resources?.[0]?.Details?.Other).toMatchObject({
      expiration: '2026-12-10T00:00:00Z',
      expirationSource: 'chain',
    });
  });

  it('says where a threshold other than the account’s came from', () => {
    expect(asffFinding(byName('shop'), report, ctx).Description).toContain(
      "the alert threshold is 21 days (set by its own cert-expiry-monitor:threshold-days tag; the account's is 7).",
    );
  });
});

it('EventBridge: CertificateExpirationDate is the date DaysToExpiry counts to', () => {
  const detail = (name: string) => JSON.parse(certificateEvent(byName(name), report, 'run-1').Detail);
  expect(detail('tools')).toMatchObject({ DaysToExpiry: 4, CertificateExpirationDate: '2026-12-11T00:00:00Z' });
  expect(detail('mail')).toMatchObject({ DaysToExpiry: 3, CertificateExpirationDate: '2026-12-10T00:00:00Z' });
});

describe('organization digest', () => {
  const account = { accountId: ACCOUNT, accountName: 'acme-prod', hub: false };
  const toolsOnly = { ...report, findings: [byName('tools'), byName('shop')] };
  const org = buildOrgReport({
    generatedAt: NOW,
    listed: [account],
    outcomes: [{ status: 'checked', account, certificatesScanned: 9, report: toolsOnly }],
  });
  const view = { org, sections: [] };

  it('names the soonest expiry by the date counted to, with its source', () => {
    expect(oneLine(renderOrgEmailText(view))).toContain(
      `${ACCOUNT} (acme-prod): 2 critical; worst CRITICAL; soonest 2026-12-11 (from the certificate body; IAM ` +
        'lists none), expires in 4 days',
    );
    expect(buildOrgChatbotNotification(view).content.description).toContain(
      'soonest 2026-12-11 (from the certificate body; IAM lists none)',
    );
    const json = buildOrgJsonReport(view);
    expectValid(validateOrgReport, json);
    expect(json.accounts[0]).toMatchObject({ soonestExpiry: '2026-12-11T00:00:00.000Z' });
  });

  it("the digest's footer names the tag thresholds in use", () => {
    expect(oneLine(renderOrgEmailText(view))).toContain(
      "Critical = expires within its threshold: 7 days, or 21 set by the certificate's own tag; warning",
    );
  });
});
