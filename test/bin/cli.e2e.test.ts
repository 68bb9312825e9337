/**
 * The package's bin as a user runs it (`npx iam-cert-expiry-monitor check ...` runs bin/cli.js), against the loopback
 * AWS server: every row of the exit-code table in account and organization modes, stdout that parses as JSON, and
 * each error a user can cause, as the one line that names its cause and fix.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT } from '../../bin/exit-code';
import { nodeSupportNotice } from '../../bin/node-support';
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { estate, MANAGEMENT, organization } from './sample-organization';
import { loopbackEnvironment } from '../../local-aws/lambda-harness';
import { SEVERITY_COLOURS } from '../../lambda/render/terminal-table';
import { expectValid, validateOrgReport, validateReport } from '../lambda/render/support';

const CLI = path.join(__dirname, '..', '..', 'bin', 'cli.js');
let server: AwsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The environment of the test process, without anything that would pick credentials, a profile or a region. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^AWS_|^NO_COLOR$|^FORCE_COLOR$/.test(k)) env[k] = v;
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  };
}

/** Runs the bin asynchronously (the loopback server lives in this process). */
function run(args: string[], env: Record<string, string> = {}, command = [CLI]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const [program, ...rest] = command[0] === CLI ? [process.execPath, CLI] : command;
    const child = spawn(program!, [...rest, ...args], { env: { ...cleanEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function account(expiresInDays: number, faults: readonly FaultRule[] = []) {
  const scenario = scenarioBuilder({ now: new Date() })
    .account('123456789012', 'acme-prod')
    .regions('us-east-1', 'eu-west-1')
    .certificate('shop', { expiresInDays })
    .alb('us-east-1', 'shop-alb', 'shop')
    .build();
  server = await startAwsServer({ scenario, faults });
  return loopbackEnvironment(server.endpoint);
}

/** Classic ELB refuses the checker in one region. */
const ELB_DENIED_IN_EU: FaultRule[] = [{ kind: 'access-denied', service: 'elb', region: 'eu-west-1' }];
const BOTH_REGIONS = ['--regions', 'us-east-1,eu-west-1'];

describe('exit codes, account mode', () => {
  test('0: a quiet day, everything checked; --json is pure JSON in the report schema', async () => {
    const result = await run(['check', '--json', '--regions', 'us-east-1'], await account(200));
    expect(result.status).toBe(EXIT.clean);
    const report = JSON.parse(result.stdout);
    expectValid(validateReport, report);
    expect(report).toMatchObject({ summary: { certificatesScanned: 1, complete: true }, findings: [] });
  });

  test('1: a finding (the same schema)', async () => {
    const result = await run(['check', '--json', '--regions', 'us-east-1'], await account(3));
    expect(result.status).toBe(EXIT.findings);
    expectValid(validateReport, JSON.parse(result.stdout));
  });

  test('1 over 3: a finding and a NOT CHECKED region; the gap is in the JSON and on the table', async () => {
    const env = await account(3, ELB_DENIED_IN_EU);
    const json = await run(['check', '--json', ...BOTH_REGIONS], env);
    expect(json.status).toBe(EXIT.findings);
    expect(JSON.parse(json.stdout).coverage.gaps).toEqual([
      expect.objectContaining({ region: 'eu-west-1', service: 'elb', reason: expect.stringContaining('AccessDenied') }),
    ]);
    const table = await run(['check', ...BOTH_REGIONS], env);
    expect(table.stdout).toMatch(/NOT CHECKED \(results may be incomplete\):\n {2}eu-west-1 Classic ELB listeners: /);
  });

  test('3: a NOT CHECKED region and nothing at or above --fail-on (a warning, --fail-on critical)', async () => {
    const env = await account(20, ELB_DENIED_IN_EU);
    const result = await run(['check', '--fail-on', 'critical', ...BOTH_REGIONS], env);
    expect(result.stdout).toMatch(/WARNING\s+19 days left\s+shop/);
    expect(result.status).toBe(EXIT.incomplete);
    // The same run by default: the warning fails it.
    expect((await run(['check', ...BOTH_REGIONS], env)).status).toBe(EXIT.findings);
  });

  test('0 with --fail-on critical when only a warning is flagged, everything checked', async () => {
    const result = await run(['check', '--fail-on', 'critical', '--regions', 'us-east-1'], await account(20));
    expect(result.status).toBe(EXIT.clean);
    expect(result.stdout).toMatch(/WARNING\s+19 days left/);
  });

  test('2: an AWS error before any result (access denied on the listing): one line, nothing on stdout', async () => {
    const denied: FaultRule[] = [{ kind: 'access-denied', service: 'iam', action: 'ListServerCertificates' }];
    const result = await run(['check', '--json', '--regions', 'us-east-1'], await account(3, denied));
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^check failed: AccessDenied: /)]);
  });
});

describe('exit codes, organization mode', () => {
  async function sample(webDays: number, sandboxRole: 'deployed' | 'missing') {
    server = await startAwsServer({
      scenario: estate(MANAGEMENT, 300),
      organization: organization(webDays, sandboxRole),
    });
    return loopbackEnvironment(server.endpoint);
  }

  test.each([
    ['0: every account checked, nothing flagged', 200, 'deployed', EXIT.clean],
    ['1: a finding in one account', 3, 'deployed', EXIT.findings],
    ['1 over 3: a finding, and an account not checked', 3, 'missing', EXIT.findings],
    ['3: an account not checked, nothing flagged', 200, 'missing', EXIT.incomplete],
  ] as const)('%s', async (_, webDays, sandboxRole, code) => {
    const result = await run(['check', '--organization', '--json'], await sample(webDays, sandboxRole));
    expect(result.status).toBe(code);
    expectValid(validateOrgReport, JSON.parse(result.stdout));
  });

  test('2: --ou names an OU the organization does not have: the id, and how to list the real ones', async () => {
    const result = await run(['check', '--organization', '--ou', 'ou-ab12-99999999'], await sample(200, 'deployed'));
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr).toBe(
      'check failed: --ou: ou-ab12-99999999 is not a root or OU of this organization (ParentNotFoundException); ' +
        '`aws organizations list-roots` and `aws organizations list-organizational-units-for-parent --parent-id ROOT_ID` list them.\n',
    );
  });

  test("--verbose: the organization's own calls and every account's, one line each", async () => {
    const result = await run(['check', '--organization', '--json', '--verbose'], await sample(200, 'deployed'));
    expect(result.status).toBe(EXIT.clean);
    const lines = result.stderr.trim().split('\n');
    for (const call of ['Organizations ListRoots', 'STS AssumeRole', 'IAM ListServerCertificates'])
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^aws: ${call} us-east-1 \\d+ ms$`)));
  });

  test('2: credentials outside any organization', async () => {
    const result = await run(['check', '--organization'], await account(200));
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr).toContain('this account is not in an AWS Organization');
  });
});

describe('2: could not run, with the cause and the fix', () => {
  test('a mistyped option and command get the nearest one; nothing on stdout', async () => {
    const flag = await run(['check', '--dyas', '3']);
    expect(flag).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(flag.stderr).toBe('unknown option --dyas (did you mean --days?)\nRun with --help for the options.\n');
    const command = await run(['chek']);
    expect(command).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(command.stderr).toMatch(/^unknown command "chek" \(did you mean check\?\)\n/);
  });

  test('--days 40 blames --days (the default --warning-days is 30), not --warning-days', async () => {
    const result = await run(['check', '--days', '40']);
    expect(result.status).toBe(EXIT.couldNotRun);
    expect(result.stderr.split('\n')[0]).toBe(
      '--days 40: the warning tier (--warning-days, default 30) must start before the critical threshold; ' +
        'give --warning-days greater than 40 (at most 365), or --warning-days 0 for no warning tier',
    );
    expect((await run(['check', '--days', '40', '--warning-days', '10'])).stderr).toMatch(
      /^Invalid options:\n {2}--warning-days: /,
    );
  });

  test('connection refused: the endpoint, and the AWS_ENDPOINT_URL that sent the call there', async () => {
    const env = await account(3);
    await server!.close();
    const result = await run(['check', '--regions', 'us-east-1'], env);
    server = undefined;
    const address = new URL(env.AWS_ENDPOINT_URL!).host;
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr).toBe(
      `check failed: cannot connect to ${address}: nothing is listening there (ECONNREFUSED). ` +
        `AWS_ENDPOINT_URL=${env.AWS_ENDPOINT_URL} sends AWS calls there: start that server (\`npm run local-aws\` prints its address), ` +
        'or unset AWS_ENDPOINT_URL to call AWS.\n',
    );
  });

  test('no credentials at all', async () => {
    const result = await run(['check'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
    expect(result.stderr).toBe(
      'check failed: no AWS credentials found: run `aws configure` or `aws sso login`, or give --profile NAME (or set AWS_PROFILE).\n',
    );
  });

  describe('profiles', () => {
    let config: string;
    beforeAll(() => {
      config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-profiles-')), 'config');
      // A profile with static keys (the loopback server takes any) and its own region.
      fs.writeFileSync(
        config,
        '[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIDLOOPBACKDEV00001\naws_secret_access_key = x\n',
      );
    });
    afterAll(() => fs.rmSync(path.dirname(config), { recursive: true, force: true }));

    test('AWS_PROFILE=nosuch names the missing profile, not "set AWS_PROFILE"', async () => {
      const result = await run(['check'], { AWS_CONFIG_FILE: config, AWS_PROFILE: 'nosuch' });
      expect(result).toMatchObject({ status: EXIT.couldNotRun, stdout: '' });
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'check failed: no AWS profile "nosuch" (AWS_PROFILE=nosuch) in the shared config or credentials file. ' +
          'Profiles there: dev. To create it: `aws configure --profile nosuch` (or `aws configure sso`).',
      );
    });

    test('--profile deev: the nearest profile', async () => {
      const result = await run(['check', '--profile', 'deev'], { AWS_CONFIG_FILE: config });
      expect(result.stderr).toContain(
        'no AWS profile "deev" (--profile deev) in the shared config or credentials file: did you mean dev?',
      );
    });

    test("--profile dev: its credentials and its region (--verbose shows each call's region); --region overrides", async () => {
      const env = await account(3);
      const profileEnv = { AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL!, AWS_CONFIG_FILE: config };
      const dev = await run(['check', '--profile', 'dev', '--regions', 'us-east-1', '--verbose'], profileEnv);
      expect(dev.status).toBe(EXIT.findings);
      expect(dev.stderr).toMatch(/^aws: IAM ListServerCertificates eu-west-1 \d+ ms$/m);
      const region = await run(['check', '--profile', 'dev', '--region', 'ap-southeast-2', '--verbose'], profileEnv);
      expect(region.stderr).toMatch(/^aws: IAM ListServerCertificates ap-southeast-2 \d+ ms$/m);
    });
  });
});

describe('flags every command takes', () => {
  test('--help, root and check: usage with the exit-code table, nothing on stderr', async () => {
    for (const args of [['--help'], ['check', '--help']]) {
      const help = await run(args);
      expect(help).toMatchObject({ status: EXIT.clean, stderr: '' });
      expect(help.stdout).toContain('Exit codes (account and organization modes');
      for (const code of [0, 1, 2, 3]) expect(help.stdout).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'));
    }
  });

  test('--version, root and per command: the name and version of package.json', async () => {
    const { name, version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    for (const args of [['--version'], ['check', '--version'], ['demo', '--version']])
      expect(await run(args)).toEqual({ status: 0, stdout: `${name} ${version}\n`, stderr: '' });
  });

  test('--verbose: one stderr line per AWS call (service, action, region, duration; the error when one failed)', async () => {
    const env = await account(3, ELB_DENIED_IN_EU);
    const result = await run(['check', '--json', '--verbose', ...BOTH_REGIONS], env);
    JSON.parse(result.stdout);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      lines.map(() => expect.stringMatching(/^aws: \S+ \S+ [a-z0-9-]+ \d+ ms(, \d+ attempts)?(, \w+)?$/)),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^aws: IAM ListServerCertificates us-east-1 \d+ ms$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^aws: ElasticLoadBalancing DescribeLoadBalancers eu-west-1 \d+ ms, AccessDenied$/),
    );
  });

  test('--verbose: a call the SDK retried says how many attempts it took', async () => {
    const throttled: FaultRule[] = [{ kind: 'throttle', service: 'iam', action: 'ListServerCertificates', count: 2 }];
    const result = await run(['check', '--verbose', '--regions', 'us-east-1'], await account(200, throttled));
    expect(result.status).toBe(EXIT.clean);
    expect(result.stderr).toMatch(/^aws: IAM ListServerCertificates us-east-1 \d+ ms, 3 attempts$/m);
  });

  test('--quiet: findings only; a quiet day prints nothing at all', async () => {
    const quiet = await run(['check', '--quiet', '--regions', 'us-east-1'], await account(200));
    expect(quiet).toEqual({ status: EXIT.clean, stdout: '', stderr: '' });
  });

  test('--quiet with findings: the table, and no note on stderr (the Node.js one included)', async () => {
    const env = { ...(await account(3)), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '' };
    const result = await run(['check', '--quiet', '--regions', 'us-east-1'], env);
    expect(result).toMatchObject({ status: EXIT.findings, stderr: '' });
    expect(result.stdout).toMatch(/CRITICAL\s+2 days left\s+shop/);
  });

  describe('colour: on a terminal only, off with NO_COLOR or --no-color', () => {
    /** The bin on a pseudo-terminal (util-linux `script`), as a user at a terminal runs it. */
    const onTerminal = (args: string[], env: Record<string, string>) =>
      run(['-qec', [process.execPath, CLI, ...args].join(' '), '/dev/null'], env, ['script']);
    const critical = `${SEVERITY_COLOURS.critical}CRITICAL\x1b[0m`;

    test('a terminal: the severity in colour; a pipe: none', async () => {
      const env = await account(3);
      const terminal = await onTerminal(['check', '--regions', 'us-east-1'], env);
      expect(terminal.status).toBe(EXIT.findings);
      expect(terminal.stdout).toContain(critical);
      const piped = await run(['check', '--regions', 'us-east-1'], env);
      expect(piped.stdout).toContain('CRITICAL');
      expect(piped.stdout).not.toContain('\x1b[');
    });

    test.each([
      ['NO_COLOR=1', [], { NO_COLOR: '1' }],
      ['--no-color', ['--no-color'], {}],
    ])('%s on a terminal: no colour', async (_, flags, extra) => {
      const terminal = await onTerminal(['check', '--regions', 'us-east-1', ...flags], {
        ...(await account(3)),
        ...extra,
      });
      expect(terminal.stdout).toMatch(/CRITICAL\s+2 days left/);
      expect(terminal.stdout).not.toContain('\x1b[');
    });
  });
});

