/** Fix-it commands for an account of an organization run start with a guard that names the account. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountGuardStep } from '../../../lambda/render/account-guard';
import { renderEmailText } from '../../../lambda/render/email-text';
import { buildJsonReport } from '../../../lambda/render/json-report';
import { remediationFor } from '../../../lambda/render/remediation';
import { expectValid, finding, report, usage, validateReport } from './support';

const guard = accountGuardStep({ accountId: '200000000000', accountName: 'team-0' });

describe('the account guard', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync('bash', ['--version']);
    dir = mkdtempSync(join(tmpdir(), 'guard-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the guard then a marker command in bash, with a fake `aws` that answers `account` (or fails). */
  function runGuarded(account: string | undefined): { status: number | null; stdout: string } {
    const script = account === undefined ? 'exit 255' : `echo ${account}`;
    writeFileSync(join(dir, 'aws'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, 'aws'), 0o755);
    const result = spawnSync('bash', ['-c', `${guard.commands[0]}\necho GUARD-PASSED`], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout };
  }

  it('lets the commands run in the named account only', () => {
    expect(runGuarded('200000000000')).toEqual({ status: 0, stdout: 'GUARD-PASSED\n' });
    expect(runGuarded('999999999999')).toEqual({ status: 1, stdout: '' });
    expect(runGuarded(undefined)).toEqual({ status: 1, stdout: '' });
  });

  it('names the account in its title', () => {
    expect(guard.title).toContain('account 200000000000 (team-0)');
    expect(accountGuardStep({ accountId: 'unknown' }).commands).toEqual([]);
  });
});

describe('fix-it commands of an organization member', () => {
  const member = report([finding('shop', 'critical', 2, [usage()]), finding('idle', 'critical', 2, [])], {
    accountAlias: 'team-0',
    accountId: '200000000000',
    memberOfOrganization: true,
    coverage: { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true },
  });

  it('start with the guard in the email and the JSON; single-account alerts have none', () => {
    const json = buildJsonReport(member);
    expectValid(validateReport, json);
    for (const f of json.findings) expect(f.remediation.steps[0].commands).toEqual(guard.commands);
    expect(renderEmailText(member)).toContain(`       ${guard.commands[0]}\n`);
    const { memberOfOrganization, ...single } = member;
    expect(renderEmailText(single)).not.toContain('get-caller-identity');
  });

  it('leaves the guard out where no step runs anything', () => {
    const steps = remediationFor(finding('idle', 'critical', 2, []), {
      generatedAt: member.generatedAt,
      coverageIncomplete: true,
      accountGuard: { accountId: '200000000000' },
    }).steps;
    expect(steps.flatMap((s) => s.commands)).toEqual([]);
  });
});
