/**
 * The organization digest names every account looked at with its status (findings, clean, partly
 * checked with its gaps, not checked with the reason, suspended, skipped), and carries the email footer once.
 */
import { buildOrgReport } from '../../../lambda/domain/org-report';
import { renderOrgEmailText } from '../../../lambda/render/org-email-text';
import { buildOrgJsonReport } from '../../../lambda/render/org-json-report';
import { renderOrgPublishRequests } from '../../../lambda/render/org-publish-requests';
import { REALISTIC_NOW } from '../../fixtures/reports/realistic';
import { account, reportFor } from '../org/support';
import { expectValid, validateOrgReport } from './support';

const quiet = account('111111111111', 'management', true);
const partly = account('200000000000', 'team-0');
const full = account('200000000001', 'team-1');
const broken = account('900000000000', 'sandbox-0');
const partlyReport = reportFor(partly.accountId, [0, 1]);
const fullReport = reportFor(full.accountId, [2]);
const org = buildOrgReport({
  generatedAt: REALISTIC_NOW,
  listed: [quiet, partly, full, broken],
  outcomes: [
    { status: 'checked', account: quiet, certificatesScanned: 3 },
    { status: 'checked', account: partly, certificatesScanned: 10, report: partlyReport },
    {
      status: 'checked',
      account: full,
      certificatesScanned: 10,
      report: {
        ...fullReport,
        coverage: { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
      },
    },
    { status: 'not-checked', account: broken, reason: 'role not found or not assumable' },
  ],
  skipped: [
    { accountId: '300000000000', accountName: 'closed-team', reason: 'suspended', detail: 'state SUSPENDED' },
    { accountId: '400000000000', accountName: 'lab', reason: 'excluded', detail: 'excluded by configuration' },
  ],
});

describe('every account looked at', () => {
  it('has one status each, by account id', () => {
    expect(org.statuses.map((s) => [s.accountId, s.status, s.findings])).toEqual([
      ['111111111111', 'clean', 0],
      ['200000000000', 'partly-checked', 2],
      ['200000000001', 'findings', 1],
      ['300000000000', 'suspended', 0],
      ['400000000000', 'skipped', 0],
      ['900000000000', 'not-checked', 0],
    ]);
  });

  it('is listed in the email digest with the gaps or the reason, and counted in the headline', () => {
    const text = renderOrgEmailText({ org, sections: [] });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      '6 accounts looked at: 1 with findings, 1 partly checked, 1 clean, 1 not checked, 1 suspended, 1 skipped (excluded).',
    );
    expect(flat).toContain('EVERY ACCOUNT LOOKED AT (6), by account id');
    for (const line of [
      '- 111111111111 (management): clean',
      '- 200000000000 (team-0): partly checked, 2 certificates flagged; 1 enabled region not checked: eu-north-1 (access denied)',
      '- 200000000001 (team-1): with findings, 1 certificate flagged',
      '- 300000000000 (closed-team): suspended (state SUSPENDED)',
      '- 400000000000 (lab): skipped (excluded) (excluded by configuration)',
      '- 900000000000 (sandbox-0): not checked (role not found or not assumable)',
    ])
      expect(flat).toContain(line);
  });

  it('is in the JSON report (schema-valid), with the suspended and skipped counts', () => {
    const json = buildOrgJsonReport({ org, sections: [] });
    expectValid(validateOrgReport, json);
    expect(json.summary).toMatchObject({ accountsSuspended: 1, accountsSkipped: 1 });
    expect(json.accountStatuses).toHaveLength(6);
    expect(json.accountStatuses[1]).toEqual({
      id: '200000000000',
      name: 'team-0',
      status: 'partly-checked',
      findings: 2,
      reason: '1 enabled region not checked: eu-north-1 (access denied)',
    });
    expect(json.accountStatuses[3]).toMatchObject({ status: 'suspended', reason: 'state SUSPENDED' });
  });

  it('the digest carries the email footer once, at the end, however many account sections', () => {
    const [digest] = renderOrgPublishRequests(org).digest;
    const text = (JSON.parse(digest!.message) as Record<string, string>).email!;
    expect(text.match(/^-- $/gm)).toHaveLength(1);
    expect(text.match(/About this alert/g)).toHaveLength(1);
    expect(text.indexOf('About this alert')).toBeGreaterThan(text.lastIndexOf('# ACCOUNT '));
    expect(text).toContain('# ACCOUNT 200000000001 (team-1)');
  });
});
