import { commaSeparated, exitCodeOf } from '../../bin/check';
import { DEFAULT_FAIL_ON, EXIT_CODES, fails } from '../../bin/exit-code';
import { orgExitCodeOf } from '../../bin/check-organization';
import { quietDayReport } from '../../bin/quiet-day-report';
import { buildOrgReport, type AccountOutcome } from '../../lambda/domain/org-report';
import { renderOrgTable } from '../../lambda/render/org-terminal';
import { REALISTIC_NOW } from '../fixtures/reports/realistic';
import { account, reportFor } from '../lambda/org/support';
import { renderJsonReport } from '../../lambda/render/json-report';
import { expectValid, finding, report, validateReport } from '../lambda/render/support';

describe('one exit-code table', () => {
  const gap = { region: 'eu-west-1', service: 'elbv2', reason: 'AccessDenied' } as const;
  const tags = { region: 'global', service: 'iam', reason: 'could not read the tags of shop: AccessDenied' } as const;
  test.each([
    ['a quiet day, everything checked', { gaps: [] }, 0],
    ['a quiet day whose tags could not all be read', { gaps: [tags] }, 3],
    ['findings, everything checked', { report: report([finding('shop')]), gaps: [] }, 1],
    [
      'findings and a NOT CHECKED region',
      {
        report: report([finding('shop')], {
          coverage: { regionsScanned: [], gaps: [gap], regionsNotChecked: [], complete: false },
        }),
        gaps: [gap],
      },
      1,
    ],
    [
      'no findings but a NOT CHECKED region',
      {
        report: report([], { coverage: { regionsScanned: [], gaps: [gap], regionsNotChecked: [], complete: false } }),
        gaps: [gap],
      },
      3,
    ],
  ])('%s -> %i', (_, outcome, code) => {
    expect(exitCodeOf(outcome)).toBe(code);
  });

  const incomplete = { regionsScanned: [], gaps: [gap], regionsNotChecked: [], complete: false };
  test.each([
    ['a warning, --fail-on critical', [finding('shop', 'warning', 20)], [], 'critical', 0],
    ['a warning and a NOT CHECKED region, --fail-on critical', [finding('shop', 'warning', 20)], [gap], 'critical', 3],
    ['an expired certificate, --fail-on critical', [finding('shop', 'expired', -1)], [], 'critical', 1],
    ['a critical one, --fail-on critical', [finding('shop', 'critical', 2)], [], 'critical', 1],
    ['an unused one, --fail-on warning', [finding('shop', 'unused', 2)], [], 'warning', 0],
    ['an unused one, the default', [finding('shop', 'unused', 2)], [], DEFAULT_FAIL_ON, 1],
    ['an expired one, --fail-on none', [finding('shop', 'expired', -1)], [], 'none', 0],
    ['an expired one and a gap, --fail-on none', [finding('shop', 'expired', -1)], [gap], 'none', 3],
  ] as const)('%s -> %i', (_, findings, gaps, failOn, code) => {
    const r = report([...findings], gaps.length > 0 ? { coverage: incomplete } : {});
    expect(exitCodeOf({ report: r, gaps: [...gaps] }, failOn)).toBe(code);
  });

  test('--fail-on SEVERITY fails on that severity and every more urgent one', () => {
    expect(['expired', 'critical', 'warning', 'unknown', 'unused'].filter((s) => fails(s as never, 'warning'))).toEqual(
      ['expired', 'critical', 'warning'],
    );
  });

  test('the table names every code once, "could not run" first', () => {
    expect([...EXIT_CODES.matchAll(/^ {2}(\d) {2}/gm)].map((m) => m[1])).toEqual(['2', '1', '3', '0']);
  });
});

test('--ou a,b and a repeated --ou give the same list', () => {
  expect(commaSeparated(['ou-ab12-1,ou-ab12-2', ' r-ab12 '])).toEqual(['ou-ab12-1', 'ou-ab12-2', 'r-ab12']);
});

