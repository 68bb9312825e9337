/**
 * The CSV format: parsed back with csv-parse (strict: equal column counts, no loose quotes), one row per certificate
 * and place, and account strings that cannot start a formula or break a row.
 */
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, renderCsv } from '../../../lambda/render/csv-report';
import { realisticReport } from '../../fixtures/reports/realistic';
import { classicUsage, distributionUsage, finding, report, usage } from './support';

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

function rows(csv: string): Row[] {
  const records = parse(csv, { columns: true, relax_quotes: false, relax_column_count: false }) as Row[];
  expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  return records;
}

describe('renderCsv', () => {
  it('has one row per flagged certificate and place, and one row with empty place columns for none', () => {
    const r = report([
      finding('two-places', 'critical', 3, [usage({ name: 'alb-a' }), classicUsage({ name: 'elb-b' })]),
      finding('nowhere', 'expired', -2, []),
    ]);
    const parsed = rows(renderCsv([r]));
    expect(parsed.map((row) => [row.certificate_name, row.place_type, row.place_name])).toEqual([
      ['two-places', 'application', 'alb-a'],
      ['two-places', 'classic', 'elb-b'],
      ['nowhere', '', ''],
    ]);
    const nowhere = parsed[2]!;
    for (const column of CSV_COLUMNS.filter((c) => c.startsWith('place_'))) expect(nowhere[column]).toBe('');
    expect(nowhere).toMatchObject({ severity: 'expired', days_left: '-2', places_complete: 'true' });
  });

  it('covers every finding and place of the realistic report, with the facts a spreadsheet user filters on', () => {
    const parsed = rows(renderCsv([realisticReport]));
    const expected = realisticReport.findings.reduce((n, f) => n + Math.max(1, f.usages.length), 0);
    expect(parsed).toHaveLength(expected);
    expect(new Set(parsed.map((row) => row.certificate_arn))).toEqual(
      new Set(realisticReport.findings.map((f) => f.certificate.arn)),
    );
    expect(parsed[0]).toMatchObject({
      checked_at: '2026-03-14T06:00:00Z',
      account_id: '123456789012',
      account_name: 'acme-prod',
      certificate_name: 'www-example-com-2025',
      severity: 'expired',
      expires_at: '2026-03-11T00:00:00Z',
      expiry_source: 'iam',
      place_region: 'us-east-1',
      place_port: '443',
    });
  });

  it('says when places may be missing: a region that could not be read', () => {
    const gap = { region: 'eu-west-1', service: 'elb' as const, reason: 'AccessDenied' };
    const r = report([finding('shop')], {
      coverage: { regionsScanned: ['us-east-1'], gaps: [gap], regionsNotChecked: [], complete: false },
    });
    expect(rows(renderCsv([r]))[0]!.places_complete).toBe('false');
  });

  it('lists a CloudFront distribution as a global place', () => {
    const r = report([finding('cdn', 'critical', 3, [distributionUsage({ id: 'E1ABC', aliases: ['a.example'] })])]);
    expect(rows(renderCsv([r]))[0]).toMatchObject({ place_type: 'cloudfront', place_region: 'global' });
  });

  it('is the header alone on a quiet day, and one header for several accounts', () => {
    expect(renderCsv([report([])])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const other = report([finding('api')], { accountId: '222222222222', accountAlias: 'prod-api' });
    const parsed = rows(renderCsv([report([finding('web')]), other]));
    expect(parsed.map((row) => [row.account_id, row.account_name, row.certificate_name])).toEqual([
      ['123456789012', 'acme-prod', 'web'],
      ['222222222222', 'prod-api', 'api'],
    ]);
  });

  it('keeps hostile account strings in their cell: no formula, no extra row, no hidden character', () => {
    const evil = '=HYPERLINK("https://evil.example","renew"),\r\nx\u202e';
    const r = report([finding(evil, 'critical', 3, [usage({ name: '+cmd|calc' })], { owner: '@SUM(1)' })], {
      accountAlias: '-1+1',
    });
    const [row, ...more] = rows(renderCsv([r]));
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      certificate_name: `'=HYPERLINK("https://evil.example","renew"),\uFFFD\uFFFDx\uFFFD`,
      place_name: "'+cmd|calc",
      owner: "'@SUM(1)",
      account_name: "'-1+1",
    });
  });
});
