import { topicRegion } from '../../lambda/aws/sns';
import { parseSettings } from '../../lambda/settings';

const valid = {
  ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:iam-cert-expiry-alerts',
  THRESHOLD_DAYS: '7',
  WARNING_DAYS: '30',
  REGIONS: 'all',
};

describe('parseSettings', () => {
  it('reads a valid environment', () => {
    expect(parseSettings(valid)).toEqual({
      topicArn: valid.ALERT_TOPIC_ARN,
      thresholds: { thresholdDays: 7, warningDays: 30 },
      regions: 'all',
      maxSnoozeDays: 90,
      securityHub: false,
    });
  });

  it('reads who the topic alerts (ALERT_SUBSCRIBERS); unset or blank: not known', () => {
    expect(parseSettings({ ...valid, ALERT_SUBSCRIBERS: 'slack,elsewhere' }).subscribers).toEqual([
      'slack',
      'elsewhere',
    ]);
    expect(parseSettings({ ...valid, ALERT_SUBSCRIBERS: ' ' })).not.toHaveProperty('subscribers');
    expect(parseSettings(valid)).not.toHaveProperty('subscribers');
    expect(() => parseSettings({ ...valid, ALERT_SUBSCRIBERS: 'email,pager' })).toThrow(
      'ALERT_SUBSCRIBERS: expected comma-separated email, slack, elsewhere, got "email,pager"',
    );
  });

  it('reads the sink switches: SECURITY_HUB true/false, EVENT_BUS a bus name or ARN (unset: off)', () => {
    expect(parseSettings({ ...valid, SECURITY_HUB: 'TRUE', EVENT_BUS: ' certs ' })).toMatchObject({
      securityHub: true,
      eventBus: 'certs',
    });
    const arn = 'arn:aws:events:eu-west-1:123456789012:event-bus/security/certs';
    expect(parseSettings({ ...valid, SECURITY_HUB: 'false', EVENT_BUS: arn })).toMatchObject({
      securityHub: false,
      eventBus: arn,
    });
    expect(parseSettings({ ...valid, SECURITY_HUB: ' ', EVENT_BUS: '' })).not.toHaveProperty('eventBus');
  });

  it('names an invalid sink switch with the accepted form', () => {
    expect(() => parseSettings({ ...valid, SECURITY_HUB: 'yes', EVENT_BUS: 'aws.partner/x' })).toThrow(
      /SECURITY_HUB: expected true or false, got "yes"[\s\S]*EVENT_BUS: expected an EventBridge bus name \(letters, digits and \/\._-\) or bus ARN/,
    );
  });

  it('reads a region list, trimmed and without duplicates, and no warning tier when WARNING_DAYS is unset', () => {
    const { WARNING_DAYS: _w, ...rest } = valid;
    expect(parseSettings({ ...rest, REGIONS: ' us-east-1, eu-west-1,us-east-1 ' })).toMatchObject({
      regions: ['us-east-1', 'eu-west-1'],
      thresholds: { warningDays: 0 },
    });
  });

  it('reads region names of every partition (the same rule as the stack context)', () => {
    expect(parseSettings({ ...valid, REGIONS: 'ap-southeast-5,us-gov-west-1,eusc-de-east-1' }).regions).toEqual([
      'ap-southeast-5',
      'us-gov-west-1',
      'eusc-de-east-1',
    ]);
  });

  it('names every missing or invalid variable in one error', () => {
    expect(() => parseSettings({ THRESHOLD_DAYS: 'abc', WARNING_DAYS: '5', REGIONS: 'mars-1' })).toThrow(
      /ALERT_TOPIC_ARN: expected an SNS topic ARN, got nothing[\s\S]*THRESHOLD_DAYS: expected a whole number from 1 to 365, got "abc"[\s\S]*REGIONS: expected "all"/,
    );
  });

  it.each([
    ['THRESHOLD_DAYS', '0'],
    ['THRESHOLD_DAYS', '366'],
    ['THRESHOLD_DAYS', '7.5'],
    ['WARNING_DAYS', '7'],
    ['WARNING_DAYS', '-1'],
    ['REGIONS', ''],
    ['REGIONS', 'us-east-1,,'.repeat(0) + 'US-EAST-1'],
    ['ALERT_TOPIC_ARN', 'arn:aws:sqs:us-east-1:123456789012:q'],
  ])('rejects %s=%j', (name, value) => {
    expect(() => parseSettings({ ...valid, [name]: value })).toThrow(name);
  });

  it('takes the topic region from its ARN', () => {
    expect(topicRegion(valid.ALERT_TOPIC_ARN)).toBe('eu-west-1');
  });
});

describe('MAX_SNOOZE_DAYS', () => {
  const base = { ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts', THRESHOLD_DAYS: '7', REGIONS: 'all' };
  it('is the default when unset (an older stack) and the value when set', () => {
    expect(parseSettings(base).maxSnoozeDays).toBe(90);
    expect(parseSettings({ ...base, MAX_SNOOZE_DAYS: '14' }).maxSnoozeDays).toBe(14);
  });
  it('refuses a value outside 1-365', () => {
    expect(() => parseSettings({ ...base, MAX_SNOOZE_DAYS: '0' })).toThrow(
      'MAX_SNOOZE_DAYS: expected a whole number of days from 1 to 365, got "0"',
    );
  });
});
