/**
 * Every output format as a user gets it: the package's bin (bin/cli.js) run as a child process against the loopback
 * server serving the sample estate or the sample organization (`npm run local-aws`), its output parsed and
 * validated (JSON: the report schemas; CSV: csv-parse; OCSF: the class definition; ASFF: the sink's limits, then
 * imported into the loopback Security Hub), `-o FILE`, the organization table, and the progress line on a
 * pseudo-terminal (util-linux `script`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { parse } from 'csv-parse/sync';
import { clientConfig, scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { loopbackEnvironment } from '../../local-aws/lambda-harness';
import { serve } from '../../local-aws/serve';
import { CSV_COLUMNS } from '../../lambda/render/csv-report';
import { SEVERITY_COLOURS } from '../../lambda/render/terminal-table';
import { asffRequestProblems } from '../lambda/render/asff-limits';
import { ocsfProblems } from '../lambda/render/ocsf-class';
import { expectValid, validateOrgReport, validateReport } from '../lambda/render/support';

const CLI = path.join(__dirname, '..', '..', 'bin', 'cli.js');
const SAMPLE_ACCOUNT = '123456789012';
let server: AwsServer | undefined;
let env: Record<string, string> = {};

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves the sample estate or organization as `npm run local-aws` does, with the environment it prints. */
async function sample(organization: boolean): Promise<void> {
  const served = await serve({ organization });
  server = served.server;
  env = Object.fromEntries(
    served.environment.flatMap((line) =>
      line
        .replace(/^export /, '')
        .split(' ')
        .map((kv) => kv.split('=') as [string, string]),
    ),
  );
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with the loopback environment; asynchronous, since the server lives in this process. */
function spawnWithEnv(command: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const check = (...args: string[]) => spawnWithEnv(process.execPath, [CLI, 'check', ...args]);

/** The same, with stdout and stderr on a pseudo-terminal: what a person at a terminal sees, in one stream. */
function checkOnTerminal(...args: string[]): Promise<Run> {
  const command = [process.execPath, CLI, 'check', ...args].map((word) => `'${word}'`).join(' ');
  return spawnWithEnv('script', ['-qfec', command, '/dev/null']);
}

/** stderr without the Node.js support note (another concern's, shown on Node 20). */
const stderrLines = (run: Run) =>
  run.stderr
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('note: Node.js'))
    .join('\n');

const csvRows = (text: string) =>
  parse(text, { columns: true, relax_quotes: false, relax_column_count: false }) as Record<string, string>[];

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { Findings: AwsSecurityFinding[] });