test("a quiet day's JSON has the schema of a day with findings", () => {
  const quiet = quietDayReport({
    accountId: '123456789012',
    generatedAt: new Date('2026-03-14T08:00:00Z'),
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: 12,
  });
  expectValid(validateReport, JSON.parse(renderJsonReport(quiet)));
});

test("a quiet day's JSON carries what could not be checked, and is not complete", () => {
  const gap = { region: 'global', service: 'iam', reason: 'could not read the tags of shop: AccessDenied' } as const;
  const quiet = quietDayReport({
    accountId: '123456789012',
    generatedAt: new Date('2026-03-14T08:00:00Z'),
    thresholds: { thresholdDays: 7, warningDays: 30 },
    certificatesScanned: 12,
    gaps: [gap],
  });
  const json = JSON.parse(renderJsonReport(quiet));
  expectValid(validateReport, json);
  expect(json.summary.complete).toBe(false);
  expect(json.coverage.gaps).toEqual([gap]);
});

describe('organization mode, the same table', () => {
  const A = account('222222222222', 'web');
  const B = account('333333333333', 'api');
  const gap = { region: 'eu-west-1', service: 'elb', reason: 'AccessDenied' } as const;
  const org = (outcomes: AccountOutcome[]) => buildOrgReport({ generatedAt: REALISTIC_NOW, listed: [A, B], outcomes });
  const quiet = (a: typeof A) => ({ status: 'checked', account: a, certificatesScanned: 3 }) as const;

  test.each([
    ['every account checked, nothing flagged', [quiet(A), quiet(B)], 0],
    ['an account not checked', [quiet(A), { status: 'not-checked', account: B, reason: 'role not found' }], 3],
    ['an account checked with gaps and no findings', [quiet(A), { ...quiet(B), gaps: [gap] }], 3],
    [
      'a report with no findings but a region gap',
      [
        quiet(A),
        { ...quiet(B), report: { ...reportFor(B.accountId, []), coverage: { regionsScanned: [], gaps: [gap] } } },
      ],
      3,
    ],
    [
      'findings in one account, gaps in another',
      [
        { ...quiet(A), report: reportFor(A.accountId, [1]) },
        { ...quiet(B), gaps: [gap] },
      ],
      1,
    ],
  ] as [string, AccountOutcome[], number][])('%s -> %i', (_, outcomes, code) => {
    expect(orgExitCodeOf(org(outcomes))).toBe(code);
  });

  test('--fail-on critical: an account whose only findings are warnings, with a gap, is incomplete (3), not clean', () => {
    // reportFor keeps the realistic report's findings by index (4 is a warning), and its coverage, which has gaps.
    const gapped = reportFor(A.accountId, [4]);
    const complete = { regionsScanned: ['us-east-1'], gaps: [], regionsNotChecked: [], complete: true };
    const warningOnly = { ...quiet(A), report: { ...gapped, coverage: complete } };
    expect(gapped.coverage.complete).toBe(false);
    expect(warningOnly.report.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(orgExitCodeOf(org([warningOnly, quiet(B)]), 'critical')).toBe(0);
    expect(orgExitCodeOf(org([{ ...warningOnly, report: gapped }, quiet(B)]), 'critical')).toBe(3);
    expect(orgExitCodeOf(org([{ ...warningOnly, report: gapped }, quiet(B)]))).toBe(1);
  });

  test('the partly checked accounts are named, one line each, with what was not checked', () => {
    const acm = { region: 'us-west-2', service: 'acm', reason: 'Throttling' } as const;
    const report = org([quiet(A), { ...quiet(B), gaps: [gap, acm] }]);
    expect(report.partlyChecked).toEqual([{ account: B, gaps: [gap, acm] }]);
    expect(renderOrgTable(report)).toContain(
      'NOT CHECKED IN FULL (1) - these accounts may hold more findings:\n' +
        '  333333333333 (api): partly checked; eu-west-1 Classic ELB listeners: AccessDenied; us-west-2 ACM certificates\n' +
        '    (renewals): Throttling',
    );
  });
});
