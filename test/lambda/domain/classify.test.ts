import { classify, classifyExpiry, DAY_MS, daysLeft, widestWindowDays } from '../../../lambda/domain/classify';
import type { ServerCertificate } from '../../../lambda/domain/types';

const now = new Date('2026-11-26T08:00:00.000Z');
const thresholds = { thresholdDays: 7, warningDays: 30 };
const cert = (expiration?: Date): ServerCertificate => ({
  name: 'web',
  id: 'ASCAEXAMPLE000000001',
  arn: 'arn:aws:iam::123456789012:server-certificate/web',
  path: '/',
  ...(expiration ? { expiration } : {}),
});
const at = (ms: number) => new Date(now.getTime() + ms);

describe('classify', () => {
  it.each([
    ['expired 1 ms ago', -1, 'expired', 0],
    ['expiring exactly now', 0, 'expired', 0],
    ['expired 3 days and 1 hour ago', -(3 * DAY_MS + 3_600_000), 'expired', -3],
    ['1 ms left', 1, 'critical', 0],
    ['exactly 7 days left (boundary included)', 7 * DAY_MS, 'critical', 7],
    ['7 days and 1 s left', 7 * DAY_MS + 1000, 'warning', 7],
    ['6 days 23 h left', 7 * DAY_MS - 3_600_000, 'critical', 6],
    ['exactly 30 days left', 30 * DAY_MS, 'warning', 30],
    ['30 days and 1 s left', 30 * DAY_MS + 1000, 'ok', 30],
    ['a year left', 365 * DAY_MS, 'ok', 365],
  ])('%s', (_label, offset, severity, daysLeft) => {
    expect(classify(cert(at(offset)), thresholds, now)).toEqual({ certificate: cert(at(offset)), severity, daysLeft });
  });

  it('reports a missing Expiration as unknown, without days left', () => {
    expect(classify(cert(undefined), thresholds, now)).toEqual({ certificate: cert(undefined), severity: 'unknown' });
  });

  it('treats an unparseable date as unknown', () => {
    expect(classify(cert(new Date('garbage')), thresholds, now).severity).toBe('unknown');
  });

  it('has no warning tier when warningDays is 0', () => {
    expect(classify(cert(at(8 * DAY_MS)), { thresholdDays: 7, warningDays: 0 }, now).severity).toBe('ok');
  });

  it('never says -0 days', () => {
    expect(Object.is(classify(cert(at(-1)), thresholds, now).daysLeft, -0)).toBe(false);
  });

  it('widest window is the larger threshold', () => {
    expect(widestWindowDays({ thresholdDays: 7, warningDays: 30 })).toBe(30);
    expect(widestWindowDays({ thresholdDays: 14, warningDays: 0 })).toBe(14);
  });
});

describe('daysLeft: the one day count, at its boundaries', () => {
  const now = new Date('2026-03-14T06:00:00.000Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  const DAY = 86_400_000;

  it.each([
    ['exactly 5 days', 5 * DAY, 5],
    ['5 days less 1 ms', 5 * DAY - 1, 4],
    ['5 days and 1 ms', 5 * DAY + 1, 5],
    ['exactly now', 0, 0],
    ['1 ms left', 1, 0],
    ['expired 1 ms ago', -1, 0],
    ['expired exactly 1 day ago', -DAY, -1],
    ['expired 1 day less 1 ms ago', -DAY + 1, 0],
    ['expired 3 days and 1 ms ago', -3 * DAY - 1, -3],
  ])('%s → %i', (_label, ms, days) => {
    expect(Object.is(daysLeft(at(ms), now), days)).toBe(true);
  });

  it('classifyExpiry counts with it, and keeps the inclusive boundaries of classify', () => {
    const thresholds = { thresholdDays: 7, warningDays: 30 };
    expect(classifyExpiry(at(7 * DAY), thresholds, now)).toEqual({ severity: 'critical', daysLeft: 7 });
    expect(classifyExpiry(at(7 * DAY + 1), thresholds, now)).toEqual({ severity: 'warning', daysLeft: 7 });
    expect(classifyExpiry(at(0), thresholds, now)).toEqual({ severity: 'expired', daysLeft: 0 });
  });
});
