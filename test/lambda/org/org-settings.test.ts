import {
  parseAggregateSettings,
  parseListAccountsSettings,
  parseScanAccountSettings,
} from '../../../lambda/org/org-settings';

describe('organization function settings', () => {
  it('list accounts: OUs and root ids, excluded accounts (may be empty)', () => {
    expect(
      parseListAccountsSettings({
        RUN_DATA_BUCKET: 'run-data',
        ORGANIZATIONAL_UNITS: 'r-ab12, ou-ab12-12345678',
        EXCLUDE_ACCOUNTS: '',
      }),
    ).toEqual({
      runDataBucket: 'run-data',
      organizationalUnits: ['r-ab12', 'ou-ab12-12345678'],
      excludeAccounts: new Set(),
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      parseListAccountsSettings({
        RUN_DATA_BUCKET: 'Bad_Bucket',
        ORGANIZATIONAL_UNITS: 'ou-nope',
        EXCLUDE_ACCOUNTS: '12',
      }),
    ).toThrow(
      /RUN_DATA_BUCKET: expected an S3 bucket name, got "Bad_Bucket"\n {2}ORGANIZATIONAL_UNITS: expected .*"ou-nope"\n {2}EXCLUDE_ACCOUNTS: expected .*"12"/,
    );
    expect(() =>
      parseScanAccountSettings({
        RUN_DATA_BUCKET: 'run-data',
        MEMBER_ROLE_NAME: 'bad role',
        THRESHOLD_DAYS: '0',
        REGIONS: 'all',
      }),
    ).toThrow(
      /MEMBER_ROLE_NAME: expected an IAM role name.*\n {2}THRESHOLD_DAYS: expected a whole number from 1 to 365/,
    );
    expect(() => parseAggregateSettings({})).toThrow(
      /RUN_DATA_BUCKET: .*nothing \(the variable is not set\)\n {2}ALERT_TOPIC_ARN: expected an SNS topic ARN/,
    );
  });

  it('aggregate: the Slack channel’s digest-only topic is optional, and checked when set', () => {
    const base = {
      RUN_DATA_BUCKET: 'run-data',
      ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111111111111:alerts',
      THRESHOLD_DAYS: '14',
      WARNING_DAYS: '45',
    };
    expect(parseAggregateSettings(base)).toEqual({
      runDataBucket: 'run-data',
      topicArn: base.ALERT_TOPIC_ARN,
      thresholds: { thresholdDays: 14, warningDays: 45 },
    });
    expect(
      parseAggregateSettings({ ...base, CHAT_DIGEST_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111111111111:chat' }),
    ).toMatchObject({ chatDigestTopicArn: 'arn:aws:sns:eu-west-1:111111111111:chat' });
    expect(() => parseAggregateSettings({ ...base, CHAT_DIGEST_TOPIC_ARN: 'chat' })).toThrow(
      /CHAT_DIGEST_TOPIC_ARN: expected an SNS topic ARN \(or nothing\), got "chat"/,
    );
  });

  it('the scan needs thresholds and regions but no topic (it never publishes)', () => {
    expect(
      parseScanAccountSettings({
        RUN_DATA_BUCKET: 'run-data',
        MEMBER_ROLE_NAME: 'IamCertExpiryMonitorReader',
        THRESHOLD_DAYS: '7',
        WARNING_DAYS: '30',
        REGIONS: 'eu-west-1',
      }),
    ).toEqual({
      runDataBucket: 'run-data',
      memberRoleName: 'IamCertExpiryMonitorReader',
      thresholds: { thresholdDays: 7, warningDays: 30 },
      maxSnoozeDays: 90,
      regions: ['eu-west-1'],
      securityHub: false,
    });
  });
});
