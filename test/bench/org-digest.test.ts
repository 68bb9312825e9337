/**
 * The organization digest bench's pure parts: the route from `npm run bench`, the org report it builds, and the
 * summary it reads back from the publish requests, and the publish measurement's counts. Timings are reported by
 * the bench, never asserted here.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isOrgDigestBench } from '../../bench/org-digest';
import { orgDigestReport } from '../../bench/org-digest-report';
import { summariseOrgRequests, summaryProblems } from '../../bench/org-digest-summary';
import { measureOrgPublish } from '../../bench/org-publish';
import { SNS_DIGEST_PUBLISHES_IN_FLIGHT } from '../../lambda/sinks/sns-digest-sink';
import { renderOrgPublishRequests, type OrgPublishRequest } from '../../lambda/render/org-publish-requests';
import { usageType } from '../../lambda/domain/usage-place';

test('org-digest-<N> (one or a list) is routed to the digest bench, nothing else is', () => {
  expect(isOrgDigestBench(['--scenarios', 'org-digest-500'])).toBe(true);
  expect(isOrgDigestBench(['--scenarios', 'org-digest-100,org-digest-2000', '--no-write'])).toBe(true);
  expect(isOrgDigestBench(['--scenarios', 'org-500'])).toBe(false);
  expect(isOrgDigestBench(['--scenarios', 'org-digest-100,large'])).toBe(false);
  expect(isOrgDigestBench(['org-digest-100'])).toBe(false);
  expect(isOrgDigestBench([])).toBe(false);
});

test('npm run bench -- --scenarios org-digest-<N> --help, and a bad flag is one line and exit 2', () => {
  const root = path.resolve(__dirname, '..', '..');
  const bench = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/run.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
  const help = bench('--scenarios', 'org-digest-100', '--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('--runs N');
  const bad = bench('--scenarios', 'org-digest-100', '--runs', '0');
  expect({ status: bad.status, stdout: bad.stdout }).toEqual({ status: 2, stdout: '' });
  expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining('--runs: expected a whole number >= 1')]);
}, 90_000);

describe('orgDigestReport', () => {
  const org = orgDigestReport({ accounts: 12, largeAccountCertificates: 40, notChecked: 3 });

  test('N members with 1-3 findings, the large account, and the accounts not checked', () => {
    expect(org.accounts).toHaveLength(13);
    expect(org.notChecked).toHaveLength(3);
    expect(org.accountsListed).toBe(16);
    expect(org.accountsChecked).toBe(13);
    const sizes = org.accounts.map((a) => a.report.findings.length).sort((a, b) => a - b);
    expect(sizes).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 40]);
  });

  test('severities vary, and every finding is served by ALB and Classic ELB listeners', () => {
    const findings = org.accounts.flatMap((a) => a.report.findings);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['expired', 'critical', 'warning', 'unknown']));
    for (const f of findings) expect(f.usages.map(usageType).sort()).toEqual(['application', 'application', 'classic']);
  });

  test('most urgent account first, and the same report on every build (fixed clock)', () => {
    expect(org.accounts[0]!.report.findings[0]!.severity).toBe('expired');
    expect(orgDigestReport({ accounts: 12, largeAccountCertificates: 40, notChecked: 3 })).toEqual(org);
  });

  test('without the large account', () => {
    const small = orgDigestReport({ accounts: 2, largeAccountCertificates: 0, notChecked: 0 });
    expect(small.accounts.map((a) => a.account.accountName).sort()).toEqual(['member-0', 'member-1']);
  });
});

describe('summariseOrgRequests', () => {
  const part = (json: object): OrgPublishRequest => ({
    subject: 's',
    message: JSON.stringify({ default: 'x', sqs: JSON.stringify(json) }),
    messageAttributes: { scope: 'organization' },
  });
  const account = (id: string): OrgPublishRequest => ({
    subject: 'a',
    message: id,
    messageAttributes: { scope: 'account' },
  });

  test('counts distinct accounts with a section, the last part`s omitted count and every unrendered section', () => {
    const digest = [
      part({
        reports: [{ account: { id: '1' } }, { account: { id: '2' } }],
        unrenderedSections: [{}],
        sectionsOmitted: 0,
      }),
      part({ reports: [{ account: { id: '2' } }], unrenderedSections: [{}, {}], sectionsOmitted: 7 }),
    ];
    const summary = summariseOrgRequests({ digest, accounts: [account('1'), account('22')] });
    expect(summary).toMatchObject({
      digestParts: 2,
      accountsWithSection: 2,
      accountsCountedWithoutSection: 7,
      unrenderedSections: 3,
      accountMessages: 2,
    });
    // SNS counts the subject, the message and each attribute's name, data type ("String") and value (ASCII here).
    const sns = (r: OrgPublishRequest) =>
      r.subject.length +
      r.message.length +
      Object.entries(r.messageAttributes).reduce((n, [k, v]) => n + k.length + 6 + v.length, 0);
    const all = [...digest, account('1'), account('22')];
    expect(summary.largestRequestBytes).toBe(Math.max(...all.map(sns)));
    expect(summary.largestRequestBytes).toBe(sns(digest[0]!));
    expect(summary.totalBytes).toBe(all.reduce((n, r) => n + sns(r), 0));
  });

  test('a digest without the bounds fields (the release before them) counts them as 0', () => {
    const summary = summariseOrgRequests({ digest: [part({ reports: [{ account: { id: '9' } }] })], accounts: [] });
    expect(summary).toMatchObject({ accountsWithSection: 1, accountsCountedWithoutSection: 0, unrenderedSections: 0 });
  });

  test('no requests at all', () => {
    expect(summariseOrgRequests({ digest: [], accounts: [] })).toEqual({
      digestParts: 0,
      accountsWithSection: 0,
      accountsCountedWithoutSection: 0,
      unrenderedSections: 0,
      accountMessages: 0,
      largestRequestBytes: 0,
      totalBytes: 0,
    });
  });

  test('of a real rendering: every account has a section in one part and its own message', () => {
    const org = orgDigestReport({ accounts: 4, largeAccountCertificates: 0, notChecked: 1 });
    const summary = summariseOrgRequests(renderOrgPublishRequests({ ...org, runId: 'r' }));
    expect(summary).toMatchObject({
      digestParts: 1,
      accountsWithSection: 4,
      accountsCountedWithoutSection: 0,
      unrenderedSections: 0,
      accountMessages: 4,
    });
    expect(summaryProblems(summary)).toEqual([]);
  });
});

test('summaryProblems names a request over the SNS Publish limit', () => {
  const summary = summariseOrgRequests({ digest: [], accounts: [] });
  expect(summaryProblems({ ...summary, largestRequestBytes: 262_144 })).toEqual([]);
  expect(summaryProblems({ ...summary, largestRequestBytes: 262_145 })).toEqual([
    'a request of 262145 bytes is over the 262144-byte SNS Publish limit',
  ]);
});

test('measureOrgPublish publishes every request of the run through the sink to the loopback server', async () => {
  const org = {
    ...orgDigestReport({ accounts: 12, largeAccountCertificates: 0, notChecked: 1 }),
    runId: 'bench-test',
    reportLocation: 's3://run-data/runs/bench-test/',
  };
  const requests = renderOrgPublishRequests(org);
  const expected = requests.digest.length + [...requests.accounts].length;

  const result = await measureOrgPublish(org, 0);

  expect(result).toMatchObject({ latencyMs: 0, calls: expected, inFlight: SNS_DIGEST_PUBLISHES_IN_FLIGHT, boundS: 0 });
  expect(result.wallS).toBeGreaterThan(0);
});
