import { main } from '../../bin/check';
import { checkOrganization } from '../../bin/check-organization';
import type { OutputOptions } from '../../bin/output-format';
import { parseSettings } from '../../lambda/settings';
import { startAwsServer, type AwsServer } from '../../local-aws';
import { applyEnvironment, loopbackEnvironment } from '../../local-aws/lambda-harness';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import { estate, MANAGEMENT, organization } from './sample-organization';
import { serve } from '../../local-aws/serve';
import { expectValid, validateOrgReport } from '../lambda/render/support';

let server: AwsServer;
let restore: () => void = () => undefined;

afterEach(async () => {
  restore();
  await server?.close();
});

async function check(argv: string[], org?: OrganizationScenario, management = estate(MANAGEMENT, 300)) {
  server = await startAwsServer({ scenario: management, ...(org ? { organization: org } : {}) });
  restore = applyEnvironment(loopbackEnvironment(server.endpoint));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env: process.env, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run check -- --organization', () => {
  it('--json prints the org report: per-account reports and the accounts not checked; exit 1 on findings', async () => {
    const { code, out } = await check(['--organization', '--json'], organization(3));
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expectValid(validateOrgReport, report);
    expect(report.summary).toMatchObject({
      accountsListed: 4,
      accountsChecked: 3,
      accountsNotChecked: 1,
      accountsWithFindings: 1,
    });
    expect(report.reports.map((r: { account: { id: string } }) => r.account.id)).toEqual(['222222222222']);
    expect(report.notChecked).toEqual([
      { id: '444444444444', name: 'sandbox', reason: 'role not found or not assumable' },
    ]);
    expect(server.published).toHaveLength(0);
    expect(server.countBy('action', { service: 'organizations' })).toMatchObject({ ListRoots: 1 });
  });

  it('scans only --ou, skips --exclude, and assumes --role-name', async () => {
    const org = { ...organization(3), memberRoleName: 'CustomReader' };
    const { code, out } = await check(
      ['--organization', '--ou', 'ou-ab12-prod0001', '--exclude', '333333333333', '--role-name', 'CustomReader'],
      org,
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^1 IAM server certificate in 1 of 3 AWS accounts needs attention \(1 unused\)/);
    // Served nowhere, every region read: unused; the excluded account is named.
    expect(out).toMatch(/== 222222222222 \(prod-web\) ==[\s\S]*UNUSED\s+\d+ days? left\s+shop/);
    expect(out).toContain('SKIPPED (1):\n  333333333333 (prod-api): skipped (excluded) (excluded by configuration)');
    const assumed = server.requestsWhere({ service: 'sts', action: 'AssumeRole' }).map((r) => r.params.RoleArn);
    expect(assumed).toEqual(['arn:aws:iam::222222222222:role/CustomReader']);
    expect(server.count({ service: 'organizations', action: 'ListRoots' })).toBe(0);
  });

  it('exits 0 for a quiet organization, 3 when an account could not be checked', async () => {
    expect((await check(['--organization'], organization(200, 'deployed'))).code).toBe(0);
    await server.close();
    restore();
    const { code, out } = await check(['--organization'], organization(200));
    expect(code).toBe(3);
    expect(out).toContain(
      'NOT CHECKED IN FULL (1) - these accounts may hold more findings:\n' +
        '  444444444444 (sandbox): not checked (role not found or not assumable)',
    );
  });

  it('exits 2 with one line when the credentials are not the organization’s management account', async () => {
    const { code, err } = await check(['--organization']);
    expect(code).toBe(2);
    expect(err).toBe(
      'check failed: this account is not in an AWS Organization: --organization needs credentials of its management or delegated administrator account.',
    );
  });

  it('rejects bad organization options, and organization options without --organization', async () => {
    const bad = await check([
      '--organization',
      '--ou',
      'ou-nope',
      '--exclude',
      '12',
      '--publish',
      'arn:aws:sns:us-east-1:123456789012:t',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--ou: expected an OU id');
    expect(bad.err).toContain('--exclude: expected a 12-digit account id');
    expect(bad.err).toContain('--publish: not available with --organization');
    await server.close();
    restore();
    const without = await check(['--ou', 'r-ab12']);
    expect(without).toMatchObject({ code: 2, err: expect.stringContaining('need --organization') });
    expect(server.requests).toHaveLength(0);
  });
});

describe('npm run check -- --organization --regions', () => {
  it('refuses a name that is no region, with the nearest one, before anything is scanned', async () => {
    const { code, out, err } = await check(['--organization', '--regions', 'us-east-1,us-eest-1'], organization(3));
    expect(code).toBe(2);
    expect(err).toBe('Invalid options:\n  --regions: us-eest-1 is not a region (did you mean us-east-1?)');
    expect(out).toBe('');
    expect(server.countBy('action')).toEqual({ DescribeRegions: 1 });
  });

  it("takes a region the caller's account has not enabled: a member's scan reads it where it is enabled", async () => {
    const org = organization(3);
    const withAfrica = {
      ...org,
      accounts: org.accounts.map((a) =>
        a.id === '222222222222'
          ? { ...a, estate: { ...estate(a.id, 3), enabledRegions: ['af-south-1', 'us-east-1'] } }
          : a,
      ),
    };
    const management = { ...estate(MANAGEMENT, 300), optInRegions: ['af-south-1'] };
    const { code, out } = await check(
      ['--organization', '--json', '--regions', 'us-east-1,af-south-1'],
      withAfrica,
      management,
    );
    expect(code).toBe(1);
    const [web] = JSON.parse(out).reports;
    expect(web.account.id).toBe('222222222222');
    expect(web.coverage.regionsScanned).toEqual(['us-east-1', 'af-south-1']);
  });
});

describe('npm run local-aws -- --organization, then npm run check -- --organization --json', () => {
  it('checks the sample organization served on its own', async () => {
    const served = await serve({ organization: true });
    server = served.server;
    const env = Object.fromEntries(
      served.environment.flatMap((line) =>
        line
          .replace(/^export /, '')
          .split(' ')
          .map((kv) => kv.split('=') as [string, string]),
      ),
    );
    restore = applyEnvironment(env);
    const out: string[] = [];
    const code = await main(['--organization', '--json'], {
      env: process.env,
      out: (t) => out.push(t),
      err: () => undefined,
    });
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expectValid(validateOrgReport, report);
    // The suspended account is listed (and counted) too.
    expect(report.summary).toMatchObject({
      accountsListed: 6,
      accountsChecked: 4,
      accountsNotChecked: 1,
      accountsWithFindings: 2,
      accountsSuspended: 1,
    });
    expect(report.accountStatuses.map((s: { status: string }) => s.status)).toEqual([
      'clean',
      'findings',
      'findings',
      'not-checked',
      'clean',
      'suspended',
    ]);
    expect(report.notChecked).toEqual([
      { id: '444444444444', name: 'acme-sandbox', reason: 'role not found or not assumable' },
    ]);
  });
});

describe('the progress line of an organization run', () => {
  /** A stand-in terminal (or pipe) that keeps what is written to it. */
  const stderr = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) };
  };

  async function run(output: OutputOptions, terminal: ReturnType<typeof stderr>, quiet = false) {
    server = await startAwsServer({ scenario: estate(MANAGEMENT, 300), organization: organization(3) });
    restore = applyEnvironment(loopbackEnvironment(server.endpoint));
    const settings = parseSettings(loopbackEnvironment(server.endpoint));
    const out: string[] = [];
    const options = { organizationalUnits: [], excludeAccounts: [], output, homeRegion: 'us-east-1' };
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const code = await checkOrganization({ ...options, progress: terminal, quiet }, settings, io);
    return { code, out: out.join('\n') };
  }

  it('counts accounts done of all scanned, findings and accounts not checked, then ends its line', async () => {
    const terminal = stderr(true);
    expect((await run({ format: 'table' }, terminal)).code).toBe(1);
    const lines = terminal.written.filter((w) => w !== '\n');
    expect(lines[0]).toBe('\rChecked 0 of 4 accounts: 0 certificates flagged, 0 accounts not checked so far\u001b[K');
    expect(lines.at(-1)).toBe('\rChecked 4 of 4 accounts: 1 certificate flagged, 1 account not checked so far\u001b[K');
    expect(lines).toHaveLength(5);
    expect(terminal.written.at(-1)).toBe('\n');
  });

  it('is not shown with --format json, with --quiet, or when stderr is no terminal', async () => {
    for (const [output, terminal, quiet] of [
      [{ format: 'json' }, stderr(true), false],
      [{ format: 'table' }, stderr(true), true],
      [{ format: 'csv' }, stderr(false), false],
    ] as const) {
      await run(output, terminal, quiet);
      expect(terminal.written).toEqual([]);
      await server.close();
      restore();
    }
  });
});
