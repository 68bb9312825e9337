/**
 * The package's bin as a user runs it (`npx iam-cert-expiry-monitor check ...` runs bin/cli.js), against the loopback
 * AWS server: exit codes, stdout that parses as JSON, help without notices.
 */
import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule } from '../../local-aws';
import { loopbackEnvironment } from '../../local-aws/lambda-harness';
import { runCli as run } from './run-cli';
import { expectValid, validateReport } from '../lambda/render/support';

let server: AwsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function account(expiresInDays: number, faults: readonly FaultRule[] = []) {
  const scenario = scenarioBuilder({ now: new Date() })
    .account('123456789012', 'acme-prod')
    .regions('us-east-1', 'eu-west-1')
    .certificate('shop', { expiresInDays })
    .alb('us-east-1', 'shop-alb', 'shop')
    .build();
  server = await startAwsServer({ scenario, faults });
  return loopbackEnvironment(server.endpoint, { REGIONS: 'us-east-1' });
}

/** Classic ELB refuses the checker in one region. */
const ELB_DENIED_IN_EU: FaultRule[] = [{ kind: 'access-denied', service: 'elb', region: 'eu-west-1' }];

test('check --json on a quiet day: exit 0, pure JSON in the report schema', async () => {
  const result = await run(['check', '--json', '--regions', 'us-east-1'], await account(200));
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout);
  expectValid(validateReport, report);
  expect(report).toMatchObject({
    account: { id: '123456789012' },
    summary: { certificatesScanned: 1, complete: true },
    findings: [],
  });
});

test('check --json with a finding: exit 1, the same schema', async () => {
  const result = await run(['check', '--json', '--regions', 'us-east-1'], await account(3));
  expect(result.status).toBe(1);
  const report = JSON.parse(result.stdout);
  expectValid(validateReport, report);
  expect(report.findings).toHaveLength(1);
});

test('--help: usage with the exit codes, no Node.js notice; a bad option: exit 2', async () => {
  const help = await run(['check', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: npx iam-cert-expiry-monitor check [options]');
  expect(help.stdout).toContain('2  not everything could be checked');
  expect(help.stderr).toBe('');
  const bad = await run(['check', '--nope']);
  expect(bad.status).toBe(2);
  expect(bad.stdout).toBe('');
  const unknown = await run(['frobnicate']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown command "frobnicate"');
});

describe('a fault the scan cannot get past', () => {
  test("access denied on a region's Classic ELB with a finding: exit 1 (findings come first), the gap in the JSON", async () => {
    const result = await run(
      ['check', '--json', '--regions', 'us-east-1,eu-west-1'],
      await account(3, ELB_DENIED_IN_EU),
    );
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expectValid(validateReport, report);
    expect(report.summary).toMatchObject({ complete: false });
    expect(report.coverage.gaps).toEqual([
      expect.objectContaining({ region: 'eu-west-1', service: 'elb', reason: expect.stringContaining('AccessDenied') }),
    ]);
  });

  test('the same on the table: NOT CHECKED names the region', async () => {
    const result = await run(['check', '--regions', 'us-east-1,eu-west-1'], await account(3, ELB_DENIED_IN_EU));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/NOT CHECKED \(results may be incomplete\):\n {2}eu-west-1 Classic ELB listeners: /);
  });

  test('access denied on the certificate listing: exit 2, one line on stderr (no stack), nothing on stdout', async () => {
    const denied: FaultRule[] = [{ kind: 'access-denied', service: 'iam', action: 'ListServerCertificates' }];
    const result = await run(['check', '--json', '--regions', 'us-east-1'], await account(3, denied));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    // Besides the Node.js support note (on Node 20), the one line of the failure: no stack trace.
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('note: Node.js'));
    expect(lines).toEqual([expect.stringMatching(/^check failed: AccessDenied: /)]);
  });
});