describe('the Node.js notice', () => {
  const notice = nodeSupportNotice(process.version);
  const noteLines = (stderr: string) => stderr.split('\n').filter((l) => /Node\.js|NodeVersionSupportWarning/.test(l));

  test("once, on stderr, in place of the SDK's warning; stdout stays JSON", async () => {
    const env = { ...(await account(200)), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '' };
    const result = await run(['check', '--json', '--regions', 'us-east-1'], env);
    JSON.parse(result.stdout);
    expect(noteLines(result.stderr)).toEqual(notice ? [notice] : []);
  });

  test("silenced by the SDK's own variable (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true)", async () => {
    const env = { ...(await account(200)), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const result = await run(['check', '--regions', 'us-east-1'], env);
    expect(result).toMatchObject({ status: EXIT.clean, stderr: '' });
  });
});

test('npm run local-aws -- --help: usage, not a stack trace; a bad flag: usage and exit 2', async () => {
  const serve = path.join(__dirname, '..', '..', 'local-aws', 'serve.ts');
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const help = await run(['--help'], {}, [tsx, serve]);
  expect(help).toMatchObject({ status: 0, stderr: '' });
  expect(help.stdout).toMatch(/^Usage: npm run local-aws \[-- options\]\n/);
  const bad = await run(['--prot', '5799'], {}, [tsx, serve]);
  expect(bad).toMatchObject({ status: 2, stdout: '' });
  expect(bad.stderr).toContain('Usage: npm run local-aws');
  expect(bad.stderr).not.toMatch(/^\s+at /m);
});
