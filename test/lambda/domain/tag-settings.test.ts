import { parseTagSettings, TAG_KEYS } from '../../../lambda/domain/tag-settings';

/** Snoozes in these tests reach at most 90 days past this now. */
const limits = { now: new Date('2026-11-26T08:00:00Z'), maxSnoozeDays: 90 };

describe('parseTagSettings', () => {
  it('has no settings and no problems without tags', () => {
    expect(parseTagSettings({ Name: 'web' }, limits)).toEqual({ problems: [] });
  });

  it('reads ignore=true, an owner and a threshold override', () => {
    const settings = parseTagSettings(
      {
        [TAG_KEYS.ignore]: 'TRUE',
        [TAG_KEYS.owner]: ' team-web ',
        [TAG_KEYS.thresholdDays]: '14',
      },
      limits,
    );
    expect(settings).toEqual({ ignored: true, owner: 'team-web', thresholdDays: 14, problems: [] });
  });

  it('reads a snooze date', () => {
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '2026-12-31' }, limits).snoozedUntil).toEqual(
      new Date('2026-12-31T00:00:00Z'),
    );
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '2026-12-31T12:00:00Z' }, limits).snoozedUntil).toEqual(
      new Date('2026-12-31T12:00:00Z'),
    );
  });

  it('ignore=false is a valid way to say "alert as usual"', () => {
    expect(parseTagSettings({ [TAG_KEYS.ignore]: 'false' }, limits)).toEqual({ ignored: false, problems: [] });
  });

  it.each([
    [TAG_KEYS.ignore, 'yes'],
    [TAG_KEYS.ignore, '2026-13-45'],
    [TAG_KEYS.ignore, '2027-02-31'],
    [TAG_KEYS.ignore, '2026-11-31'],
    [TAG_KEYS.ignore, '2027-02-29'],
    [TAG_KEYS.ignore, '9999-12-31'],
    [TAG_KEYS.ignore, '2027-02-25'],
    [TAG_KEYS.thresholdDays, 'abc'],
    [TAG_KEYS.thresholdDays, '0'],
    [TAG_KEYS.thresholdDays, '366'],
    [TAG_KEYS.thresholdDays, '7.5'],
  ])('reports %s=%s as a problem and applies the default', (key, value) => {
    const settings = parseTagSettings({ [key]: value }, limits);
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toContain(key);
    expect(settings.thresholdDays).toBeUndefined();
    expect(settings.ignored).toBeUndefined();
    expect(settings.snoozedUntil).toBeUndefined();
  });

  it('names a date that is no calendar day, and a snooze past maxSnoozeDays, each in its own words', () => {
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '2027-02-31' }, limits).problems).toEqual([
      'cert-expiry-monitor:ignore="2027-02-31": expected true, false or a real calendar date (ISO 8601) such as 2026-12-31',
    ]);
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '9999-12-31' }, limits).problems).toEqual([
      'cert-expiry-monitor:ignore="9999-12-31": a snooze may reach at most 90 days ahead (maxSnoozeDays), so it was not applied',
    ]);
  });

  it('accepts a snooze up to exactly maxSnoozeDays ahead', () => {
    // now + 90 days = 2027-02-24T08:00Z
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '2027-02-24T08:00:00Z' }, limits)).toEqual({
      snoozedUntil: new Date('2027-02-24T08:00:00Z'),
      problems: [],
    });
    expect(
      parseTagSettings({ [TAG_KEYS.ignore]: '2027-02-24' }, { ...limits, maxSnoozeDays: 1 }).problems,
    ).toHaveLength(1);
  });

  it('cuts a hostile value short in the problem text', () => {
    const [problem] = parseTagSettings({ [TAG_KEYS.thresholdDays]: 'x'.repeat(5000) }, limits).problems;
    expect(problem.length).toBeLessThan(200);
  });

  it('cuts a very long owner', () => {
    expect(parseTagSettings({ [TAG_KEYS.owner]: 'o'.repeat(1000) }, limits).owner).toHaveLength(201);
  });
});