describe('one account (the sample estate)', () => {
  beforeEach(() => sample(false));

  test('--format json and its alias --json: the report schema, the same findings', async () => {
    const [format, alias] = await Promise.all([check('--format', 'json'), check('--json')]);
    expect([format.status, alias.status]).toEqual([1, 1]);
    const report = JSON.parse(format.stdout);
    expectValid(validateReport, report);
    expect(report.findings.length).toBe(8);
    expect(JSON.parse(alias.stdout).findings.map((f: { name: string }) => f.name)).toEqual(
      report.findings.map((f: { name: string }) => f.name),
    );
    expect(stderrLines(format)).toBe('');
  });

  test('--format csv: parses, one row per certificate and place, the header first', async () => {
    const run = await check('--format', 'csv');
    expect(run.status).toBe(1);
    expect(run.stdout.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = csvRows(run.stdout);
    expect(new Set(rows.map((r) => r.certificate_name)).size).toBe(8);
    expect(rows.every((r) => r.account_id === SAMPLE_ACCOUNT)).toBe(true);
    // A certificate served at several places has a row for each; the unused one has one row and no place.
    const unused = rows.filter((r) => r.severity === 'unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]!.place_type).toBe('');
    expect(rows.length).toBeGreaterThan(8);
  });

  test('--format ocsf: an array of valid OCSF 1.6.0 Detection Findings', async () => {
    const run = await check('--format', 'ocsf');
    expect(run.status).toBe(1);
    const events = JSON.parse(run.stdout) as unknown[];
    expect(events).toHaveLength(8);
    for (const event of events) expect(ocsfProblems(event)).toEqual([]);
  });

  test('--format asff: one import request within the limits, which Security Hub CSPM imports as it is', async () => {
    const run = await check('--format', 'asff');
    expect(run.status).toBe(1);
    const requests = jsonLines(run.stdout);
    expect(requests).toHaveLength(1);
    expect(asffRequestProblems(requests[0]!)).toEqual([]);
    expect(requests[0]!.Findings).toHaveLength(8);
    const securityHub = new SecurityHubClient(clientConfig(server!));
    try {
      const result = await securityHub.send(new BatchImportFindingsCommand(requests[0]!));
      expect(result).toMatchObject({ SuccessCount: 8, FailedCount: 0 });
    } finally {
      securityHub.destroy();
    }
    expect(server!.securityHubFindings(SAMPLE_ACCOUNT, 'us-east-1')).toHaveLength(8);
  });

  test('--format email: the email body the monitor sends', async () => {
    const run = await check('--format', 'email');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^IAM SERVER CERTIFICATE EXPIRY ALERT - acme-prod \(123456789012\)\n/);
    expect(run.stdout).toContain('About this alert');
  });

  test('-o FILE: the format in the file, the table on stdout, where it went on stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'check-output-'));
    try {
      const file = path.join(dir, 'findings.csv');
      const run = await check('--format', 'csv', '-o', file);
      expect(run.status).toBe(1);
      expect(csvRows(readFileSync(file, 'utf8')).length).toBeGreaterThan(8);
      expect(run.stdout).toMatch(/^8 of 15 IAM server certificates need attention in account 123456789012/);
      expect(stderrLines(run)).toBe(`Wrote the csv output to ${file}.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad --format, or --json with another format: exit 2 before any AWS call', async () => {
    const bad = await check('--format', 'xml');
    expect(bad.status).toBe(2);
    expect(stderrLines(bad)).toBe(
      'Invalid options:\n  --format: expected one of table, json, csv, ocsf, asff, email, got "xml"',
    );
    const both = await check('--json', '--format', 'csv');
    expect(both.status).toBe(2);
    expect(stderrLines(both)).toContain('--json is --format json');
    expect(server!.requests).toHaveLength(0);
  });
});

describe('one account with nothing to report, or not everything read', () => {
  async function account(expiresInDays: number, faults: readonly FaultRule[] = []) {
    const scenario = scenarioBuilder({ now: new Date() })
      .account(SAMPLE_ACCOUNT, 'acme-prod')
      .regions('us-east-1', 'eu-west-1')
      .certificate('shop', { expiresInDays })
      .alb('us-east-1', 'shop-alb', 'shop')
      .build();
    server = await startAwsServer({ scenario, faults });
    env = loopbackEnvironment(server.endpoint);
  }

  test('a quiet day: the CSV header alone, an empty OCSF array, no import request; exit 0', async () => {
    await account(200);
    const [csv, ocsf, asff] = await Promise.all(['csv', 'ocsf', 'asff'].map((format) => check('--format', format)));
    expect([csv.status, ocsf.status, asff.status]).toEqual([0, 0, 0]);
    expect(csv.stdout).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(JSON.parse(ocsf.stdout)).toEqual([]);
    expect(asff.stdout).toBe('');
  });

  test('a region that could not be read: named on stderr beside the CSV, places_complete false', async () => {
    await account(3, [{ kind: 'access-denied', service: 'elb', region: 'eu-west-1' }]);
    const run = await check('--format', 'csv', '--regions', 'us-east-1,eu-west-1');
    expect(run.status).toBe(1);
    expect(csvRows(run.stdout).map((r) => r.places_complete)).toEqual(['false']);
    expect(stderrLines(run)).toMatch(
      /^Not everything could be checked \(results may be incomplete\):\n {2}eu-west-1 Classic ELB listeners: .*AccessDenied/,
    );
  });
});

describe('an organization (the sample organization)', () => {
  beforeEach(() => sample(true));

  /** The sample organization: findings in two accounts, one account whose role is missing, one suspended. */
  const WITH_FINDINGS = ['222222222222', '333333333333'];

  test('the table: one table per account with findings, a line per account not checked in full', async () => {
    const run = await check('--organization');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^3 IAM server certificates in 2 of 6 AWS accounts need attention/);
    expect(run.stdout).toMatch(
      /== 222222222222 \(acme-prod-web\) ==\n2 of 3 IAM server certificates need attention[\s\S]*\nHOSTNAMES +SEVERITY/,
    );
    expect(run.stdout).toContain('== 333333333333 (acme-prod-api) ==');
    expect(run.stdout).toContain(
      'NOT CHECKED IN FULL (1) - these accounts may hold more findings:\n' +
        '  444444444444 (acme-sandbox): not checked (role not found or not assumable)\n',
    );
    expect(run.stdout).toContain('SKIPPED (1):\n  666666666666 (acme-old): suspended (state SUSPENDED)');
    expect(run.stdout).not.toContain('About this alert');
    // Not a terminal: no progress line.
    expect(stderrLines(run)).toBe('');
  });

  test('--format email: the digest, every account section in full', async () => {
    const run = await check('--organization', '--format', 'email');
    expect(run.stdout).toMatch(/^IAM SERVER CERTIFICATE EXPIRY - AWS ORGANIZATION DIGEST\n/);
    for (const id of WITH_FINDINGS) expect(run.stdout).toContain(`# ACCOUNT ${id}`);
  });

  test('--format json: the org report schema', async () => {
    const run = await check('--organization', '--format', 'json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expectValid(validateOrgReport, report);
    expect(report.reports.map((r: { account: { id: string } }) => r.account.id)).toEqual(WITH_FINDINGS);
    expect(stderrLines(run)).toBe('');
  });

  test('csv, ocsf and asff cover every account, each record naming its account; stderr names the one not checked', async () => {
    const [csv, ocsf, asff] = await Promise.all(
      ['csv', 'ocsf', 'asff'].map((format) => check('--organization', '--format', format)),
    );
    expect(new Set(csvRows(csv.stdout).map((r) => r.account_id))).toEqual(new Set(WITH_FINDINGS));
    const events = JSON.parse(ocsf.stdout) as { cloud: { account: { uid: string } } }[];
    for (const event of events) expect(ocsfProblems(event)).toEqual([]);
    expect(events.map((e) => e.cloud.account.uid)).toEqual(['222222222222', '222222222222', '333333333333']);
    // One request per account: each is imported with that account's own credentials.
    const requests = jsonLines(asff.stdout);
    expect(requests.map((r) => r.Findings.map((f) => f.AwsAccountId))).toEqual([
      ['222222222222', '222222222222'],
      ['333333333333'],
    ]);
    for (const request of requests) expect(asffRequestProblems(request)).toEqual([]);
    for (const run of [csv, ocsf, asff]) {
      expect(run.status).toBe(1);
      expect(stderrLines(run)).toBe(
        'Not everything could be checked (results may be incomplete):\n' +
          '  444444444444 (acme-sandbox): not checked (role not found or not assumable)',
      );
    }
  });

  test('on a terminal: one progress line on stderr, rewritten, then ended before the table', async () => {
    const run = await checkOnTerminal('--organization');
    expect(run.status).toBe(1);
    // The terminal's erase-to-end-of-line, named so that the patterns below hold no control character.
    const seen = run.stdout.replaceAll('\u001b[K', '<erase>');
    const progress = [...seen.matchAll(/\r(Checked \d+ of 5 accounts: [^\r\n<]*)<erase>/g)].map((m) => m[1]);
    expect(progress[0]).toBe('Checked 0 of 5 accounts: 0 certificates flagged, 0 accounts not checked so far');
    expect(progress.at(-1)).toBe('Checked 5 of 5 accounts: 3 certificates flagged, 1 account not checked so far');
    expect(progress).toHaveLength(6);
    // The line is ended, so the table starts on a line of its own.
    expect(seen).toMatch(/not checked so far<erase>\r?\n3 IAM server certificates in 2 of 6 AWS accounts/);
  });

  test('on a terminal: each account table in colour as in account mode; a file written with -o gets none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'check-output-'));
    try {
      const file = path.join(dir, 'organization.txt');
      const run = await checkOnTerminal('--organization', '-o', file);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`${SEVERITY_COLOURS.expired}EXPIRED`);
      const written = readFileSync(file, 'utf8');
      expect(written).toContain('== 222222222222 (acme-prod-web) ==');
      expect(written).not.toContain('\u001b[');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('on a terminal with --format json: nothing but the JSON', async () => {
    const run = await checkOnTerminal('--organization', '--format', 'json');
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('Checked 0 of');
    const json = run.stdout.slice(run.stdout.indexOf('{'));
    expectValid(validateOrgReport, JSON.parse(json));
  });
});
