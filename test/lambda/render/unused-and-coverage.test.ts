/**
 * In every renderer: "unused" and a delete command only with complete coverage; otherwise where
 * the search looked and where not (capped); the `unused` tier in the subject, the severity attribute, the counts.
 */
import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { notCheckedPlaces, notFoundSentence } from '../../../lambda/render/coverage-text';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { renderPublishRequests } from '../../../lambda/render/publish-requests';
import { renderSubject } from '../../../lambda/render/subject';
import { renderTerminalTable } from '../../../lambda/render/terminal-table';
import type { Report, RegionNotChecked } from '../../../lambda/domain/types';
import { expectValid, finding, report, validateReport } from './support';
import { rolledOut } from '../../fixtures/reports/renewal-states';

const ENABLED = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-south-1',
].sort();
const CHECKED = ['us-east-1', 'eu-west-1'];
const excluded: RegionNotChecked[] = ENABLED.filter((r) => !CHECKED.includes(r)).map((region) => ({
  region,
  reason: 'excluded',
  detail: 'not in the configured regions',
}));

/** `-c regions=us-east-1,eu-west-1` in an account with 17 enabled regions; `idle` is found nowhere. */
const partial: Report = report([finding('shop', 'critical', 2), finding('idle', 'expired', -3, [])], {
  coverage: { regionsScanned: CHECKED, gaps: [], regionsNotChecked: excluded, complete: false },
});
/** Everything read: `idle` is proven unused. */
const complete: Report = report(
  [finding('shop', 'critical', 2), finding('idle', 'unused', -3, [], { expirySeverity: 'expired' })],
  { coverage: { regionsScanned: ENABLED, gaps: [], regionsNotChecked: [], complete: true } },
);

describe('a certificate found nowhere with regions excluded by configuration', () => {
  it('says where it looked and where not, the list capped with a count', () => {
    expect(notFoundSentence(partial)).toBe(
      'Not found in the 2 regions checked and CloudFront; 15 enabled regions not checked: ap-northeast-1, ' +
        'ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2 +10 more (excluded by configuration). Whether ' +
        'it is served there is unknown, so no delete command is given.',
    );
  });

  it('gives no delete command in any variant, and the rollout step names the places', () => {
    const email = renderEmailText(partial);
    expect(email).not.toContain('delete-server-certificate');
    expect(email).toContain('15 enabled regions, excluded by configuration: ap-northeast-1,');
    const json = buildJsonReport(partial);
    expectValid(validateReport, json);
    expect(JSON.stringify(json.findings)).not.toContain('delete-server-certificate');
    const shopSteps = json.findings[1].remediation.steps;
    expect(shopSteps[shopSteps.length - 1].title).toContain(notCheckedPlaces(partial));
    expect(json.coverage.regionsNotChecked).toHaveLength(15);
    expect(json.coverage.regionsNotChecked[0]).toEqual({
      region: 'ap-northeast-1',
      reason: 'excluded',
      detail: 'not in the configured regions',
    });
    expect(json.summary.complete).toBe(false);
    const chat = JSON.stringify(buildChatbotNotification(partial));
    expect(chat).not.toMatch(/safe to delete|Not in use/);
    expect(chat).toContain('not found in 2 regions checked and CloudFront; usage unknown');
    const table = renderTerminalTable(partial);
    expect(table).toContain('not found in 2 regions checked and CloudFront; usage unknown');
    expect(table).toContain('Not checked, so nothing is called unused: 15 enabled regions not checked:');
  });

  it('keeps the paging severity', () => {
    expect(renderSubject(partial)).toMatch(/^\[EXPIRED\]/);
    expect([...renderPublishRequests(partial)][0].messageAttributes.severity).toBe('expired');
  });

  it('names mixed reasons per region, and a CloudFront gap', () => {
    const mixed = report([finding('idle', 'critical', 2, [])], {
      coverage: {
        regionsScanned: ['us-east-1'],
        gaps: [
          { region: 'eu-west-1', service: 'elbv2', reason: 'AccessDenied' },
          { region: 'global', service: 'cloudfront', reason: 'Throttling' },
        ],
        regionsNotChecked: [
          { region: 'eu-west-1', reason: 'denied', detail: 'elbv2: AccessDenied' },
          { region: 'us-west-2', reason: 'excluded', detail: 'not in the configured regions' },
        ],
        complete: false,
      },
    });
    expect(notFoundSentence(mixed)).toBe(
      'Not found in the 1 region checked; 2 enabled regions not checked: eu-west-1 (access denied), us-west-2 ' +
        '(excluded by configuration); CloudFront distributions not read. Whether it is served there is unknown, so ' +
        'no delete command is given.',
    );
  });
});

describe('a rollout that looks finished where the search reached', () => {
  it('is "replaced where checked", with no delete command', () => {
    if (rolledOut.severity !== 'unused') throw new Error('the fixture is an unused certificate');
    const { expirySeverity, ...served } = rolledOut;
    const r = report([{ ...served, severity: expirySeverity }], {
      coverage: { regionsScanned: CHECKED, gaps: [], regionsNotChecked: excluded, complete: false },
    });
    expect(renderEmailText(r).replace(/\s+/g, ' ')).toContain('(static-2026, CRITICAL, replaced where checked)');
    expect(renderEmailText(r)).not.toContain('delete-server-certificate');
    expect(renderTerminalTable(r)).toContain('[replaced where checked: static-2027]');
    expect(buildChatbotNotification(r).content.description).toContain('_replaced where checked: static-2027_');
  });
});

describe('a certificate proven unused', () => {
  it('gets its own tier: not paging, last, counted, still with its delete command', () => {
    expect([...renderPublishRequests(complete)][0].messageAttributes.severity).toBe('critical');
    const onlyUnused = report([complete.findings[1]], { coverage: complete.coverage });
    const [request] = [...renderPublishRequests(onlyUnused)];
    expect(request.messageAttributes.severity).toBe('unused');
    expect(request.subject).toBe('[UNUSED] 1 IAM certificate unused, to delete - acme-prod (123456789012)');
    const json = buildJsonReport(complete);
    expectValid(validateReport, json);
    expect(json.summary.counts).toMatchObject({ critical: 1, unused: 1, expired: 0, total: 2 });
    expect(json.findings[1]).toMatchObject({ severity: 'unused', expirySeverity: 'expired', daysLeft: -3 });
    expect(json.coverage.complete).toBe(true);
    const email = renderEmailText(complete);
    expect(email).toContain('[2] UNUSED: idle - expired 3 days ago');
    expect(email).toContain('aws iam delete-server-certificate --server-certificate-name idle');
    expect(email).toMatch(/1 unused \(served\s+nowhere:\s+tidy\s+up\)/);
    expect(renderSubject(complete)).toContain('(1 critical, 1 unused)');
    const chat = buildChatbotNotification(complete);
    expect(chat.content.description).toContain('*UNUSED* `idle` — expired 3 days ago — unused: safe to delete');
    expect(chat.content.nextSteps?.join('\n')).toContain('Not in use: delete with');
  });
});
