import { shortestGapMinutes, longestGapMinutes, parseScheduleExpression } from '../../contract/schedule';

const gap = (expression: string) => longestGapMinutes(parseScheduleExpression(expression));

describe('longestGapMinutes', () => {
  test.each([
    ['rate(1 minute)', 1],
    ['rate(30 minutes)', 30],
    ['rate(6 hours)', 360],
    ['rate(1 day)', 1440],
    ['rate(3 days)', 4320],
    ['cron(0 8 * * ? *)', 1440],
    ['cron(0 8,20 * * ? *)', 720],
    ['cron(0 6,9 * * ? *)', 1260],
    ['cron(*/15 * * * ? *)', 15],
    ['cron(0 * * * ? *)', 60],
    ['cron(30 6 ? * MON-FRI *)', 3 * 1440], // Friday 06:30 -> Monday 06:30
    ['cron(0 8 ? * 2,4,6 *)', 3 * 1440], // Fri -> Mon
    ['cron(0 8 ? * SUN *)', 7 * 1440],
    ['cron(0 8 1 * ? *)', 31 * 1440],
    ['cron(0 8 * 1 ? *)', 335 * 1440], // January only: Jan 31 -> the next Jan 1
  ])('%s -> %d min', (expression, minutes) => {
    expect(gap(expression)).toBe(minutes);
  });

  test.each(['cron(0 8 L * ? *)', 'cron(0 8 ? * 2#1 *)', 'cron(0 8 15W * ? *)', 'cron(0 8 * * ? 2030)'])(
    '%s cannot be derived',
    (expression) => {
      expect(gap(expression)).toBeUndefined();
    },
  );
});

describe('shortestGapMinutes', () => {
  test.each([
    ['rate(5 minutes)', 5],
    ['rate(1 day)', 1440],
    ['cron(0/15 * * * ? *)', 15],
    ['cron(0 8 * * ? *)', 1440],
    ['cron(0 0,23 * * ? *)', 60],
    ['cron(0 8 ? * MON-FRI *)', 1440],
    ['cron(0,30 8 L * ? *)', 30],
    ['cron(0 8 L * ? *)', undefined],
  ])('%s -> %s', (expression, minutes) => {
    expect(shortestGapMinutes(parseScheduleExpression(expression))).toBe(minutes);
  });
});
