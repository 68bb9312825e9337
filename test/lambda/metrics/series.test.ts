import { CHARTED_ACCOUNTS, CHARTED_CERTIFICATES, METRIC_NAMES } from '../../../contract/metrics';
import { daysToExpirySeries, flaggedPerAccountSeries } from '../../../lambda/metrics/series';
import { MAX_DIMENSION_VALUE_LENGTH } from '../../../lambda/text/sanitise';
import { finding } from '../render/support';

const certificates = (points: readonly { dimensions: Readonly<Record<string, string>> }[]) =>
  points.map((p) => p.dimensions.certificate);

describe('daysToExpirySeries', () => {
  it('charts the most urgent flagged certificates with a known expiry, one series each, and counts the rest', () => {
    const findings = [
      finding('warn-20', 'warning', 20),
      finding('unused-1', 'unused', 1),
      finding('crit-5', 'critical', 5),
      finding('expired', 'expired', -3),
      finding('crit-2', 'critical', 2),
      finding('no-date', 'unknown', undefined),
    ];
    const { points, notCharted } = daysToExpirySeries(findings, 3);
    expect(points).toEqual([
      { name: METRIC_NAMES.daysToExpiry, dimensions: { certificate: 'expired' }, value: -3 },
      { name: METRIC_NAMES.daysToExpiry, dimensions: { certificate: 'crit-2' }, value: 2 },
      { name: METRIC_NAMES.daysToExpiry, dimensions: { certificate: 'crit-5' }, value: 5 },
    ]);
    // warn-20 and unused-1 have a date but no series; no-date has no days to chart (UnknownExpiryCertificates).
    expect(notCharted).toBe(2);
  });

  it(`is bounded by CHARTED_CERTIFICATES (${CHARTED_CERTIFICATES}) by default, however many are flagged`, () => {
    const findings = Array.from({ length: 2_000 }, (_, i) => finding(`cert-${i}`, 'critical', i % 7));
    const { points, notCharted } = daysToExpirySeries(findings);
    expect(points).toHaveLength(CHARTED_CERTIFICATES);
    expect(notCharted).toBe(2_000 - CHARTED_CERTIFICATES);
    expect(points.every((p) => p.value === 0)).toBe(true);
  });

  it('charts nothing on a quiet day', () => {
    expect(daysToExpirySeries([])).toEqual({ points: [], notCharted: 0 });
  });

  it('makes names fit for a dimension value, and leaves the less urgent of two that then read the same to the count', () => {
    const findings = [
      finding('acme\u200B-prod', 'critical', 1),
      finding('line\nbreak', 'critical', 2),
      finding('caf\u00E9', 'critical', 3),
      finding('caf\u0065\u0301', 'critical', 4),
      finding('x'.repeat(3_000), 'critical', 5),
      finding('\u2028', 'critical', 6),
    ];
    const { points, notCharted } = daysToExpirySeries(findings);
    expect(certificates(points)).toEqual([
      'acme<U+200B>-prod',
      'line break',
      'cafe',
      'x'.repeat(MAX_DIMENSION_VALUE_LENGTH),
      '?',
    ]);
    expect(notCharted).toBe(1);
    for (const value of certificates(points)) expect(value).toMatch(/^[\x20-\x7E]*\S[\x20-\x7E]*$/);
  });

  it('in an organization, keys each series by account and certificate, so one name in two accounts is two series', () => {
    const findings = [
      { ...finding('shop', 'critical', 2), account: '222222222222' },
      { ...finding('shop', 'critical', 3), account: '333333333333' },
    ];
    expect(daysToExpirySeries(findings).points.map((p) => p.dimensions)).toEqual([
      { account: '222222222222', certificate: 'shop' },
      { account: '333333333333', certificate: 'shop' },
    ]);
  });
});

describe('flaggedPerAccountSeries', () => {
  it('charts the accounts with the most findings (ties by id), none without findings, and counts the rest', () => {
    const { points, notCharted } = flaggedPerAccountSeries(
      [
        { accountId: '333333333333', flagged: 2 },
        { accountId: '111111111111', flagged: 0 },
        { accountId: '444444444444', flagged: 5 },
        { accountId: '222222222222', flagged: 2 },
      ],
      2,
    );
    expect(points).toEqual([
      { name: METRIC_NAMES.flaggedCertificates, dimensions: { account: '444444444444' }, value: 5 },
      { name: METRIC_NAMES.flaggedCertificates, dimensions: { account: '222222222222' }, value: 2 },
    ]);
    expect(notCharted).toBe(1);
  });

  it(`is bounded by CHARTED_ACCOUNTS (${CHARTED_ACCOUNTS}) by default, for an organization of 1,000 accounts`, () => {
    const accounts = Array.from({ length: 1_000 }, (_, i) => ({
      accountId: String(100_000_000_000 + i),
      flagged: i % 4,
    }));
    const { points, notCharted } = flaggedPerAccountSeries(accounts);
    expect(points).toHaveLength(CHARTED_ACCOUNTS);
    expect(points.every((p) => p.value === 3)).toBe(true);
    expect(notCharted).toBe(750 - CHARTED_ACCOUNTS);
  });
});
