import { buildOrgReport } from '../../../lambda/domain/org-report';
import { orgProgressLine, renderOrgEmail, renderOrgTable } from '../../../lambda/render/org-terminal';
import { TERMINAL_COLUMNS } from '../../../lambda/render/terminal-table';
import { displayWidth } from '../../../lambda/text/display-width';
import { finding, NOW, report } from './support';

const account = (accountId: string, accountName: string) => ({ accountId, accountName, hub: false });

describe('renderOrgTable', () => {
  const web = account('222222222222', 'web');
  const evil = account('333333333333', '<!channel>\u202eevil\nname');
  const org = buildOrgReport({
    generatedAt: NOW,
    listed: [web, evil],
    outcomes: [
      {
        status: 'checked',
        account: web,
        certificatesScanned: 2,
        report: report([finding('shop')], { accountId: web.accountId }),
      },
      { status: 'not-checked', account: evil, reason: 'role not found or not assumable' },
    ],
  });

  it('is the account-mode table per account with findings, and a line per account not checked', () => {
    const text = renderOrgTable(org);
    expect(text).toMatch(/^1 IAM server certificate in 1 of 2 AWS accounts needs attention/);
    expect(text).toMatch(
      /\n== 222222222222 \(web\) ==\n1 of 4 IAM server certificates need attention in account 222222222222/,
    );
    expect(text).toContain('NOT CHECKED IN FULL (1) - these accounts may hold more findings:\n  333333333333');
  });

  it('fits the terminal and shows a hostile account name without its line break or bidi control', () => {
    const hidden = account('444444444444', 'x\u200b'.repeat(30));
    const withHidden = buildOrgReport({
      generatedAt: NOW,
      listed: [hidden],
      outcomes: [{ status: 'not-checked', account: hidden, reason: 'role not found or not assumable' }],
    });
    for (const line of renderOrgTable(withHidden).split('\n'))
      expect(displayWidth(line)).toBeLessThanOrEqual(TERMINAL_COLUMNS);
    expect(renderOrgTable(withHidden)).toContain('  444444444444\n    (x<U+200B>x<U+200B>');
    const text = renderOrgTable(org);
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(TERMINAL_COLUMNS);
    expect(text).toContain('333333333333 (<!channel>\uFFFDevil\uFFFDname): not checked');
    expect(text).not.toMatch(/\u202e/);
  });

  it('the email format is the whole digest, each account section in full', () => {
    const email = renderOrgEmail(org);
    expect(email).toMatch(/^IAM SERVER CERTIFICATE EXPIRY - AWS ORGANIZATION DIGEST\n/);
    expect(email).toContain('# ACCOUNT 222222222222 (web)');
    expect(email).toContain('[1] CRITICAL: shop');
  });
});

describe('orgProgressLine', () => {
  it('says accounts done of total, findings and accounts not checked so far', () => {
    expect(orgProgressLine({ accountsDone: 3, accountsTotal: 40, findings: 1, notChecked: 2 })).toBe(
      'Checked 3 of 40 accounts: 1 certificate flagged, 2 accounts not checked so far',
    );
  });
});
