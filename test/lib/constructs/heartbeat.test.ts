import { describeMinutes, heartbeatPlan, MAX_WINDOW_MINUTES } from '../../../lib/constructs/heartbeat';

describe('heartbeatPlan', () => {
  test('daily: 24 h + 2 h slack in 1-hour periods that must all breach', () => {
    expect(heartbeatPlan('cron(0 8 * * ? *)')).toEqual({
      gapMinutes: 1440,
      windowMinutes: 26 * 60,
      periodSeconds: 3600,
      evaluationPeriods: 26,
      capped: false,
    });
  });
  test('hourly: one 90-minute period', () => {
    expect(heartbeatPlan('rate(1 hour)')).toEqual({
      gapMinutes: 60,
      windowMinutes: 90,
      periodSeconds: 5400,
      evaluationPeriods: 1,
      capped: false,
    });
  });
  test('every 5 minutes: slack is at least 30 minutes (a run may take up to 15)', () => {
    expect(heartbeatPlan('rate(5 minutes)')).toMatchObject({
      windowMinutes: 35,
      periodSeconds: 2100,
      evaluationPeriods: 1,
    });
  });
  test('weekdays only: the weekend gap counts (3 days + 2 h)', () => {
    expect(heartbeatPlan('cron(30 6 ? * MON-FRI *)')).toMatchObject({
      windowMinutes: 74 * 60,
      periodSeconds: 3600,
      evaluationPeriods: 74,
    });
  });
  test.each(['cron(0 8 ? * SUN *)', 'cron(0 8 1 * ? *)', 'cron(0 8 L * ? *)', 'rate(30 days)'])(
    '%s: capped at the 7-day CloudWatch maximum',
    (expression) => {
      const plan = heartbeatPlan(expression);
      expect(plan).toEqual({
        windowMinutes: MAX_WINDOW_MINUTES,
        periodSeconds: 3600,
        evaluationPeriods: 168,
        capped: true,
      });
    },
  );
  test.each([
    'rate(1 minute)',
    'rate(7 minutes)',
    'rate(1 hour)',
    'rate(23 hours)',
    'rate(1 day)',
    'rate(6 days)',
    'cron(0 8 ? * SUN *)',
  ])('%s respects CloudWatch limits', (expression) => {
    const { periodSeconds, evaluationPeriods } = heartbeatPlan(expression);
    expect(periodSeconds % 60).toBe(0);
    expect(periodSeconds * evaluationPeriods).toBeLessThanOrEqual(periodSeconds < 3600 ? 86_400 : 604_800);
  });
});

test('describeMinutes', () => {
  expect(describeMinutes(26 * 60)).toBe('26 h');
  expect(describeMinutes(35)).toBe('35 min');
  expect(describeMinutes(90)).toBe('1 h 30 min');
  expect(describeMinutes(1440)).toBe('1 day');
  expect(describeMinutes(7 * 1440)).toBe('7 days');
});
