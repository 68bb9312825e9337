import { commaSeparated, exitCodeOf } from '../../bin/check';
import { quietDayReport } from '../../bin/quiet-day-report';
import { renderJsonReport } from '../../lambda/render/json-report';
import { expectValid, finding, report, validateReport } from '../lambda/render/support';

describe('one exit-code table', () => {
  const gap = { region: 'eu-west-1', service: 'elbv2', reason: 'AccessDenied' } as const;
  test.each([
    ['a quiet day', undefined, 0],
    ['findings, everything checked', report([finding('shop')]), 1],
    [
      'findings and a NOT CHECKED region',
      report([finding('shop')], {
        coverage: { regionsScanned: [], gaps: [gap], regionsNotChecked: [], complete: false },
      }),
      1,
    ],
    [
      'no findings but a NOT CHECKED region',
      report([], { coverage: { regionsScanned: [], gaps: [gap], regionsNotChecked: [], complete: false } }),
      2,
    ],
  ])('%s -> %i', (_, r, code) => {
    expect(exitCodeOf(r)).toBe(code);
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
