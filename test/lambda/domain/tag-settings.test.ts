import { parseTagSettings, TAG_KEYS } from '../../../lambda/domain/tag-settings';

describe('parseTagSettings', () => {
  it('has no settings and no problems without tags', () => {
    expect(parseTagSettings({ Name: 'web' })).toEqual({ problems: [] });
  });

  it('reads ignore=true, an owner and a threshold override', () => {
    const settings = parseTagSettings({
      [TAG_KEYS.ignore]: 'TRUE',
      [TAG_KEYS.owner]: ' team-web ',
      [TAG_KEYS.thresholdDays]: '14',
    });
    expect(settings).toEqual({ ignored: true, owner: 'team-web', thresholdDays: 14, problems: [] });
  });

  it('reads a snooze date', () => {
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '2026-12-31' }).snoozedUntil).toEqual(
      new Date('2026-12-31T00:00:00Z'),
    );
    expect(parseTagSettings({ [TAG_KEYS.ignore]: '2026-12-31T12:00:00Z' }).snoozedUntil).toEqual(
      new Date('2026-12-31T12:00:00Z'),
    );
  });

  it('ignore=false is a valid way to say "alert as usual"', () => {
    expect(parseTagSettings({ [TAG_KEYS.ignore]: 'false' })).toEqual({ ignored: false, problems: [] });
  });

  it.each([
    [TAG_KEYS.ignore, 'yes'],
    [TAG_KEYS.ignore, '2026-13-45'],
    [TAG_KEYS.thresholdDays, 'abc'],
    [TAG_KEYS.thresholdDays, '0'],
    [TAG_KEYS.thresholdDays, '366'],
    [TAG_KEYS.thresholdDays, '7.5'],
  ])('reports %s=%s as a problem and applies the default', (key, value) => {
    const settings = parseTagSettings({ [key]: value });
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toContain(key);
    expect(settings.thresholdDays).toBeUndefined();
    expect(settings.ignored).toBeUndefined();
    expect(settings.snoozedUntil).toBeUndefined();
  });

  it('cuts a hostile value short in the problem text', () => {
    const [problem] = parseTagSettings({ [TAG_KEYS.thresholdDays]: 'x'.repeat(5000) }).problems;
    expect(problem.length).toBeLessThan(200);
  });

  it('cuts a very long owner', () => {
    expect(parseTagSettings({ [TAG_KEYS.owner]: 'o'.repeat(1000) }).owner).toHaveLength(201);
  });
});
