import { DAY_MS } from '../../../lambda/domain/classify';
import { certificatesNeedingTags, evaluateCertificates } from '../../../lambda/domain/evaluate';
import { parseTagSettings } from '../../../lambda/domain/tag-settings';
import type { CertificateTagSettings, ServerCertificate } from '../../../lambda/domain/types';

const now = new Date('2026-11-26T08:00:00.000Z');
const thresholds = { thresholdDays: 7, warningDays: 30 };
const cert = (name: string, days?: number): ServerCertificate => ({
  name,
  id: `ASCA${name.toUpperCase()}`,
  arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  path: '/',
  ...(days === undefined ? {} : { expiration: new Date(now.getTime() + days * DAY_MS) }),
});
const noTags = new Map<string, CertificateTagSettings>();

describe('evaluateCertificates', () => {
  const certificates = [
    cert('ok', 200),
    cert('warn', 20),
    cert('soon', 3),
    cert('gone', -2),
    cert('mystery'),
    cert('sooner', 1),
  ];

  it('flags all but ok certificates, most urgent first', () => {
    const { flagged, snoozed, configurationProblems } = evaluateCertificates(certificates, thresholds, noTags, now);
    expect(flagged.map((f) => [f.certificate.name, f.severity, f.daysLeft])).toEqual([
      ['gone', 'expired', -2],
      ['sooner', 'critical', 1],
      ['soon', 'critical', 3],
      ['warn', 'warning', 20],
      ['mystery', 'unknown', undefined],
    ]);
    expect(flagged.every((f) => f.thresholdDays === 7)).toBe(true);
    expect(snoozed).toEqual([]);
    expect(configurationProblems).toEqual([]);
  });

  it('applies a threshold override, an owner, a snooze and ignore=true from tags', () => {
    const tags = new Map([
      [
        cert('warn').arn,
        parseTagSettings(
          { 'cert-expiry-monitor:threshold-days': '21', 'cert-expiry-monitor:owner': 'web team' },
          { now, maxSnoozeDays: 90 },
        ),
      ],
      [cert('soon').arn, parseTagSettings({ 'cert-expiry-monitor:ignore': '2026-12-01' }, { now, maxSnoozeDays: 90 })],
      [cert('gone').arn, parseTagSettings({ 'cert-expiry-monitor:ignore': 'true' }, { now, maxSnoozeDays: 90 })],
      [
        cert('sooner').arn,
        parseTagSettings({ 'cert-expiry-monitor:ignore': '2026-11-01' }, { now, maxSnoozeDays: 90 }),
      ],
    ]);
    const { flagged, snoozed } = evaluateCertificates(certificates, thresholds, tags, now);
    expect(flagged.map((f) => [f.certificate.name, f.severity, f.thresholdDays, f.owner])).toEqual([
      ['sooner', 'critical', 7, undefined], // snooze date in the past: alerted again
      ['warn', 'critical', 21, 'web team'],
      ['mystery', 'unknown', 7, undefined],
    ]);
    expect(snoozed.map((s) => [s.certificate.name, s.until?.toISOString()])).toEqual([
      ['soon', '2026-12-01T00:00:00.000Z'],
      ['gone', undefined],
    ]);
  });

  it('keeps a bad tag as a configuration problem and applies the default', () => {
    const tags = new Map([
      [cert('soon').arn, parseTagSettings({ 'cert-expiry-monitor:ignore': 'maybe' }, { now, maxSnoozeDays: 90 })],
    ]);
    const { flagged, configurationProblems } = evaluateCertificates([cert('soon', 3)], thresholds, tags, now);
    expect(flagged).toHaveLength(1);
    expect(configurationProblems).toEqual([
      { certificateName: 'soon', problem: expect.stringContaining('cert-expiry-monitor:ignore') },
    ]);
  });
});

describe('certificatesNeedingTags', () => {
  it('selects certificates inside the widest window and those of unknown expiry', () => {
    const certificates = [cert('a', 31), cert('b', 30), cert('c', -100), cert('d'), cert('e', 5)];
    expect(certificatesNeedingTags(certificates, thresholds, now).map((c) => c.name)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('uses the critical threshold when the warning tier is off', () => {
    expect(
      certificatesNeedingTags([cert('a', 8), cert('b', 7)], { thresholdDays: 7, warningDays: 0 }, now).map(
        (c) => c.name,
      ),
    ).toEqual(['b']);
  });
});
